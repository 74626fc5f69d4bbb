package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.NodeRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed questions answered from the articles, and articles sent whole. */
class AnswersTest implements PersonInChat {

    @TempDir
    Path dir;

    final ChatId chat = new ChatId("7");
    final CaffeineSessionStore store = new CaffeineSessionStore(Duration.ofHours(1), 10);
    Conversation conversation;

    @BeforeEach
    void setUp() {
        Snapshot snapshot = Snapshot.of(ContentFixture.withArticlesIn(dir).content());
        conversation = new Conversation(() -> snapshot, store);
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
    void questionGetsTheBestPassageWithTitleSectionAndReadButton() {
        List<Reply> replies = typed("is it normal to be angry at my shrink?");

        Reply first = replies.getFirst();
        assertThat(first.kind()).isEqualTo(Reply.Kind.ANSWER);
        assertThat(Markdown.toPlain(first.text())).startsWith("Anger at your therapist\nIs it normal to be angry")
                .contains("Many people feel angry with their therapist");
        assertThat(labels(first)).startsWith("Read the article");
    }

    @Test
    void matchingTreeIsOfferedUnderTheAnswer() {
        List<Reply> replies = typed("angry at my therapist");

        assertThat(labels(replies.getLast())).contains("Walk through: Sleep and therapy");
    }

    @Test
    void oneQuestionGetsOneAnswerWithTheOtherMatchesAsButtons() {
        List<Reply> replies = typed("therapist end angry transference behaviour");

        assertThat(replies).singleElement().satisfies(answer -> {
            assertThat(answer.kind()).isEqualTo(Reply.Kind.ANSWER);
            assertThat(labels(answer).getFirst()).isEqualTo("Read the article");
            assertThat(labels(answer).stream().filter(l -> l.startsWith("Also: "))).hasSizeBetween(1, 2);
        });
    }

    @Test
    void pressingAnotherMatchShowsThatPassageTheSameWay() {
        List<Reply> first = typed("therapist end angry transference behaviour");
        String also = labels(first.getFirst()).stream().filter(l -> l.startsWith("Also: ")).findFirst()
                .orElseThrow();

        List<Reply> other = press(first, also);

        assertThat(other).singleElement().satisfies(answer -> {
            assertThat(answer.kind()).isEqualTo(Reply.Kind.ANSWER);
            assertThat(Markdown.toPlain(answer.text())).startsWith(also.substring("Also: ".length()));
            assertThat(labels(answer)).startsWith("Read the article").endsWith("Main menu");
        });
    }

    @Test
    void questionInsideATreeKeepsThePlaceAndOffersItBack() {
        typed("/start sleep");

        List<Reply> replies = typed("why am I so angry at my therapist");

        assertThat(labels(replies.getLast())).contains("Back to where I was");
        assertThat(store.get(chat).orElseThrow().at()).isEqualTo(new NodeRef("sleep", "tired"));
        assertThat(press(replies, "Back to where I was").getLast().text()).isEqualTo("How do you feel in sessions?");
    }

    @Test
    void searchCommandAnswersLikeTypedText() {
        assertThat(typed("/search angry at my therapist")).isEqualTo(typed("angry at my therapist"));
    }

    @Test
    void searchCommandWithoutWordsExplainsItself() {
        assertThat(typed("/search").getFirst().text()).contains("Type /search and then your question");
    }

    @Test
    void nothingRelevantSaysSoAndOffersTopics() {
        List<Reply> replies = typed("what's the weather in paris");

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.text()).contains("I don't have a good answer");
            assertThat(labels(r)).containsExactly("Sleep and therapy");
        });
    }

    @Test
    void readTheArticleSendsItWholeWithRelatedTopics() {
        List<Reply> replies = press(typed("angry at my therapist"), "Read the article");

        assertThat(replies).allSatisfy(r -> assertThat(r.kind()).isEqualTo(Reply.Kind.ARTICLE));
        String text = String.join("\n", replies.stream().map(Reply::text).toList());
        assertThat(text).contains("**Anger at your therapist**", "**What is transference?**",
                "Transference is when feelings");
        assertThat(labels(replies.getLast())).containsExactly("Sleep and therapy", "Main menu");
    }

    @Test
    void outcomeOffersItsArticles() {
        typed("/start sleep");
        List<Reply> outcome = press(press(press(typed("/restart"), "Worn out"), "Continue"), "Anger at your therapist");

        assertThat(outcome.getFirst().text()).startsWith("**Anger at your therapist**");
        assertThat(labels(outcome.getLast())).contains("Back to where I was");
    }

    @Test
    void menuOffersItsArticles() {
        assertThat(labels(typed("/start").getFirst())).containsExactly("Sleep and therapy", "Ending with a therapist",
                "Get help now");
    }

    @Test
    void unknownArticleIsRefusedLikeAnyStaleButton() {
        List<Reply> replies = conversation.handle(chat, new Input.Press("r:no-such-article"));

        assertThat(replies.getFirst().text()).contains("earlier step");
    }
}
