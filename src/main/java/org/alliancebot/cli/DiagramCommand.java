package org.alliancebot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.Diagram;
import org.alliancebot.content.Tree;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code diagram [TREE...] [--out DIR]}: a Mermaid flowchart per tree, as Markdown GitHub and GitLab render. */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = {"Draw each tree (or the ones named) as a Mermaid flowchart.",
                "With --out, writes DIR/<tree>.md per tree; without, prints the flowcharts."})
final class DiagramCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TREE", arity = "0..*", description = "tree ids (default: all)")
    private List<String> trees = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "folder to write <tree>.md files into")
    private Path out;

    @Mixin
    private LoadedContent loadedContent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter print = spec.commandLine().getOut();
        var loaded = loadedContent.content();
        if (loaded.isEmpty()) {
            return 1;
        }
        Content content = loaded.get();
        List<Tree> chosen = new ArrayList<>();
        for (String id : trees.isEmpty() ? content.trees().keySet().stream().sorted().toList() : trees) {
            var tree = loadedContent.tree(content, id);
            if (tree.isEmpty()) {
                return 2;
            }
            chosen.add(tree.get());
        }
        try {
            if (out != null) {
                Files.createDirectories(out);
            }
            for (Tree tree : chosen) {
                if (out == null) {
                    print.println("%% " + tree.id());
                    print.println(Diagram.mermaid(content, tree));
                } else {
                    Path file = out.resolve(tree.id() + ".md");
                    Files.writeString(file, Diagram.markdown(content, tree));
                    print.println("wrote " + ContentLoader.display(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        print.flush();
        return 0;
    }
}
