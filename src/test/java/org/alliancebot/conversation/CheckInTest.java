package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.TestEmbeddings;
import org.alliancebot.safety.ExampleBank;
import org.alliancebot.safety.SafetyCheck;
import org.alliancebot.search.ArticleIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-in: a message the meaning tier is not sure of gets one calm question and three answers. The fake
 * embedder reads shared words, and the thresholds here make any message sharing words with a crisis example, but
 * not most of them, a check-in.
 */
class CheckInTest implements PersonInChat {

    /** Shares "pills" and "saved" with a self-harm example, and words with the anger article. */
    static final String UNSURE = "i saved pills and i am angry with my therapist";

    @TempDir
    Path dir;

    final ChatId chat = new ChatId("42");
    Conversation conversation;

    @BeforeEach
    void setUp() {
        Content content = ContentFixture.withArticlesIn(dir).content();
        Embeddings embeddings = TestEmbeddings.fake();
        ExampleBank bank = ExampleBank.of(content.safetyExamples(), embeddings,
                new ExampleBank.Thresholds(0.99f, 0.5f, 0.2f, -1f));
        // Search by words alone: what is tested here is the check-in, not the ranking.
        Snapshot snapshot = new Snapshot(content, ArticleIndex.build(content),
                SafetyCheck.of(content.safety(), bank, embeddings));
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

    @Test
    void anUnsureMessageGetsOneQuestionWithThreeAnswers() {
        List<Reply> replies = typed(UNSURE);

        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.kind()).isEqualTo(Reply.Kind.SAFETY);
            assertThat(reply.text()).isEqualTo("Are you having thoughts of hurting yourself?");
            assertThat(labels(reply)).containsExactly("Yes", "No, I'm OK", "I'd rather not say");
        });
    }

    @Test
    void theButtonsCarryWhereTheAnswerIsButNotOneWordTyped() {
        List<Reply> replies = typed(UNSURE);

        assertThat(replies.getFirst().buttons()).allSatisfy(button -> {
            assertThat(button.data()).startsWith("k:").contains(":self-harm:a:anger:");
            for (String word : List.of("saved", "pills", "angry", "therapist")) {
                assertThat(button.data()).doesNotContain(word);
            }
        });
    }

    @Test
    void yesGivesTheFullResponseOfTheCategory() {
        List<Reply> replies = press(typed(UNSURE), "Yes");

        assertThat(replies).singleElement().satisfies(reply -> {
            assertThat(reply.kind()).isEqualTo(Reply.Kind.SAFETY);
            assertThat(reply.text()).isEqualTo("Please call **your local emergency number** or "
                    + "**a helpline at findahelpline.com** now.");
        });
    }

    @Test
    void noGoesOnWithWhatTheyAskedAfterAWarmWord() {
        List<Reply> replies = press(typed(UNSURE), "No, I'm OK");

        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).text()).isEqualTo("Glad to hear it.");
        assertThat(replies.get(1).kind()).isEqualTo(Reply.Kind.ANSWER);
        assertThat(replies.get(1).text()).contains("Anger at your therapist").contains("angry");
        assertThat(labels(replies.get(1))).contains("Read the article");
    }

    @Test
    void ratherNotSayGivesTheResourcesGentlyThenTheAnswer() {
        List<Reply> replies = press(typed(UNSURE), "I'd rather not say");

        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).kind()).isEqualTo(Reply.Kind.SAFETY);
        assertThat(replies.get(0).text()).isEqualTo("That's fine. Help is at a helpline at findahelpline.com.");
        assertThat(replies.get(1).text()).contains("Anger at your therapist");
    }

    @Test
    void theirPlaceInATreeIsKeptThroughTheCheckIn() {
        typed("/start sleep");

        List<Reply> answered = press(typed(UNSURE), "No, I'm OK");

        assertThat(labels(answered.getLast())).contains("Back to where I was");
        assertThat(press(answered, "Back to where I was").getFirst().text()).isEqualTo("How do you feel in sessions?");
    }

    @Test
    void aCheckInWithNothingToAnswerSaysSoAfterwards() {
        List<Reply> replies = press(typed("i saved pills"), "No, I'm OK");

        assertThat(replies.getLast().text()).contains("I don't have a good answer");
    }

    @Test
    void aMessageNearNoCrisisExamplePassesToSearch() {
        List<Reply> replies = typed("what time does the library open");

        assertThat(replies).allSatisfy(reply -> assertThat(reply.kind()).isNotEqualTo(Reply.Kind.SAFETY));
    }
}
