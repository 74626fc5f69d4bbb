package org.alliancebot.conversation;

import java.util.List;

/**
 * Drives a conversation as one person in one chat would: typing a line, or pressing a button by its label. The
 * conversation tests implement it, so each test reads as what the person did.
 */
interface PersonInChat {

    Conversation conversation();

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
