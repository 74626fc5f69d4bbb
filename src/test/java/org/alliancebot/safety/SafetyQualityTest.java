package org.alliancebot.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alliancebot.content.ContentLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped safety rules on the labelled phrases in {@code src/test/resources/safety/phrases.yaml}: every
 * must-fire phrase fires in its category, and at most 3% of the near-misses fire at all. Editors add phrases
 * there as they find gaps. Figures are printed for docs/safety.md: {@code mvn -q test -Dtest=SafetyQualityTest}.
 */
class SafetyQualityTest {

    record Labelled(Map<String, List<String>> fire, List<String> safe) {
    }

    static SafetyCheck check;

    @BeforeAll
    static void load() {
        check = SafetyCheck.of(new ContentLoader().load(Path.of("content")).orThrow().safety());
    }

    static Labelled labelled(String resource) {
        try (InputStream in = SafetyQualityTest.class.getResourceAsStream(resource)) {
            return YAMLMapper.builder().build().readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Figures(int fire, int fired, int safe, int falseAlarms, List<String> misses, List<String> alarms) {
        double recall() {
            return (double) fired / fire;
        }

        double falsePositiveRate() {
            return (double) falseAlarms / safe;
        }
    }

    static Figures measure(Labelled set) {
        int fire = 0;
        int fired = 0;
        List<String> misses = new ArrayList<>();
        for (var category : set.fire().entrySet()) {
            for (String text : category.getValue()) {
                fire++;
                Optional<SafetyCheck.Verdict> verdict = check.check(text);
                if (verdict.map(v -> v.category().equals(category.getKey())).orElse(false)) {
                    fired++;
                } else {
                    misses.add("[" + category.getKey() + "] " + text + " -> " + verdict.map(SafetyCheck.Verdict::rule)
                            .orElse("nothing"));
                }
            }
        }
        List<String> alarms = new ArrayList<>();
        for (String text : set.safe()) {
            check.check(text).ifPresent(v -> alarms.add(text + " -> " + v.rule()));
        }
        return new Figures(fire, fired, set.safe().size(), alarms.size(), misses, alarms);
    }

    @Test
    void labelledSetIsLargeEnoughAndCoversEveryCategory() {
        Labelled set = labelled("/safety/phrases.yaml");

        assertThat(set.fire()).containsOnlyKeys("self-harm", "others", "misconduct");
        assertThat(set.fire().values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(60);
        assertThat(set.safe()).hasSizeGreaterThanOrEqualTo(90);
    }

    @Test
    void everyMustFirePhraseFiresAndAlmostNoNearMissDoes() {
        Figures figures = measure(labelled("/safety/phrases.yaml"));
        Figures heldOut = measure(labelled("/safety/heldout.yaml"));

        System.out.printf("labelled set: recall %d/%d = %.3f, false positives %d/%d = %.3f%n", figures.fired(),
                figures.fire(), figures.recall(), figures.falseAlarms(), figures.safe(), figures.falsePositiveRate());
        System.out.printf("held-out set: recall %d/%d = %.3f, false positives %d/%d = %.3f%n", heldOut.fired(),
                heldOut.fire(), heldOut.recall(), heldOut.falseAlarms(), heldOut.safe(), heldOut.falsePositiveRate());
        heldOut.misses().forEach(m -> System.out.println("  held-out miss " + m));
        heldOut.alarms().forEach(m -> System.out.println("  held-out false alarm " + m));

        assertThat(figures.misses()).as("must-fire phrases that did not fire in their category").isEmpty();
        assertThat(figures.falsePositiveRate()).as("false alarms: " + figures.alarms()).isLessThanOrEqualTo(0.03);
    }
}
