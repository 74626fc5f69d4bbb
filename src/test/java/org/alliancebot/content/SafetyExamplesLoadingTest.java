package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safety-examples.yaml is checked like any content: every problem named with its place. */
class SafetyExamplesLoadingTest {

    @TempDir
    Path dir;

    LoadResult load(String examples) {
        return ContentFixture.validIn(dir).write("safety-examples.yaml", examples).load();
    }

    static boolean at(Problem p, int line, String text) {
        return p.at().file().endsWith("safety-examples.yaml") && p.at().line() == line
                && p.message().contains(text);
    }

    @Test
    void examplesAreNamedByCategoryAndPlaceNeverByText() {
        SafetyExamples examples = ContentFixture.validIn(dir).content().safetyExamples();

        assertThat(examples.crisis().get("self-harm")).extracting(SafetyExamples.Example::id)
                .containsExactly("self-harm-1", "self-harm-2", "self-harm-3", "self-harm-4", "self-harm-5");
        assertThat(examples.safe().getFirst().id()).isEqualTo("safe-1");
        assertThat(examples.crisisCount()).isEqualTo(15);
    }

    @Test
    void missingFileIsAnError() {
        ContentFixture fixture = ContentFixture.validIn(dir);
        assertThat(fixture.dir().resolve("safety-examples.yaml").toFile().delete()).isTrue();

        assertThat(fixture.load().problems()).anyMatch(p -> p.isError() && at(p, 1, "file is missing"));
    }

    @Test
    void theSameMessageUnderCrisisAndSafeIsAnErrorNamingBothPlaces() {
        LoadResult result = load(ContentFixture.SAFETY_EXAMPLES + "  - \"I have saved up a lot of pills!\"\n");

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.problems()).anyMatch(p -> p.isError() && at(p, 29, "listed under 'self-harm' at")
                && p.message().contains(":6:"));
    }

    @Test
    void variantsUnderTheSameLabelAreKept() {
        LoadResult result = load(ContentFixture.SAFETY_EXAMPLES.replace(
                "    - \"i keep hurting myself when it gets bad\"",
                "    - \"i keep hurting myself when it gets bad\"\n    - \"I keep hurting myself when it gets bad!!\""));

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.content().orElseThrow().safetyExamples().crisis().get("self-harm")).hasSize(6);
    }

    @Test
    void anUnknownCategoryIsAnErrorWithSuggestion() {
        LoadResult result = load(ContentFixture.SAFETY_EXAMPLES.replace("  others:", "  other:"));

        assertThat(result.problems()).anyMatch(p -> p.isError() && p.message().contains("unknown key 'other'")
                && p.message().contains("others"));
    }

    @Test
    void anExampleThatIsNotTextIsAnError() {
        LoadResult result = load(ContentFixture.SAFETY_EXAMPLES.replace("  - \"this homework is killing me\"",
                "  - {text: this homework is killing me}"));

        assertThat(result.problems()).anyMatch(p -> p.isError() && p.message().contains("should be a message in quotes"));
    }

    @Test
    void aCategoryWithFewerThanFiveExamplesIsWarned() {
        LoadResult result = load(ContentFixture.SAFETY_EXAMPLES.replace("""
                    - "i am scared he will really hurt me this time"
                    - "i want to hurt the man who did this"
                """, ""));

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).anyMatch(p -> !p.isError() && at(p, 9, "'others' has 3 example(s)"));
    }

    @Test
    void fewerThanFiveNearMissesIsAnErrorForEveryMessageWouldLookLikeCrisis() {
        LoadResult result = load("""
                crisis:
                  self-harm: ["one", "two", "three", "four", "five"]
                  others: ["one other", "two other", "three other", "four other", "five other"]
                  misconduct: ["one m", "two m", "three m", "four m", "five m"]
                safe: []
                """);

        assertThat(result.problems()).anyMatch(p -> p.isError() && at(p, 5, "'safe' has 0 example(s)"));
    }
}
