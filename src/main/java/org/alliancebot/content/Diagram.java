package org.alliancebot.content;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A tree as a Mermaid flowchart, for editors to see its shape: questions with their choices as labelled edges,
 * messages, checks with their conditions, outcomes, and dotted links to other trees and articles. GitHub and
 * GitLab render it from a Markdown file.
 */
public final class Diagram {

    private static final int TEXT_LIMIT = 70;

    private Diagram() {
    }

    /** The flowchart alone, in Mermaid syntax. */
    public static String mermaid(Content content, Tree tree) {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        Set<String> externals = new LinkedHashSet<>();
        out.append("  start((Start)) --> ").append(id(tree.id(), tree.start().id())).append('\n');
        for (Node node : tree.nodes().values()) {
            String me = id(tree.id(), node.id());
            switch (node) {
                case Node.Question q -> {
                    out.append("  ").append(me).append("[\"❓ ").append(label(q.text())).append("\"]\n");
                    for (Node.Choice c : q.choices()) {
                        String extras = (c.flags().isEmpty() ? "" : " · flags " + String.join(", ", c.flags()))
                                + (c.score() == 0 ? "" : " · score " + (c.score() > 0 ? "+" : "") + c.score());
                        edge(out, me, id(tree.id(), c.next().id()), c.label() + extras, "-->");
                    }
                }
                case Node.Message m -> {
                    out.append("  ").append(me).append("[\"💬 ").append(label(m.text())).append("\"]\n");
                    edge(out, me, id(tree.id(), m.next().id()), "Continue", "-->");
                }
                case Node.Check c -> {
                    out.append("  ").append(me).append("{\"").append(escape(node.id())).append("\"}\n");
                    for (Node.Rule r : c.rules()) {
                        edge(out, me, id(tree.id(), r.next().id()), r.condition().describe(), "-->");
                    }
                    edge(out, me, id(tree.id(), c.otherwise().id()), "else", "-->");
                }
                case Node.Outcome o -> {
                    out.append("  ").append(me).append("([\"🏁 ").append(label(o.title())).append("\"])\n");
                    out.append("  class ").append(me).append(" outcome\n");
                    for (Ref f : o.followUps()) {
                        externals.add(treeNode(content, f.id()));
                        edge(out, me, "tree_" + safe(f.id()), "follow-up", "-.->");
                    }
                    for (Ref a : o.articles()) {
                        externals.add(articleNode(content, a.id()));
                        edge(out, me, "article_" + safe(a.id()), "read", "-.->");
                    }
                }
                case Node.Goto g -> {
                    out.append("  ").append(me).append("[/\"↪ ").append(escape(g.target().id())).append("\"/]\n");
                    externals.add(treeNode(content, g.targetTree()));
                    edge(out, me, "tree_" + safe(g.targetTree()), "goto", "-.->");
                }
            }
        }
        externals.forEach(line -> out.append(line).append('\n'));
        out.append("  classDef outcome fill:#e6f4ea,stroke:#34a853\n");
        out.append("  classDef other fill:#eef3fd,stroke:#4285f4,stroke-dasharray: 4 3\n");
        return out.toString();
    }

    /** A Markdown page with the flowchart, for a repository or a wiki. */
    public static String markdown(Content content, Tree tree) {
        return "# " + tree.title() + "\n\n" + tree.about() + "\n\nTree `" + tree.id() + "`, content version "
                + content.version() + ".\n\n```mermaid\n" + mermaid(content, tree) + "```\n";
    }

    private static String treeNode(Content content, String treeId) {
        String title = content.tree(treeId).map(Tree::label).orElse(treeId);
        return "  tree_" + safe(treeId) + "[[\"🌳 " + escape(title) + "\"]]\n  class tree_" + safe(treeId) + " other";
    }

    private static String articleNode(Content content, String articleId) {
        String title = content.article(articleId).map(Article::title).orElse(articleId);
        return "  article_" + safe(articleId) + ">\"📄 " + escape(title) + "\"]\n  class article_" + safe(articleId)
                + " other";
    }

    private static void edge(StringBuilder out, String from, String to, String label, String arrow) {
        out.append("  ").append(from).append(' ').append(arrow).append("|\"").append(escape(label)).append("\"| ")
                .append(to).append('\n');
    }

    private static String id(String tree, String node) {
        return safe(tree) + "__" + safe(node);
    }

    private static String safe(String id) {
        return id.replace('-', '_');
    }

    /** Plain text, one line, shortened between words. */
    private static String label(String markdown) {
        String plain = Markdown.toPlain(markdown).replaceAll("\\s+", " ").strip();
        if (plain.length() > TEXT_LIMIT) {
            int cut = plain.lastIndexOf(' ', TEXT_LIMIT);
            plain = plain.substring(0, cut > 20 ? cut : TEXT_LIMIT) + "…";
        }
        return escape(plain);
    }

    /** Mermaid labels are quoted; quotes and angle brackets inside become entities. */
    private static String escape(String text) {
        return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }
}
