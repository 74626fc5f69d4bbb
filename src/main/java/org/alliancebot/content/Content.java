package org.alliancebot.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable snapshot of everything in the content folder. The version is a hash of the files, so two loads of
 * the same files agree and any edit changes it.
 */
public record Content(String version, Menu menu, Map<String, Tree> trees, Map<String, Article> articles,
                      SearchTerms searchTerms, Safety safety, SafetyExamples safetyExamples) {

    public Optional<Tree> tree(String treeId) {
        return Optional.ofNullable(trees.get(treeId));
    }

    public Optional<Node> node(NodeRef ref) {
        return tree(ref.tree()).flatMap(t -> t.node(ref.node()));
    }

    public Optional<Article> article(String articleId) {
        return Optional.ofNullable(articles.get(articleId));
    }

    /** Where a goto lands: the named node of its target tree, else that tree's start; empty if there is no tree. */
    public Optional<NodeRef> destination(Node.Goto go) {
        return tree(go.targetTree()).map(t -> new NodeRef(t.id(), go.targetNode().orElse(t.start().id())));
    }

    /** The trees these references name, in their order; a reference to no tree is skipped. */
    public List<Tree> trees(List<Ref> refs) {
        return refs.stream().flatMap(ref -> tree(ref.id()).stream()).toList();
    }
}
