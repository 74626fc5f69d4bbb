package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check of the loader and validator, shown failing on a small broken fixture with its exact location. */
class ContentValidationTest {

    @TempDir
    Path dir;

    private ContentFixture fixture() {
        return ContentFixture.validIn(dir);
    }

    private static Condition<Problem> at(String file, int line, Problem.Severity severity, String text) {
        return new Condition<>(p -> p.at().file().endsWith(file) && p.at().line() == line
                && p.severity() == severity && p.message().contains(text),
                "%s %s at %s:%d containing \"%s\"", severity, "problem", file, line, text);
    }

    private static Condition<Problem> error(String file, int line, String text) {
        return at(file, line, Problem.Severity.ERROR, text);
    }

    private static Condition<Problem> warning(String file, int line, String text) {
        return at(file, line, Problem.Severity.WARNING, text);
    }

    @Test
    void validContentLoadsWithoutProblems() {
        LoadResult result = fixture().load();

        assertThat(result.problems()).isEmpty();
        assertThat(result.content()).hasValueSatisfying(c -> assertThat(c.trees()).containsOnlyKeys("sleep"));
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        LoadResult result = fixture()
                .sleepWith("next: fine", "nxet: fine")
                .sleepWith("follow-ups: [sleep]", "follow-ups: [sleeep]")
                .write("menu.yaml", ContentFixture.MENU.replace("help: Tap a button.\n", ""))
                .load();

        assertThat(result.hasErrors()).isTrue();
        assertThat(result.content()).isEmpty();
        assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 12, "unknown key 'nxet'"))
                .haveAtLeastOne(error("menu.yaml", 1, "missing 'help'"));
    }

    @Test
    void problemsPrintAsFileLineColumnMessage() {
        Problem problem = fixture().sleepWith("next: fine", "nxet: fine").load().problems().stream()
                .filter(p -> p.message().contains("nxet")).findFirst().orElseThrow();

        assertThat(problem.toString()).matches(".*trees/sleep\\.yaml:12:\\d+: error: unknown key 'nxet'.*");
    }

    @Nested
    class Syntax {

        @Test
        void yamlSyntaxErrorNamesFileLineAndProblem() {
            LoadResult result = fixture().sleepWith("question: How do you feel in sessions?",
                    "question: [How do you feel").load();

            assertThat(result.problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).startsWith("YAML syntax:"))
                    .satisfies(p -> assertThat(p.at().line()).isBetween(9, 11));
        }

        @Test
        void emptyFileIsReported() {
            LoadResult result = fixture().write("trees/sleep.yaml", "").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 1, "empty"));
        }

        @Test
        void missingMenuIsReported() {
            ContentFixture fixture = fixture();
            assertThat(fixture.dir().resolve("menu.yaml").toFile().delete()).isTrue();

            assertThat(fixture.load().problems()).haveAtLeastOne(error("menu.yaml", 1, "file is missing"));
        }

        @Test
        void missingFolderIsReported() {
            LoadResult result = new ContentLoader().load(dir.resolve("nowhere"));

            assertThat(result.problems()).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("no content folder"));
        }
    }

    @Nested
    class Keys {

        @Test
        void unknownKeySuggestsTheLikelyTypo() {
            LoadResult result = fixture().sleepWith("next: fine", "nxet: fine").load();

            assertThat(result.problems()).haveAtLeastOne(
                    error("trees/sleep.yaml", 12, "unknown key 'nxet' in a choice of node 'tired' (did you mean 'next'?)"));
        }

        @Test
        void unknownKeyFarFromAnyKnownOneGetsNoSuggestion() {
            LoadResult result = fixture().sleepWith("label: Sleep and therapy", "label: Sleep\ncolour: blue").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 4, "unknown key 'colour' in the tree"))
                    .noneMatch(p -> p.message().contains("did you mean"));
        }

        @Test
        void misspelledNodeKindIsRecognised() {
            LoadResult result = fixture().sleepWith("question: How do you feel in sessions?",
                    "questoin: How do you feel in sessions?").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 8,
                    "('questoin' looks like 'question')"));
        }

        @Test
        void missingRequiredFieldIsReported() {
            LoadResult result = fixture().sleepWith("title: Is my sleep getting in the way?\n", "").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 1, "the tree is missing 'title'"));
        }

        @Test
        void wrongValueTypeIsReported() {
            LoadResult result = fixture().sleepWith("score: 1", "score: lots").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 16, "'score' should be a whole number"));
        }

        @Test
        void nodeMixingTwoKindsIsReported() {
            LoadResult result = fixture().sleepWith("message: Thanks for **saying** so.",
                    "message: Thanks.\n    outcome: Done").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 17, "mixes kinds"));
        }

        @Test
        void idsMustReadAsWords() {
            LoadResult result = fixture().sleepWith("  fine:\n", "  Fine_Now:\n")
                    .sleepWith("next: fine", "next: Fine_Now").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 29, "lowercase words joined by hyphens"));
        }
    }

    @Nested
    class DuplicateIds {

        @Test
        void duplicateNodeIdIsReportedAtTheSecond() {
            LoadResult result = fixture().write("trees/sleep.yaml", ContentFixture.SLEEP
                    + "  fine:\n    outcome: Again\n    text: Twice.\n").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 32,
                    "duplicate key 'fine' (first written at line 29)"));
        }

        @Test
        void sameTreeIdInTwoFilesIsReported() {
            LoadResult result = fixture().write("trees/sleep.yml", ContentFixture.SLEEP).load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yml", 1, "tree id 'sleep' is used twice"));
        }

        @Test
        void treeIdMustMatchItsFileName() {
            LoadResult result = fixture().sleepWith("id: sleep", "id: slumber").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 1,
                    "does not match its file name 'sleep.yaml'"));
        }

        @Test
        void twoChoicesWithTheSameLabelAreReported() {
            LoadResult result = fixture().sleepWith("label: Worn out", "label: Wide awake").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 13, "two choices labelled 'Wide awake'"));
        }
    }

    @Nested
    class References {

        @Test
        void nextToMissingNodeSuggestsTheClosest() {
            LoadResult result = fixture().sleepWith("next: how-long", "next: how-lnog").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 14,
                    "node 'how-lnog' does not exist in tree 'sleep' (did you mean 'how-long'?)"));
        }

        @Test
        void startToMissingNodeIsReported() {
            LoadResult result = fixture().sleepWith("start: tired", "start: tried").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 6, "start node 'tried' does not exist"));
        }

        @Test
        void elseToMissingNodeIsReported() {
            LoadResult result = fixture().sleepWith("else: fine", "else: finee").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 24, "node 'finee' does not exist"));
        }

        @Test
        void gotoToMissingTreeIsReported() {
            LoadResult result = fixture().sleepWith("else: fine", "else: elsewhere")
                    .write("trees/sleep.yaml", ContentFixture.SLEEP.replace("else: fine", "else: elsewhere")
                            + "  elsewhere:\n    goto: slep\n").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 33,
                    "goto names tree 'slep', which does not exist (did you mean 'sleep'?)"));
        }

        @Test
        void gotoToMissingNodeOfAnotherTreeIsReported() {
            LoadResult result = fixture()
                    .write("trees/sleep.yaml", ContentFixture.SLEEP.replace("else: fine", "else: elsewhere")
                            + "  elsewhere:\n    goto: sleep/fien\n").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 33,
                    "node 'fien' does not exist in tree 'sleep' (did you mean 'fine'?)"));
        }

        @Test
        void followUpToMissingTreeIsReported() {
            LoadResult result = fixture().sleepWith("follow-ups: [sleep]", "follow-ups: [sleeep]").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 28,
                    "a follow-up names tree 'sleeep', which does not exist (did you mean 'sleep'?)"));
        }

        @Test
        void menuEntryToMissingTreeIsReported() {
            LoadResult result = fixture().write("menu.yaml", ContentFixture.MENU.replace("[sleep]", "[sleep, fit]")).load();

            assertThat(result.problems()).haveAtLeastOne(error("menu.yaml", 4, "the menu names tree 'fit'"));
        }

        @Test
        void referencesIntoATreeWithReadingErrorsAreNotReportedTwice() {
            LoadResult result = fixture().sleepWith("title: Is my sleep getting in the way?\n", "").load();

            assertThat(result.problems()).hasSize(1);
        }
    }

    @Nested
    class Paths {

        @Test
        void unreachableNodeIsWarned() {
            LoadResult result = fixture().write("trees/sleep.yaml", ContentFixture.SLEEP
                    + "  orphan:\n    outcome: Lost\n    text: Nobody comes here.\n").load();

            assertThat(result.problems()).singleElement().is(warning("trees/sleep.yaml", 32,
                    "node 'orphan' cannot be reached from the start 'tired'"));
            assertThat(result.content()).isPresent();
        }

        @Test
        void loopWithNoWayOutIsAnError() {
            LoadResult result = fixture().sleepWith("next: weigh", "next: how-long").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 17,
                    "no outcome can be reached from node 'how-long'"));
        }

        @Test
        void loopThroughTwoMessagesIsAnError() {
            LoadResult result = fixture().write("trees/sleep.yaml", ContentFixture.SLEEP
                    .replace("next: weigh", "next: again")
                    + "  again:\n    message: Round we go.\n    next: how-long\n").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 17, "loops back"))
                    .haveAtLeastOne(error("trees/sleep.yaml", 32, "no outcome can be reached from node 'again'"));
        }

        @Test
        void checkThatRoutesToItselfIsAnError() {
            LoadResult result = fixture().sleepWith("else: fine", "else: weigh").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 20,
                    "without showing anything"));
        }

        @Test
        void flagReadButNeverSetIsWarnedWithSuggestion() {
            LoadResult result = fixture().sleepWith("flag: worn-out", "flag: worn-ot").load();

            assertThat(result.problems()).singleElement().is(warning("trees/sleep.yaml", 22,
                    "reads flag 'worn-ot', but no choice sets it (did you mean 'worn-out'?)"));
        }

        @Test
        void treeNobodyCanOpenIsWarned() {
            LoadResult result = fixture()
                    .write("trees/other.yaml", ContentFixture.SLEEP.replace("id: sleep", "id: other")).load();

            assertThat(result.problems()).haveAtLeastOne(warning("trees/other.yaml", 1, "nobody can open it"));
        }
    }

    @Nested
    class Limits {

        @Test
        void moreThanEightChoicesIsAnError() {
            StringBuilder many = new StringBuilder();
            for (int i = 3; i <= 9; i++) {
                many.append("      - label: Option ").append(i).append("\n        next: fine\n");
            }
            LoadResult result = fixture().sleepWith("      - label: Worn out\n", many + "      - label: Worn out\n").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 11,
                    "question 'tired' has 9 choices; a question needs 2 to 8"));
        }

        @Test
        void singleChoiceIsAnError() {
            LoadResult result = fixture().sleepWith("""
                          - label: Wide awake
                            next: fine
                    """, "").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 11, "has 1 choice;"));
        }

        @Test
        void labelOverFortyCharactersIsAnError() {
            String long41 = "x".repeat(41);
            LoadResult result = fixture().sleepWith("label: Wide awake", "label: " + long41).load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 11,
                    "is 41 characters; buttons fit 40 at most"));
        }

        @Test
        void labelOfFortyCharactersIsFine() {
            LoadResult result = fixture().sleepWith("label: Wide awake", "label: " + "x".repeat(40)).load();

            assertThat(result.problems()).isEmpty();
        }

        @Test
        void messageOverTheChatLimitIsAnError() {
            LoadResult result = fixture().sleepWith("message: Thanks for **saying** so.",
                    "message: " + "a".repeat(4097)).load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 17,
                    "is 4097 characters once formatted"));
        }

        @Test
        void lengthIsMeasuredOnceFormatted() {
            // 1,000 ampersands are 1,000 characters to type but 5,000 once escaped for the chat.
            LoadResult result = fixture().sleepWith("message: Thanks for **saying** so.",
                    "message: \"" + "&".repeat(1000) + "\"").load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 17, "5000 characters once formatted"));
        }

        @Test
        void idsTooLongForButtonDataAreAnError() {
            String longId = "a-very-long-node-id-that-editors-should-never-need-to-write";
            LoadResult result = fixture().write("trees/sleep.yaml", ContentFixture.SLEEP
                    .replace("how-long", longId)).load();

            assertThat(result.problems()).haveAtLeastOne(error("trees/sleep.yaml", 17, "too long for a button"));
        }

        @Test
        void unsupportedMarkdownIsWarned() {
            LoadResult result = fixture().sleepWith("message: Thanks for **saying** so.",
                    "message: \"# Big title\"").load();

            assertThat(result.problems()).singleElement().is(warning("trees/sleep.yaml", 17, "uses a heading"));
        }
    }

    @Test
    void versionChangesWithAnyServedFileAndOnlyThen() {
        ContentFixture fixture = fixture();
        String before = fixture.content().version();
        fixture.write("tests/extra.yaml", "title: t\nsteps: []\n");
        assertThat(fixture.content().version()).isEqualTo(before);

        fixture.sleepWith("Nothing suggests a problem.", "Nothing suggests a problem at all.");
        assertThat(fixture.content().version()).isNotEqualTo(before).hasSize(ButtonData.VERSION_LENGTH);
    }

    @Test
    void aContentFolderReachedThroughALinkHasTheVersionOfItsFiles() throws java.io.IOException {
        ContentFixture fixture = fixture();
        Path link = Files.createSymbolicLink(fixture.dir().resolveSibling(fixture.dir().getFileName() + "-link"),
                fixture.dir());
        try {
            String before = new ContentLoader().load(link).orThrow().version();
            assertThat(before).isEqualTo(fixture.content().version());

            fixture.sleepWith("Nothing suggests a problem.", "Nothing suggests a problem at all.");

            assertThat(new ContentLoader().load(link).orThrow().version()).isNotEqualTo(before);
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aLinkBackIntoTheContentFolderIsPassedOverRatherThanWalkedForEver() throws java.io.IOException {
        ContentFixture fixture = fixture();
        String before = fixture.content().version();
        Files.createSymbolicLink(fixture.dir().resolve("trees").resolve("loop"), fixture.dir());

        LoadResult result = new ContentLoader().load(fixture.dir());

        assertThat(result.problems()).noneMatch(Problem::isError);
        assertThat(result.orThrow().version()).isEqualTo(before);
    }

    @Test
    void problemsAreSortedByFileAndLine() {
        List<Problem> problems = fixture().sleepWith("next: how-long", "next: nowhere")
                .sleepWith("next: fine", "next: neither").load().problems();

        assertThat(problems).isSortedAccordingTo(Problem::compareTo);
    }
}
