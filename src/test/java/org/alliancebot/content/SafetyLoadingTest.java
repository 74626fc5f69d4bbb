package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safety.yaml is checked like any content: every problem named with its place. */
class SafetyLoadingTest {

    @TempDir
    Path dir;

    LoadResult load(String safety) {
        return ContentFixture.validIn(dir).write("safety.yaml", safety).load();
    }

    static boolean at(Problem p, int line, String text) {
        return p.at().file().endsWith("safety.yaml") && p.at().line() == line && p.message().contains(text);
    }

    @Test
    void fixtureSafetyLoadsWithCountriesResponsesAndRules() {
        Safety safety = ContentFixture.validIn(dir).content().safety();

        assertThat(safety.countries()).containsOnlyKeys("INT", "GB");
        assertThat(safety.forLanguage("en-GB")).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo("GB"));
        assertThat(safety.forLanguage("en")).isEmpty();
        assertThat(safety.rules()).extracting(Safety.Rule::category).containsExactly("self-harm", "others", "misconduct");
        assertThat(safety.defaultResources().fill("{emergency}/{regulator}"))
                .isEqualTo("your local emergency number/their professional body");
    }

    @Test
    void missingSafetyFileIsAnError() {
        ContentFixture fixture = ContentFixture.validIn(dir);
        assertThat(fixture.dir().resolve("safety.yaml").toFile().delete()).isTrue();

        assertThat(fixture.load().problems()).anyMatch(p -> p.isError() && at(p, 1, "file is missing"));
    }

    @Test
    void resourcesVerifiedOverAYearAgoAreWarned() {
        Clock later = Clock.fixed(Instant.parse("2027-12-01T00:00:00Z"), ZoneOffset.UTC);
        ContentFixture fixture = ContentFixture.validIn(dir);

        LoadResult result = new ContentLoader(later).load(fixture.dir());

        assertThat(result.hasErrors()).isFalse();
        assertThat(result.problems()).anyMatch(p -> !p.isError() && at(p, 5, "verified on 2026-11-01, more than a year"));
    }

    @Test
    void unknownCategoryIsAnErrorWithSuggestion() {
        LoadResult result = load(ContentFixture.SAFETY.replace("category: others", "category: other"));

        assertThat(result.problems()).anyMatch(p -> p.isError() && p.message().contains(
                "category 'other' should be one of [self-harm, others, misconduct] (did you mean 'others'?)"));
    }

    @Test
    void unknownClassInAPhraseIsAnError() {
        LoadResult result = load(ContentFixture.SAFETY.replace("@therapist * kissed me", "@therapists * kissed me"));

        assertThat(result.problems()).anyMatch(p -> p.isError() && p.message().contains(
                "names class @therapists, which is not defined") && p.message().contains("did you mean 'therapist'"));
    }

    @Test
    void unknownPlaceholderInAResponseIsAnError() {
        LoadResult result = load(ContentFixture.SAFETY.replace("{crisis}", "{crises}"));

        assertThat(result.problems()).anyMatch(p -> p.isError() && p.message().contains("uses {crises}"));
    }

    @Test
    void defaultCountryMustBeListed() {
        LoadResult result = load(ContentFixture.SAFETY.replace("default-country: INT", "default-country: IT"));

        assertThat(result.problems()).anyMatch(p -> p.isError() && at(p, 1, "default-country 'IT' is not one of"));
    }

    @Test
    void everyResponseIsRequired() {
        LoadResult result = load(ContentFixture.SAFETY.replace("  sos: \"Urgent help: {emergency}, {crisis}.\"\n", ""));

        assertThat(result.problems()).anyMatch(p -> p.isError() && p.message().contains("'responses' is missing 'sos'"));
    }
}
