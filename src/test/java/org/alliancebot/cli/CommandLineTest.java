package org.alliancebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alliancebot.content.ContentFixture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CommandLineTest {

    @TempDir
    Path dir;

    final List<Boolean> launched = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cli = RootCommand.commandLine((telegram, springArgs) -> {
            launched.add(telegram);
            return 0;
        }, args);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Nested
    class Validate {

        @Test
        void validContentExitsZeroAndSaysSo() {
            ContentFixture.validIn(dir);

            assertThat(run("validate", dir.toString())).isZero();
            assertThat(out.toString()).contains("no problems found (content version ");
        }

        @Test
        void errorsAreListedAsFileLineColumnAndExitNonZero() {
            ContentFixture.validIn(dir).sleepWith("next: fine", "nxet: fine").sleepWith("next: how-long", "next: nowhere");

            assertThat(run("validate", dir.toString())).isEqualTo(1);
            assertThat(out.toString())
                    .containsPattern("trees/sleep\\.yaml:12:\\d+: error: unknown key 'nxet'")
                    .containsPattern("trees/sleep\\.yaml:14:\\d+: error: node 'nowhere' does not exist")
                    .contains("3 errors, 0 warnings");
        }

        @Test
        void warningsAloneExitZero() {
            ContentFixture.validIn(dir).sleepWith("flag: worn-out", "flag: worn-ot");

            assertThat(run("validate", dir.toString())).isZero();
            assertThat(out.toString()).contains("warning: check 'weigh' reads flag 'worn-ot'", "0 errors, 1 warning");
        }

        @Test
        void brokenTranscriptsAreValidatedToo() {
            ContentFixture.validIn(dir).write("tests/bad.yaml", "title: x\nsteps:\n  - prss: Go\n");

            assertThat(run("validate", dir.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("tests/bad.yaml:3:", "unknown key 'prss' in a step (did you mean 'press'?)");
        }
    }

    @Nested
    class Test_ {

        @Test
        void passingTranscriptsExitZeroAndListUnvisitedNodes() {
            ContentFixture.validIn(dir).write("tests/ok.yaml", """
                    title: Worn out person is told to mention it
                    steps:
                      - start: sleep
                        expect: { buttons: [Wide awake, Worn out] }
                      - press: Worn out
                      - press: Continue
                        expect: { outcome: mention-it, text: say you are tired }
                    """);

            assertThat(run("test", dir.toString())).isZero();
            assertThat(out.toString()).contains("PASS", "1 transcript: 1 passed, 0 failed",
                    "Not visited by any transcript (1):", "sleep/fine (outcome)");
        }

        @Test
        void failingStepIsReportedWithItsPlaceAndWhatWasSeen() {
            ContentFixture.validIn(dir).write("tests/bad.yaml", """
                    title: Wrong expectation
                    steps:
                      - start: sleep
                      - press: Wide awake
                        expect: { outcome: mention-it }
                    """);

            assertThat(run("test", dir.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("FAIL", "tests/bad.yaml:4:", "step 2 (press \"Wide awake\")",
                    "expected outcome 'mention-it' but reached [sleep/fine]");
        }

        @Test
        void pressingAMissingButtonNamesTheOnesOffered() {
            ContentFixture.validIn(dir).write("tests/bad.yaml", """
                    title: No such button
                    steps:
                      - start: sleep
                      - press: Sleepy
                    """);

            assertThat(run("test", dir.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("no button labelled \"Sleepy\"", "[Wide awake, Worn out]");
        }

        @Test
        void invalidContentPlaysNothing() {
            ContentFixture.validIn(dir).sleepWith("next: fine", "next: nowhere");

            assertThat(run("test", dir.toString())).isEqualTo(1);
            assertThat(out.toString()).contains("no transcript was played");
        }
    }

    @Nested
    class Search {

        final JsonMapper json = JsonMapper.builder().build();

        JsonNode searchJson(String... words) {
            List<String> args = new ArrayList<>(List.of("search", "--json", "--content", dir.toString()));
            args.addAll(List.of(words));
            assertThat(run(args.toArray(String[]::new))).isZero();
            return json.readTree(out.toString());
        }

        @Test
        void jsonFollowsTheContract() {
            ContentFixture.withArticlesIn(dir);

            JsonNode result = searchJson("angry", "at", "my", "shrink");

            assertThat(result.propertyNames()).containsExactly("query", "results", "safety");
            assertThat(result.get("safety").isNull()).isTrue();
            assertThat(result.get("query").asString()).isEqualTo("angry at my shrink");
            JsonNode first = result.get("results").get(0);
            assertThat(first.propertyNames()).containsExactly("kind", "id", "title", "score", "snippet");
            assertThat(first.get("kind").asString()).isEqualTo("article");
            assertThat(first.get("id").asString()).isEqualTo("anger");
            assertThat(first.get("title").asString()).isEqualTo("Anger at your therapist");
            assertThat(first.get("score").isNumber()).isTrue();
            assertThat(first.get("snippet").asString()).contains("angry").doesNotContain("**");
        }

        @Test
        void jsonNamesTheSafetyCategoryOfTheQuery() {
            ContentFixture.withArticlesIn(dir);

            assertThat(searchJson("i", "want", "to", "kill", "myself").get("safety").asString()).isEqualTo("self-harm");
        }

        @Test
        void limitCapsTheResults() {
            ContentFixture.withArticlesIn(dir);

            assertThat(searchJson("--limit", "1", "therapist", "angry", "end").get("results")).hasSize(1);
        }

        @Test
        void nothingRelevantIsAnEmptyList() {
            ContentFixture.withArticlesIn(dir);

            assertThat(searchJson("weather", "in", "paris").get("results").isEmpty()).isTrue();
        }

        @Test
        void emptyAndOddQueriesExitZero() {
            ContentFixture.withArticlesIn(dir);

            assertThat(searchJson().get("query").asString()).isEmpty();
            out.getBuffer().setLength(0);
            assertThat(searchJson("\"((", "AND", "*:*").get("results").isArray()).isTrue();
        }

        @Test
        void withoutJsonPrintsForAPerson() {
            ContentFixture.withArticlesIn(dir);

            assertThat(run("search", "--content", dir.toString(), "angry", "therapist")).isZero();
            assertThat(out.toString()).contains("1. Anger at your therapist  [article anger, score ");
        }
    }

    @Nested
    class SafetyCheck {

        JsonNode check(String... words) {
            List<String> args = new ArrayList<>(List.of("safety-check", "--json", "--content", dir.toString()));
            args.addAll(List.of(words));
            assertThat(run(args.toArray(String[]::new))).isZero();
            return JsonMapper.builder().build().readTree(out.toString());
        }

        @Test
        void firingPhraseNamesCategoryAndRule() {
            ContentFixture.validIn(dir);

            JsonNode result = check("my", "counsellor", "kissed", "me");

            assertThat(result.propertyNames()).containsExactly("text", "category", "rule", "tier", "score");
            assertThat(result.get("text").asString()).isEqualTo("my counsellor kissed me");
            assertThat(result.get("category").asString()).isEqualTo("misconduct");
            assertThat(result.get("rule").asString()).isEqualTo("misconduct/kissed");
            assertThat(result.get("tier").asString()).isEqualTo("respond");
            assertThat(result.get("score").isNull()).as("rules are not scored").isTrue();
        }

        @Test
        void meaningTierNamesTheNearestExampleAndItsSimilarity() {
            ContentFixture.validIn(dir);

            JsonNode result = check("i", "have", "been", "giving", "away", "my", "guitar", "and", "books");

            assertThat(result.get("category").asString()).isEqualTo("self-harm");
            assertThat(result.get("rule").asString()).isEqualTo("self-harm-1");
            assertThat(result.get("tier").asString()).isEqualTo("respond");
            assertThat(result.get("score").asDouble()).isBetween(0.6, 1.0);
        }

        @Test
        void quietPhraseHasNullCategoryAndRuleAndExitsZero() {
            ContentFixture.validIn(dir);

            JsonNode result = check("I'm", "dying", "to", "know");

            assertThat(result.get("category").isNull()).isTrue();
            assertThat(result.get("rule").isNull()).isTrue();
            assertThat(result.get("tier").isNull()).isTrue();
            assertThat(result.get("score").isNull()).isTrue();
        }

        @Test
        void withoutJsonSaysItForAPerson() {
            ContentFixture.validIn(dir);

            assertThat(run("safety-check", "--content", dir.toString(), "kms")).isZero();
            assertThat(out.toString()).contains("the self-harm response (rule self-harm/kill-myself)");
        }
    }

    @Nested
    class Launching {

        @Test
        void noSubcommandLaunchesTheApp() {
            assertThat(run("--alliance.content.dir=x")).isZero();
            assertThat(launched).hasSize(1);
        }

        @Test
        void chatLaunchesTheConsoleEvenWithAToken() {
            assertThat(run("chat")).isZero();
            assertThat(launched).containsExactly(false);
        }

        @Test
        void helpListsEveryCommandInOrder() {
            assertThat(run("--help")).isZero();
            assertThat(out.toString()).containsSubsequence("Commands:", "chat", "validate", "test", "search",
                    "safety-check", "diagram", "health");
        }

        @Test
        void aCommandNamedFirstIsTheOnlyOneBuilt() {
            CommandLine cli = RootCommand.commandLine((telegram, springArgs) -> 0, "validate", dir.toString());

            assertThat(cli.getSubcommands()).containsOnlyKeys("validate");
        }

        @Test
        void withoutACommandFirstEveryCommandIsBuilt() {
            CommandLine cli = RootCommand.commandLine((telegram, springArgs) -> 0, "--alliance.content.dir=x");

            assertThat(cli.getSubcommands()).containsOnlyKeys("chat", "validate", "test", "search", "safety-check",
                    "diagram", "health", "stats");
        }

        @Test
        void unknownWordsAreRefusedWithTheListOfCommands() {
            assertThat(run("valdate")).isEqualTo(2);
            assertThat(err.toString()).contains("Unknown command or argument: valdate", "validate");
            assertThat(launched).isEmpty();
        }
    }
}
