package org.alliancebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged jar, run as the README says, with a conversation piped into it. */
class PackagedJarIT {

    static final Path JAR = Path.of("target", "alliance-bot.jar");

    record Run(int exit, String out, String err) {
    }

    static Run run(String input, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Run(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anOlderJavaGetsOneLineNamingTheVersionNeededAndFound() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        Assumptions.assumeTrue(Files.isExecutable(java17), "no Java 17 here");
        Process process = new ProcessBuilder(java17.toString(), "-jar", JAR.toString(), "--version").start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(err.strip().lines()).singleElement().asString()
                .startsWith("Alliance Bot needs Java 21 or newer, and this is Java 17");
    }

    /** Picks the tree from the menu, then always the first button, which in every tree ends at an outcome. */
    @ParameterizedTest(name = "menu item {0} reaches an outcome")
    @CsvSource({"1, Transference or a real problem?", "2, Is this therapist a good fit?",
            "3, Is this therapist a good fit?"})
    void pipedChatReachesAnOutcomeOfEachTreeInPlainText(int menuItem, String followUp) throws Exception {
        Run run = run(menuItem + "\n" + "1\n".repeat(7), "chat");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).containsPattern("\\[1] " + java.util.regex.Pattern.quote(followUp)
                + "\n(  \\[\\d] .*\n)*  \\[\\d] Main menu").doesNotContain("\u001b");
        assertThat(run.err()).doesNotContain("ERROR");
    }

    @Test
    void validateReportsTheShippedContentClean() throws Exception {
        Run run = run("", "validate");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("no problems found");
    }

    @Test
    void appRefusesToStartOnInvalidContentAndSaysWhere(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("trees"));
        Files.writeString(dir.resolve("menu.yaml"), "welcome: Hi\ndisclaimer: Info only\nhelp: Tap\ntrees: [nope]\n");
        Files.copy(Path.of("content", "safety.yaml"), dir.resolve("safety.yaml"));

        Run run = run("", "chat", "--alliance.content.dir=" + dir);

        assertThat(run.exit()).isNotZero();
        assertThat(run.err()).contains("menu.yaml:4:", "the menu names tree 'nope', which does not exist");
        assertThat(run.out()).doesNotContain("Hi");
    }
}
