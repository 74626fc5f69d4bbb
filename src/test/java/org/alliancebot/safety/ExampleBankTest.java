package org.alliancebot.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.content.SafetyExamples;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meaning tier on the fixture's small bank, read through the fake embedder (texts as close as shared words). */
class ExampleBankTest {

    @TempDir
    Path dir;

    Content content;
    Embeddings embeddings;

    @BeforeEach
    void setUp() {
        content = ContentFixture.validIn(dir).content();
        embeddings = TestEmbeddings.fake();
    }

    SafetyCheck check(ExampleBank.Thresholds thresholds) {
        return SafetyCheck.of(content.safety(), ExampleBank.of(content.safetyExamples(), embeddings, thresholds),
                embeddings);
    }

    @Test
    void aMessageCloseToACrisisExampleGetsTheResponseNamingThatExample() {
        var verdict = check(ExampleBank.Thresholds.DEFAULT).check("i have been giving away my guitar and my books");

        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.tier()).isEqualTo(SafetyCheck.Tier.RESPOND);
            assertThat(v.category()).isEqualTo("self-harm");
            assertThat(v.rule()).isEqualTo("self-harm-1");
            assertThat(v.score()).isGreaterThan(0.99f);
            assertThat(v.byRule()).isFalse();
        });
    }

    @Test
    void aMessageAsCloseToANearMissAsToACrisisExamplePasses() {
        var verdict = check(ExampleBank.Thresholds.DEFAULT).check("i gave my old clothes to charity");

        assertThat(verdict).isEmpty();
    }

    @Test
    void betweenTheTwoLinesAMessageGetsACheckIn() {
        var thresholds = new ExampleBank.Thresholds(0.9f, 0.5f, 0.3f, -1f);

        var verdict = check(thresholds).check("my therapist asked me for money");

        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.tier()).isEqualTo(SafetyCheck.Tier.CHECK_IN);
            assertThat(v.category()).isEqualTo("misconduct");
            assertThat(v.rule()).isEqualTo("misconduct-3");
        });
    }

    @Test
    void thePhraseRulesComeFirstAndAreNotScored() {
        var verdict = check(ExampleBank.Thresholds.DEFAULT).check("i want to kill myself");

        assertThat(verdict).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("self-harm/kill-myself");
            assertThat(v.tier()).isEqualTo(SafetyCheck.Tier.RESPOND);
            assertThat(v.score()).isNull();
        });
    }

    @Test
    void anEmptyBankNeverFires() {
        ExampleBank empty = ExampleBank.of(new SafetyExamples(java.util.Map.of(), java.util.List.of()), embeddings);

        assertThat(SafetyCheck.of(content.safety(), empty, embeddings).check("i have given my guitar away"))
                .isEmpty();
    }

    @Test
    void leavingAnExampleOutReadsItAsTheBankWouldHadItNotBeenWritten() {
        ExampleBank bank = ExampleBank.of(content.safetyExamples(), embeddings);
        float[] first = bank.crisisVector(0);

        assertThat(bank.read(first).orElseThrow().similarity()).isGreaterThan(0.99f);
        assertThat(bank.read(first, 0, -1).orElseThrow().similarity()).isLessThan(0.99f);
    }

    @Test
    void theBanksExamplesAreEmbeddedOnceAcrossSnapshots() {
        var counting = new org.alliancebot.embedding.FakeEmbedder();
        Embeddings shared = Embeddings.inMemory(counting);

        ExampleBank.of(content.safetyExamples(), shared);
        int first = counting.calls();
        ExampleBank.of(content.safetyExamples(), shared);

        assertThat(counting.calls()).isEqualTo(first).isEqualTo(23);
    }
}
