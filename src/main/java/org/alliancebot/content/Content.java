package org.alliancebot.content;

import java.util.Map;
import java.util.Optional;

/**
 * One immutable snapshot of everything in the content folder. The version is a hash of the files, so two loads of
 * the same files agree and any edit changes it.
 */
public record Content(String version, Menu menu, Map<String, Tree> trees) {

    public Optional<Tree> tree(String treeId) {
        return Optional.ofNullable(trees.get(treeId));
    }

    public Optional<Node> node(NodeRef ref) {
        return tree(ref.tree()).flatMap(t -> t.node(ref.node()));
    }
}
