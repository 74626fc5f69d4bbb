package org.alliancebot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.LoadResult;
import org.alliancebot.content.PassedSchemas;
import org.alliancebot.content.Problem;
import org.alliancebot.content.TranscriptReader;
import org.alliancebot.search.ArticleIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate [DIR]}: every problem in the content at once, as {@code file:line:column: message}. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a content folder and list every problem. Exits 1 when any is an error.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "content folder (default: ./content)")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path content = ContentDir.orDefault(dir);
        PrintWriter out = spec.commandLine().getOut();
        // Checking needs no index: the content, its analysis and the transcripts.
        PassedSchemas passed = Models.passedSchemas();
        LoadResult result = Models.contentLoader(passed).load(content);
        List<Problem> problems = new ArrayList<>(result.problems());
        result.content().ifPresent(loaded -> problems.addAll(ArticleIndex.analysisProblems(loaded)));
        if (content.resolve(TranscriptReader.TESTS_DIR).toFile().isDirectory()) {
            problems.addAll(new TranscriptReader(passed).read(content).problems());
        }
        problems.forEach(out::println);
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        if (problems.isEmpty()) {
            out.println(ContentLoader.display(content) + ": no problems found (content version "
                    + result.content().orElseThrow().version() + ")");
        } else {
            out.println(ContentLoader.display(content) + ": " + count(errors, "error") + ", "
                    + count(warnings, "warning"));
        }
        out.flush();
        return errors > 0 ? 1 : 0;
    }

    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
