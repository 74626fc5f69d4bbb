package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The messages that showed the bot did not understand people's own words (issue 11), played through the shipped
 * content with the real model: each gets the answer a person would expect.
 */
class PeoplesOwnWordsTest implements PersonInChat {

    static Snapshot snapshot;

    final ChatId chat = new ChatId("own-words");
    Conversation conversation;

    @BeforeAll
    static void load() {
        snapshot = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
    }

    @BeforeEach
    void setUp() {
        conversation = PersonInChat.over(snapshot);
    }

    @Override
    public Conversation conversation() {
        return conversation;
    }

    @Override
    public ChatId chat() {
        return chat;
    }

    /** The first answer's article, or the tree a reply offers to walk through. */
    private static void assertAnswersWithTransference(List<Reply> replies) {
        assertThat(replies).noneMatch(r -> r.kind() == Reply.Kind.SAFETY);
        assertThat(replies.getFirst().kind()).isEqualTo(Reply.Kind.ANSWER);
        assertThat(replies.getFirst().text()).startsWith("**Strong feelings toward your therapist**");
        assertThat(replies.stream().flatMap(r -> r.buttons().stream()).map(Reply.Button::data))
                .contains("s:transference");
    }

    @Test
    void aCrushOnTheTherapistFindsTransference() {
        assertAnswersWithTransference(typed("I think I have a crush on my therapist"));
    }

    @Test
    void anOldPatternReplayedInSessionsFindsTransference() {
        List<Reply> replies = typed("he reminds me of my ex and I get defensive in every session");

        assertThat(replies).noneMatch(r -> r.kind() == Reply.Kind.SAFETY);
        assertThat(replies.stream().flatMap(r -> r.buttons().stream()).map(Reply.Button::data))
                .contains("s:transference");
    }

    @Test
    void givingThingsAwayGetsTheSafetyResponseOrACheckIn() {
        List<Reply> replies = typed("I have started giving my things away");

        assertThat(replies).singleElement().satisfies(r -> assertThat(r.kind()).isEqualTo(Reply.Kind.SAFETY));
    }

    @Test
    void fillerWordsStillFindTheArticle() {
        assertThat(typed("honestly what is transference lol").getFirst().text())
                .startsWith("**Strong feelings toward your therapist**");
    }

    @Test
    void anUnknownWordStillFindsTheArticle() {
        assertThat(typed("quokka what is transference").getFirst().text())
                .startsWith("**Strong feelings toward your therapist**");
    }
}
