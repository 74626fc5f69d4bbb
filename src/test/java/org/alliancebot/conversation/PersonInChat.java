package org.alliancebot.conversation;

import java.util.List;

/**
 * Drives a conversation as one person in one chat would: typing a line, or pressing a button by its label. The
 * conversation tests implement it, so each test reads as what the person did.
 */
interface PersonInChat {

    Conversation conversation();

    /** A conversation over one snapshot, answering typed text from the articles, with no flood limit. */
    static Conversation over(Snapshot snapshot) {
        return new Conversation(() -> snapshot, new CaffeineSessionStore(java.time.Duration.ofHours(1), 100),
                Conversation.searchAnswers(), FloodGuard.unlimited(), ChatLogIds.random(),
                java.time.Duration.ofHours(24));
    }

    ChatId chat();

    default List<Reply> send(Input input) {
        return conversation().handle(chat(), input);
    }

    default List<Reply> typed(String line) {
        return send(Input.fromTyped(line));
    }

    /** Presses the first button labelled {@code label} among these replies. */
    default List<Reply> press(List<Reply> replies, String label) {
        Reply.Button button = replies.stream().flatMap(r -> r.buttons().stream())
                .filter(b -> b.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button " + label + " in " + replies));
        return send(new Input.Press(button.data()));
    }

    default List<String> labels(Reply reply) {
        return reply.buttons().stream().map(Reply.Button::label).toList();
    }
}
