package org.alliancebot.cli;

import java.io.PrintWriter;
import java.util.List;
import org.alliancebot.content.Content;
import org.alliancebot.content.Node;
import org.alliancebot.content.NodeRef;
import org.alliancebot.conversation.TranscriptRunner;

/** Prints a transcript run for a person: a line per transcript, each failure with its place, then coverage. */
final class TranscriptReportPrinter {

    private final Content content;
    private final PrintWriter out;

    TranscriptReportPrinter(Content content, PrintWriter out) {
        this.content = content;
        this.out = out;
    }

    void print(TranscriptRunner.Report report) {
        for (TranscriptRunner.Outcome outcome : report.outcomes()) {
            var transcript = outcome.transcript();
            out.println((outcome.passed() ? "PASS  " : "FAIL  ") + transcript.file() + "  " + transcript.title());
            for (TranscriptRunner.Failure failure : outcome.failures()) {
                out.println("      " + failure.step().at() + ": step " + failure.number() + " ("
                        + failure.step().describe() + "): " + failure.message());
            }
        }
        long failed = report.outcomes().stream().filter(o -> !o.passed()).count();
        out.println();
        out.println(ValidateCommand.count(report.outcomes().size(), "transcript") + ": "
                + (report.outcomes().size() - failed) + " passed, " + failed + " failed");
        List<NodeRef> unvisited = report.unvisited(content);
        if (unvisited.isEmpty()) {
            out.println("Every question, message and outcome is visited by some transcript.");
            return;
        }
        out.println("Not visited by any transcript (" + unvisited.size() + "):");
        for (NodeRef ref : unvisited) {
            Node node = content.node(ref).orElseThrow();
            out.println("  " + node.at() + "  " + ref + " (" + kind(node) + ")");
        }
    }

    static String kind(Node node) {
        return switch (node) {
            case Node.Question q -> "question";
            case Node.Message m -> "message";
            case Node.Check c -> "check";
            case Node.Outcome o -> "outcome";
            case Node.Goto g -> "goto";
        };
    }
}
