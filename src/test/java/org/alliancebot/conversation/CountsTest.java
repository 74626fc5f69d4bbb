package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.Test;

/** What a conversation counts for editors' funnels: where people went and how they left, never what they wrote. */
class CountsTest implements PersonInChat {

    static final Snapshot SNAPSHOT = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
    static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    static final String FIT = "Is this therapist a good fit?";

    final DailyCounts counts = new DailyCounts(Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC));
    final Conversation conversation = new Conversation(() -> SNAPSHOT,
            new CaffeineSessionStore(Duration.ofHours(1), 100), Conversation.searchAnswers(), FloodGuard.unlimited(),
            ChatLogIds.random(), Duration.ofHours(24), counts);

    @Override
    public Conversation conversation() {
        return conversation;
    }

    @Override
    public ChatId chat() {
        return new ChatId("7");
    }

    long count(Map<DailyCounts.Key, Long> taken, Tally.Event event, String subject, String detail) {
        return taken.getOrDefault(new DailyCounts.Key(DAY, event, subject, detail), 0L);
    }

    @Test
    void eachStepIsCountedWhereItIsReachedAndWhereItIsLeftByAButton() {
        List<Reply> first = press(typed("/start"), FIT);
        press(first, "One or two");

        Map<DailyCounts.Key, Long> taken = counts.take();

        assertThat(count(taken, Tally.Event.REACHED, "fit", "sessions")).isOne();
        assertThat(count(taken, Tally.Event.LEFT_BY_BUTTON, "fit", "sessions")).isOne();
        assertThat(count(taken, Tally.Event.REACHED, "fit", "comfort")).isOne();
        assertThat(count(taken, Tally.Event.LEFT_BY_BUTTON, "fit", "comfort")).isZero();
    }

    @Test
    void goingBackAndStartingAgainAreCountedAtTheStepLeft() {
        press(press(typed("/start"), FIT), "One or two");
        typed("/back");
        typed("/restart");

        Map<DailyCounts.Key, Long> taken = counts.take();

        assertThat(count(taken, Tally.Event.WENT_BACK, "fit", "comfort")).isOne();
        assertThat(count(taken, Tally.Event.RESTARTED, "fit", "sessions")).isOne();
        assertThat(count(taken, Tally.Event.REACHED, "fit", "sessions")).as("start, back, restart").isEqualTo(3);
    }

    @Test
    void typedQuestionsAreCountedAsAnsweredOrNotWithTheArticleThatAnswered() {
        typed("how do I tell my therapist I want to stop");
        typed("best pasta recipe with zebrafish");

        Map<DailyCounts.Key, Long> taken = counts.take();

        assertThat(count(taken, Tally.Event.TYPED_ANSWERED, "", "")).isOne();
        assertThat(count(taken, Tally.Event.TYPED_NO_ANSWER, "", "")).isOne();
        assertThat(taken.keySet()).anySatisfy(key -> assertThat(key.event()).isEqualTo(Tally.Event.ARTICLE_FROM_SEARCH));
    }

    @Test
    void safetyIsCountedByCategoryAndTier() {
        typed("i want to kill myself");

        assertThat(count(counts.take(), Tally.Event.SAFETY, "self-harm", "respond")).isOne();
    }

    @Test
    void nothingAPersonTypedIsEverPartOfACount() {
        typed("zebrafish is what my therapist calls me");
        typed("/search zebrafish therapy");
        press(typed("/start zebrafish"), FIT);

        assertThat(counts.take().keySet()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.subject()).doesNotContainIgnoringCase("zebrafish");
            assertThat(key.detail()).doesNotContainIgnoringCase("zebrafish");
        });
    }

    @Test
    void takenCountsStartAgainFromNothing() {
        typed("/start");
        press(typed("/start"), FIT);
        counts.take();

        assertThat(counts.take()).isEmpty();
    }
}
