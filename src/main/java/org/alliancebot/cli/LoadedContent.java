package org.alliancebot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.alliancebot.content.Content;
import org.alliancebot.content.LoadResult;
import org.alliancebot.content.Problem;
import org.alliancebot.content.Tree;
import org.alliancebot.conversation.Snapshot;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --content DIR} option, as a mixin, for commands that need the content valid: loads it, and on errors
 * prints them and points to validate, so every command says the same thing the same way.
 */
final class LoadedContent {

    @Option(names = "--content", paramLabel = "DIR", description = "content folder (default: ./content)")
    private Path dir;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    /** Content with its search index and safety check, reading meaning as the bot does, for commands that search. */
    Optional<Snapshot> snapshot() {
        Snapshot.Loaded loaded = Snapshot.load(Models.contentLoader(Models.passedSchemas()), ContentDir.orDefault(dir),
                Models.embeddings(), Models.savedIndexes());
        return reported(loaded.problems()) ? Optional.empty() : loaded.snapshot();
    }

    /** Content alone, for commands that need no index. */
    Optional<Content> content() {
        LoadResult loaded = Models.contentLoader(Models.passedSchemas()).load(ContentDir.orDefault(dir));
        return reported(loaded.problems()) ? Optional.empty() : loaded.content();
    }

    /** The tree of that id; else empty, after saying which trees there are, as every command that names one does. */
    Optional<Tree> tree(Content content, String id) {
        Optional<Tree> tree = content.tree(id);
        if (tree.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("No tree called '" + id + "'. Trees: " + String.join(", ", content.trees().keySet()));
            err.flush();
        }
        return tree;
    }

    /** Prints the errors, if any, and says where to look; true when there were errors. */
    private boolean reported(List<Problem> problems) {
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
