package org.alliancebot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.LoadResult;
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

    /** Content with its search index, for commands that search. */
    static Optional<Snapshot> load(Path given, CommandSpec spec) {
        Snapshot.Loaded loaded = Snapshot.load(ContentDir.orDefault(given));
        return reported(loaded.problems(), spec) ? Optional.empty() : loaded.snapshot();
    }

    /** Content alone, for commands that need no index. */
    static Optional<Content> content(Path given, CommandSpec spec) {
        LoadResult loaded = new ContentLoader().load(ContentDir.orDefault(given));
        return reported(loaded.problems(), spec) ? Optional.empty() : loaded.content();
    }

    /** Prints the errors, if any, and says where to look; true when there were errors. */
    private static boolean reported(List<Problem> problems, CommandSpec spec) {
        if (problems.stream().noneMatch(Problem::isError)) {
            return false;
        }
        PrintWriter err = spec.commandLine().getErr();
        problems.stream().filter(Problem::isError).forEach(err::println);
        err.println("The content has errors; run validate for details.");
        err.flush();
        return true;
    }
}
