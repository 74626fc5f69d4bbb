package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON Schemas editors' text editors use and the validator agree on every structural mistake: whatever line
 * the schema underlines, the validator reports, and whatever structural mistake the validator reports, the
 * schema underlines on the same line.
 */
class SchemaAgreementTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key        | next: fine                        | nxet: fine",
        "missing title      | 'title: Is my sleep getting in the way?\n' | ''",
        "score not a number | score: 1                          | score: lots",
        "id not words       | start: tired                      | start: Tired_Now",
        "label too long     | label: Wide awake                 | label: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "mixed kinds        | message: Thanks for **saying** so. | 'message: Thanks.\n    outcome: Done'",
        "empty if           | '{ flag: worn-out, score-at-least: 1 }' | '{ }'",
        "unknown condition  | score-at-least: 1 }               | score-above: 1 }",
    })
    void schemaAndValidatorFlagTheSameLines(String name, String from, String to) throws Exception {
        ContentFixture fixture = ContentFixture.validIn(dir).sleepWith(unquote(from), unquote(to));

        Set<Integer> validatorLines = fixture.load().problems().stream()
                .filter(p -> p.at().file().endsWith("trees/sleep.yaml") && p.isError())
                .map(p -> p.at().line()).collect(Collectors.toSet());
        Problems parse = new Problems();
        String text = Files.readString(dir.resolve("trees/sleep.yaml"));
        YamlNode yaml = YamlReader.read(text, "trees/sleep.yaml", parse).orElseThrow();
        Set<Integer> schemaLines = new SchemaCheck(dir, PassedSchemas.none()).check(SchemaCheck.Kind.TREE, text, yaml)
                .stream().map(p -> p.at().line()).collect(Collectors.toSet());

        assertThat(schemaLines).as("lines the schema underlines").isNotEmpty();
        assertThat(validatorLines).as("the validator reports every line the schema underlines")
                .containsAll(schemaLines);
        assertThat(schemaLines).as("the schema underlines the validator's structural lines")
                .containsAnyElementsOf(validatorLines);
    }

    private static String unquote(String text) {
        String t = text.strip();
        if (t.startsWith("'") && t.endsWith("'")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.replace("\\n", "\n");
    }

    @org.junit.jupiter.api.Test
    void everyShippedFileIsValidUnderItsSchema() throws Exception {
        Path content = Path.of("content");
        List<Path> trees;
        try (var files = Files.list(content.resolve("trees"))) {
            trees = files.toList();
        }
        SchemaCheck schemas = new SchemaCheck(content, PassedSchemas.none());
        for (Path tree : trees) {
            String text = Files.readString(tree);
            YamlNode yaml = YamlReader.read(text, tree.toString(), new Problems()).orElseThrow();
            assertThat(schemas.check(SchemaCheck.Kind.TREE, text, yaml)).as(tree.toString()).isEmpty();
        }
        for (var kind : List.of(SchemaCheck.Kind.MENU, SchemaCheck.Kind.SAFETY)) {
            Path file = content.resolve(kind == SchemaCheck.Kind.MENU ? "menu.yaml" : "safety.yaml");
            String text = Files.readString(file);
            YamlNode yaml = YamlReader.read(text, file.toString(), new Problems()).orElseThrow();
            assertThat(schemas.check(kind, text, yaml)).as(file.toString()).isEmpty();
        }
    }
}
