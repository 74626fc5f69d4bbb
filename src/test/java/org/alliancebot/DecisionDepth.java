package org.alliancebot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.alliancebot.content.Node;
import org.alliancebot.content.Tree;

/** Counts the questions on a tree's deepest loop-free path, for the content rule "at least 3 decision points". */
final class DecisionDepth {

    private DecisionDepth() {
    }

    static int deepest(Tree tree) {
        return deepest(tree, tree.start().id(), new HashSet<>());
    }

    private static int deepest(Tree tree, String id, Set<String> onPath) {
        Node node = tree.nodes().get(id);
        if (node == null || !onPath.add(id)) {
            return 0;
        }
        List<String> next = switch (node) {
            case Node.Question q -> q.choices().stream().map(c -> c.next().id()).toList();
            case Node.Message m -> List.of(m.next().id());
            case Node.Check c -> {
                var all = new java.util.ArrayList<>(c.rules().stream().map(r -> r.next().id()).toList());
                all.add(c.otherwise().id());
                yield all;
            }
            case Node.Outcome o -> List.of();
            case Node.Goto g -> List.of();
        };
        int best = next.stream().mapToInt(n -> deepest(tree, n, onPath)).max().orElse(0);
        onPath.remove(id);
        return best + (node instanceof Node.Question ? 1 : 0);
    }
}
