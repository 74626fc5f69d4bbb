package org.alliancebot;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alliancebot.cli.RootCommand;
import picocli.CommandLine;

/**
 * A training run for the quick commands' AOT cache (JDK 25): runs each of them once in one JVM, output discarded,
 * so that one {@code -XX:AOTCacheOutput} run records what all of them load, the model included:
 * <pre>java -XX:AOTCacheOutput=target/bot/cli.aot -cp target/bot/alliance-bot.jar org.alliancebot.AotTraining</pre>
 * The content folder is the first argument, else {@code ./content}.
 */
public final class AotTraining {

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        AllianceBot.quickCommandSetUp();
        train(args.length > 0 ? args[0] : "content");
    }

    /** Runs every quick command on this content folder; throws if one fails. */
    static void train(String content) throws IOException {
        Path diagrams = Files.createTempDirectory("alliance-bot-training");
        List<String> failed = new ArrayList<>();
        try {
            List<List<String>> commands = List.of(
                    List.of("--version"),
                    List.of("validate", content),
                    List.of("diagram", "--content", content, "--out", diagrams.toString()),
                    List.of("test", content),
                    List.of("search", "--json", "--content", content, "how do I leave my therapist"),
                    List.of("search", "--content", content, "my therapist does not listen"),
                    List.of("safety-check", "--json", "--content", content, "i feel like giving up"),
                    List.of("safety-check", "--content", content, "i want to kill myself"));
            for (List<String> command : commands) {
                String[] line = command.toArray(String[]::new);
                CommandLine cli = RootCommand.commandLine((telegram, springArgs) -> {
                    throw new IllegalStateException("training runs the quick commands only");
                }, line);
                cli.setOut(new PrintWriter(Writer.nullWriter()));
                cli.setErr(new PrintWriter(Writer.nullWriter()));
                int code = cli.execute(line);
                if (code != 0) {
                    failed.add(String.join(" ", command) + " exited " + code);
                }
            }
        } finally {
            try (var files = Files.walk(diagrams)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (UncheckedIOException e) {
                // A temporary folder left behind is harmless.
            }
        }
        // A cache trained on failures would hold the wrong classes: the build should stop and say why.
        if (!failed.isEmpty()) {
            throw new IllegalStateException("the training run failed: " + String.join("; ", failed));
        }
    }
}
