package org.alliancebot.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.alliancebot.content.ContentFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The matcher's rules of reading, on the small fixture rules (the shipped rules are measured elsewhere). */
class SafetyCheckTest {

    @TempDir
    Path dir;

    SafetyCheck check;

    @BeforeEach
    void load() {
        check = SafetyCheck.of(ContentFixture.validIn(dir).content().safety());
    }

    Optional<String> rule(String text) {
        return check.check(text).map(SafetyCheck.Verdict::rule);
    }

    @Nested
    class Reading {

        @ParameterizedTest
        @ValueSource(strings = {"I want to kill myself", "KILL MYSELF!!!", "kiiiilll myselffff", "kill... my-self",
                "i'm thinking about killing myself", "kms", "i want to kms 😞"})
        void caseStretchedLettersPunctuationAndEmojiDoNotHideAPhrase(String text) {
            assertThat(rule(text)).contains("self-harm/kill-myself");
        }

        @Test
        void wordsMustBeWholeWords() {
            assertThat(rule("skill myselfless")).isEmpty();
        }

        @Test
        void longWordsTolerateOneTypoShortOnesDoNot() {
            assertThat(rule("my therapist kissd me")).isEmpty(); // "kissed" squeezes to "kised": too short
            assertThat(rule("my therapsit kissed me")).isEmpty(); // a swap is two edits
            assertThat(rule("my therapis kissed me")).contains("misconduct/kissed");
        }

        @Test
        void noFuzzyWordsMatchOnlyExactly() {
            assertThat(SafetyCheck.withinOneEdit("talking", "stalking")).isTrue();
        }

        @Test
        void contractionsAreExpanded() {
            assertThat(Normaliser.words("I can't, I'm done, dont")).containsExactly("i", "can", "not", "i", "am",
                    "done", "do", "not");
        }
    }

    @Nested
    class Phrases {

        @Test
        void wildcardSpansUpToThreeWords() {
            assertThat(rule("my partner often really badly hits me")).contains("others/hit-me");
            assertThat(rule("my partner when drunk at night often hits me")).isEmpty();
        }

        @Test
        void classesStandForTheirWords() {
            assertThat(rule("my counsellor kissed me")).contains("misconduct/kissed");
            assertThat(rule("my neighbour kissed me")).isEmpty();
        }

        @Test
        void unlessCancelsOnlyTheMatchItOverlaps() {
            assertThat(rule("my partner hit me up last night")).isEmpty();
            assertThat(rule("my partner hit me up yesterday and today my partner hit me")).contains("others/hit-me");
        }

        @Test
        void firstRuleInFileOrderDecides() {
            assertThat(check.check("my therapist kissed me and i want to kill myself"))
                    .contains(new SafetyCheck.Verdict("self-harm", "self-harm/kill-myself"));
        }
    }

    @Test
    void emptyAndHugeTextAreFine() {
        assertThat(rule("")).isEmpty();
        assertThat(rule(null)).isEmpty();
        assertThat(rule("calm words ".repeat(100_000) + "kill myself")).isEmpty();
        assertThat(rule("kill myself " + "calm words ".repeat(100_000))).contains("self-harm/kill-myself");
    }
}
