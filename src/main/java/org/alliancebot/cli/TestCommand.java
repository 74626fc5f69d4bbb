package org.alliancebot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alliancebot.content.PassedSchemas;
import org.alliancebot.content.Problem;
import org.alliancebot.content.TranscriptReader;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.conversation.TranscriptRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code test [DIR]}: plays the sample conversations in {@code tests/} and reports what passed. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Play the transcripts in DIR/tests through the bot and report. Exits 1 when any fails.")
final class TestCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "content folder (default: ./content)")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path contentDir = ContentDir.orDefault(dir);
        PrintWriter out = spec.commandLine().getOut();
        PassedSchemas passed = Models.passedSchemas();
        Snapshot.Loaded loaded = Snapshot.load(Models.contentLoader(passed), contentDir, Models.forTranscripts(),
                Models.savedIndexes());
        if (loaded.hasErrors()) {
            loaded.problems().forEach(out::println);
            out.println("The content has errors, so no transcript was played. Run validate for details.");
            out.flush();
            return 1;
        }
        Snapshot snapshot = loaded.orThrow();
        TranscriptReader.Read read = new TranscriptReader(passed).read(contentDir);
        read.problems().forEach(out::println);
        TranscriptRunner.Report report = new TranscriptRunner(snapshot).run(read.transcripts());
        new TranscriptReportPrinter(snapshot.content(), out).print(report);
        out.flush();
        boolean unreadable = read.problems().stream().anyMatch(Problem::isError);
        return report.passed() && !unreadable ? 0 : 1;
    }
}
