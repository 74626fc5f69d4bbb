package org.alliancebot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.alliancebot.content.Problem;
import org.alliancebot.conversation.Snapshot;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Loads the content folder for a command that needs it valid: on errors, prints them and points to validate, so
 * every command says the same thing the same way.
 */
final class LoadedContent {

    private LoadedContent() {
    }

    static Optional<Snapshot> load(Path given, CommandSpec spec) {
        Snapshot.Loaded loaded = Snapshot.load(ContentDir.orDefault(given));
        if (loaded.hasErrors()) {
            PrintWriter err = spec.commandLine().getErr();
            loaded.problems().stream().filter(Problem::isError).forEach(err::println);
            err.println("The content has errors; run validate for details.");
            err.flush();
            return Optional.empty();
        }
        return loaded.snapshot();
    }
}
