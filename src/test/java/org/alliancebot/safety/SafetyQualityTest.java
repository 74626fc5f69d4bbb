package org.alliancebot.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.SafetyExamples;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The shipped safety check, both tiers, on labelled messages. The tuning set is the example bank in
 * {@code content/safety-examples.yaml}: every crisis example must get the response or a check-in, and at most 3%
 * of the near-misses may fire at all. The held-out rounds in {@code src/test/resources/safety} were written blind
 * and are only measured. Figures for docs/safety.md: {@code mvn -q test -Dtest=SafetyQualityTest}.
 */
class SafetyQualityTest {

    record Labelled(Map<String, List<String>> fire, List<String> safe) {
    }

    static SafetyCheck check;
    static Content content;

    @BeforeAll
    static void load() {
        content = new ContentLoader().load(Path.of("content")).orThrow();
        check = SafetyCheck.of(content.safety(), content.safetyExamples(), TestEmbeddings.miniLm());
    }

    static Labelled labelled(String resource) {
        try (InputStream in = SafetyQualityTest.class.getResourceAsStream(resource)) {
            return YAMLMapper.builder().build().readValue(in, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example bank read as a labelled set. */
    static Labelled bank() {
        Map<String, List<String>> fire = new LinkedHashMap<>();
        content.safetyExamples().crisis().forEach((category, examples) ->
                fire.put(category, examples.stream().map(SafetyExamples.Example::text).toList()));
        return new Labelled(fire, content.safetyExamples().safe().stream().map(SafetyExamples.Example::text)
                .toList());
    }

    /**
     * @param caught     must-fire messages that got the response or a check-in (any category)
     * @param responded  must-fire messages that got the full response
     * @param rightKind  must-fire messages caught in their own category
     * @param alarms     near-misses that got anything; {@code alarmsRespond} of them the full response
     */
    record Figures(int fire, int caught, int responded, int byRules, int rightKind, int safe, int alarms,
                   int alarmsRespond, List<String> misses, List<String> alarmTexts) {
        double recall() {
            return (double) caught / fire;
        }

        double checkInRate() {
            return (double) (alarms - alarmsRespond) / safe;
        }

        double respondRate() {
            return (double) alarmsRespond / safe;
        }

        String row(String name) {
            return "| %s | %d | %d / %d = %.3f | %d | %d | %d | %d / %d = %.3f | %d / %d = %.3f |".formatted(name,
                    fire, caught, fire, recall(), byRules, responded, rightKind, alarmsRespond, safe, respondRate(),
                    alarms - alarmsRespond, safe, checkInRate());
        }
    }

    static Figures measure(Labelled set) {
        int fire = 0;
        int caught = 0;
        int responded = 0;
        int byRules = 0;
        int rightKind = 0;
        List<String> misses = new ArrayList<>();
        for (var category : set.fire().entrySet()) {
            for (String text : category.getValue()) {
                fire++;
                Optional<SafetyCheck.Verdict> verdict = check.check(text);
                if (verdict.isEmpty()) {
                    misses.add("[" + category.getKey() + "] " + text);
                    continue;
                }
                caught++;
                SafetyCheck.Verdict v = verdict.get();
                responded += v.tier() == SafetyCheck.Tier.RESPOND ? 1 : 0;
                byRules += v.byRule() ? 1 : 0;
                rightKind += v.category().equals(category.getKey()) ? 1 : 0;
            }
        }
        int alarms = 0;
        int alarmsRespond = 0;
        List<String> alarmTexts = new ArrayList<>();
        for (String text : set.safe()) {
            Optional<SafetyCheck.Verdict> verdict = check.check(text);
            if (verdict.isPresent()) {
                alarms++;
                alarmsRespond += verdict.get().tier() == SafetyCheck.Tier.RESPOND ? 1 : 0;
                alarmTexts.add(text + " -> " + verdict.get().tier().label() + " " + verdict.get().rule());
            }
        }
        return new Figures(fire, caught, responded, byRules, rightKind, set.safe().size(), alarms, alarmsRespond,
                misses, alarmTexts);
    }

    @Test
    void bankIsLargeEnoughAndCoversEveryCategory() {
        Labelled set = bank();
        assertThat(set.fire()).containsOnlyKeys("self-harm", "others", "misconduct");
        assertThat(set.fire().values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(400);
        assertThat(set.safe()).hasSizeGreaterThanOrEqualTo(400);
    }

    @Test
    void everyCrisisExampleGetsTheResponseOrACheckInAndAlmostNoNearMissFires() {
        Figures figures = measure(bank());
        printTable(figures);
        assertThat(figures.misses()).as("crisis examples that got neither the response nor a check-in").isEmpty();
        assertThat((double) figures.alarms() / figures.safe()).as("near-misses that fired: " + figures.alarmTexts())
                .isLessThanOrEqualTo(0.03);
    }

    private static void printTable(Figures bank) {
        System.out.println("| set | must fire | caught (recall) | by rules | respond | right category "
                + "| near-misses given the response | near-misses given a check-in |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        System.out.println(bank.row("example bank (tuning set)"));
        for (String round : List.of("heldout-3")) {
            Figures figures = measure(labelled("/safety/" + round + ".yaml"));
            System.out.println(figures.row(round));
            figures.misses().forEach(m -> System.out.println("  " + round + " miss " + m));
            figures.alarmTexts().forEach(m -> System.out.println("  " + round + " alarm " + m));
        }
    }
}
