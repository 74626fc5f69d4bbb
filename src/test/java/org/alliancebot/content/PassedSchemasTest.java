package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassedSchemasTest {

    private static final String VALID_MENU = """
            welcome: Hello.
            disclaimer: Not therapy.
            help: Ask anything.
            trees: [sleep]
            """;
    /** The same menu with a key the schema does not allow. */
    private static final String MENU_WITH_UNKNOWN_KEY = VALID_MENU + "colour: blue\n";

    @TempDir
    Path dir;

    @TempDir
    Path contentDir;

    private Path file() {
        return dir.resolve("schemas-passed.bin");
    }

    private List<Problem> check(PassedSchemas passed, String yaml) {
        YamlNode root = YamlReader.read(yaml, "menu.yaml", new Problems()).orElseThrow();
        return new SchemaCheck(contentDir, passed).check(SchemaCheck.Kind.MENU, yaml, root);
    }

    private static byte[] packedSchema(SchemaCheck.Kind kind) throws IOException {
        try (var in = SchemaCheck.class.getResourceAsStream("/schema/" + kind.file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aFileThatPassedBeforeIsNotRunThroughTheValidatorAgain() throws IOException {
        PassedSchemas passed = PassedSchemas.in(file(), "build-1");
        // Remembered as passing, as if this text had passed: the validator would have found the unknown key.
        passed.remember(passed.key(packedSchema(SchemaCheck.Kind.MENU), MENU_WITH_UNKNOWN_KEY));

        assertThat(check(passed, MENU_WITH_UNKNOWN_KEY)).isEmpty();
    }

    @Test
    void aFileWithProblemsIsNeverRememberedSoItsProblemsAreReportedEveryTime() {
        PassedSchemas passed = PassedSchemas.in(file(), "build-1");

        assertThat(check(passed, MENU_WITH_UNKNOWN_KEY)).isNotEmpty();
        assertThat(check(passed, MENU_WITH_UNKNOWN_KEY)).isNotEmpty();
        passed.save();
        assertThat(file()).doesNotExist();
    }

    @Test
    void passesAreRememberedFromOneRunToTheNext() throws IOException {
        PassedSchemas first = PassedSchemas.in(file(), "build-1");
        assertThat(check(first, VALID_MENU)).isEmpty();
        first.save();

        PassedSchemas next = PassedSchemas.in(file(), "build-1");

        assertThat(next.passed(next.key(packedSchema(SchemaCheck.Kind.MENU), VALID_MENU))).isTrue();
        assertThat(next.passed(next.key(packedSchema(SchemaCheck.Kind.MENU), MENU_WITH_UNKNOWN_KEY))).isFalse();
        assertThat(file()).hasSize(32);
    }

    @Test
    void anEditedFileIsCheckedAgain() {
        PassedSchemas passed = PassedSchemas.in(file(), "build-1");
        check(passed, VALID_MENU);
        passed.save();

        List<Problem> problems = check(PassedSchemas.in(file(), "build-1"), MENU_WITH_UNKNOWN_KEY);

        assertThat(problems).extracting(Problem::message).anyMatch(message -> message.contains("unknown key 'colour'"));
    }

    @Test
    void anEditedSchemaChecksEveryFileAgain() throws IOException {
        PassedSchemas passed = PassedSchemas.in(file(), "build-1");
        assertThat(check(passed, MENU_WITH_UNKNOWN_KEY)).isNotEmpty();
        String allowsColour = new String(packedSchema(SchemaCheck.Kind.MENU))
                .replace("\"additionalProperties\": false,", "\"additionalProperties\": true,");
        Files.createDirectories(contentDir.resolve("schema"));
        Files.writeString(contentDir.resolve("schema").resolve(SchemaCheck.Kind.MENU.file), allowsColour);

        assertThat(check(passed, MENU_WITH_UNKNOWN_KEY)).isEmpty();
        Files.writeString(contentDir.resolve("schema").resolve(SchemaCheck.Kind.MENU.file),
                new String(packedSchema(SchemaCheck.Kind.MENU)));
        assertThat(check(passed, MENU_WITH_UNKNOWN_KEY)).as("the old schema's answer, not the last one's")
                .isNotEmpty();
    }

    @Test
    void anotherBuildDoesNotTrustWhatThisOneRemembered() throws IOException {
        PassedSchemas first = PassedSchemas.in(file(), "build-1");
        first.remember(first.key(packedSchema(SchemaCheck.Kind.MENU), MENU_WITH_UNKNOWN_KEY));
        first.save();

        assertThat(check(PassedSchemas.in(file(), "build-2"), MENU_WITH_UNKNOWN_KEY)).isNotEmpty();
        assertThat(check(PassedSchemas.in(file(), "build-1"), MENU_WITH_UNKNOWN_KEY)).isEmpty();
    }

    @Test
    void aFileCutShortIsWrittenAgainWithWhatThisRunUsed() throws IOException {
        PassedSchemas first = PassedSchemas.in(file(), "build-1");
        check(first, VALID_MENU);
        first.save();
        Files.write(file(), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        PassedSchemas next = PassedSchemas.in(file(), "build-1");
        assertThat(check(next, VALID_MENU)).isEmpty();
        next.save();

        assertThat(file()).hasSize(32);
    }

    @Test
    void runFromAFolderOfClassesNoBuildIsTrusted() {
        // The tests run from target/classes, where build-info.properties may be left from an earlier build.
        assertThat(Build.identity()).isEmpty();
        assertThat(PassedSchemas.in(file())).isSameAs(PassedSchemas.none());
    }

    @Test
    void noneRemembersNothing() throws IOException {
        PassedSchemas none = PassedSchemas.none();
        none.remember(none.key(packedSchema(SchemaCheck.Kind.MENU), MENU_WITH_UNKNOWN_KEY));

        assertThat(check(none, MENU_WITH_UNKNOWN_KEY)).isNotEmpty();
    }

    @Test
    void contentLoadedAgainReportsExactlyTheSameProblems() {
        ContentFixture fixture = ContentFixture.withArticlesIn(contentDir)
                .sleepWith("next:", "nxet:");
        ContentLoader loader = new ContentLoader(Clock.systemUTC(), PassedSchemas.in(file(), "build-1"));
        List<Problem> unremembered = new ContentLoader().load(fixture.dir()).problems();

        List<Problem> first = loader.load(fixture.dir()).problems();
        List<Problem> again = new ContentLoader(Clock.systemUTC(), PassedSchemas.in(file(), "build-1"))
                .load(fixture.dir()).problems();

        assertThat(unremembered).isNotEmpty();
        assertThat(first).isEqualTo(unremembered);
        assertThat(again).isEqualTo(unremembered);
        assertThat(file()).isRegularFile();
    }
}
