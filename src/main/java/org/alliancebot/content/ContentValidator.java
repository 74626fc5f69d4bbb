package org.alliancebot.content;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that content read without syntax errors also makes sense as a whole: every reference resolves, every
 * node can be reached and can reach an outcome, and everything fits what a chat platform can show. Trees whose
 * files had reading errors are skipped here, so one typo does not bury the editor in knock-on errors.
 */
final class ContentValidator {

    static final int MAX_LABEL = 40;
    /** Buttons under one message; more would bury the conversation on a phone screen. */
    static final int MAX_BUTTONS = 8;

    private final Content content;
    private final Map<String, Set<String>> unreadTrees;
    private final Problems problems;

    /**
     * @param unreadTrees trees whose files had reading errors, with every node id written in them: their
     *                    references are still checked, but not their paths, which the errors already disturb
     */
    ContentValidator(Content content, Map<String, Set<String>> unreadTrees, Problems problems) {
        this.content = content;
        this.unreadTrees = unreadTrees;
        this.problems = problems;
    }

    void validate() {
        checkMenu();
        content.trees().values().forEach(this::checkTree);
        content.articles().values().forEach(this::checkArticle);
        checkArticlesAreOffered();
        checkEveryNodeReachesAnOutcome();
        checkAutomaticLoops();
        checkFlagsAreSet();
        checkTreesAreOffered();
    }

    private Set<String> allTreeIds() {
        Set<String> ids = new HashSet<>(content.trees().keySet());
        ids.addAll(unreadTrees.keySet());
        return ids;
    }

    private void checkMenu() {
        Menu menu = content.menu();
        Set<String> seen = new HashSet<>();
        for (Ref ref : menu.trees()) {
            checkTreeRef(ref, "the menu");
            if (!seen.add(ref.id())) {
                problems.warning(ref.at(), "tree '%s' is on the menu twice", ref.id());
            }
        }
        if (menu.trees().isEmpty()) {
            problems.error(menu.at(), "the menu offers no trees; list at least one under 'trees'");
        }
        menu.articles().forEach(ref -> checkArticleRef(ref, "the menu"));
        checkText(menu.welcome() + "\n\n" + menu.disclaimer(), menu.at(), "the welcome and disclaimer");
        checkText(menu.help(), menu.at(), "the help text");
    }

    private void checkTree(Tree tree) {
        boolean read = !unreadTrees.containsKey(tree.id());
        checkLabel(tree.label(), tree.at(), "the tree's label");
        if (!tree.start().id().isEmpty() && !exists(tree, tree.start().id())) {
            problems.error(tree.start().at(), "start node '%s' does not exist in tree '%s'%s",
                    tree.start().id(), tree.id(), Suggestions.hint(tree.start().id(), tree.nodes().keySet()));
        }
        for (Node node : tree.nodes().values()) {
            checkNode(tree, node);
        }
        // Without its start every node would be reported unreachable; the missing start is the one problem.
        if (read && exists(tree, tree.start().id())) {
            checkReachable(tree);
        }
    }

    private void checkNode(Tree tree, Node node) {
        NodeRef ref = new NodeRef(tree.id(), node.id());
        switch (node) {
            case Node.Question q -> {
                checkText(q.text(), q.at(), "the question");
                Set<String> labels = new HashSet<>();
                for (Node.Choice choice : q.choices()) {
                    checkLabel(choice.label(), choice.at(), "a choice label");
                    if (!labels.add(choice.label())) {
                        problems.error(choice.at(), "question '%s' has two choices labelled '%s'",
                                q.id(), choice.label());
                    }
                    checkNodeRef(tree, choice.next());
                }
                checkButtonData(ref, q.at());
            }
            case Node.Message m -> {
                checkText(m.text(), m.at(), "the message");
                checkNodeRef(tree, m.next());
                checkButtonData(ref, m.at());
            }
            case Node.Check c -> {
                if (c.rules().isEmpty()) {
                    problems.warning(c.at(), "check '%s' has no rules, so it always goes to '%s'",
                            c.id(), c.otherwise().id());
                }
                c.rules().forEach(rule -> checkNodeRef(tree, rule.next()));
                checkNodeRef(tree, c.otherwise());
            }
            case Node.Outcome o -> {
                checkText("**" + o.title() + "**\n\n" + o.text(), o.at(), "the outcome");
                o.followUps().forEach(f -> checkTreeRef(f, "a follow-up"));
                o.articles().forEach(a -> checkArticleRef(a, "outcome '" + o.id() + "'"));
                if (o.followUps().size() + o.articles().size() + 1 > MAX_BUTTONS) {
                    problems.error(o.at(), "outcome '%s' would show %d buttons; keep follow-ups and articles to %d",
                            o.id(), o.followUps().size() + o.articles().size() + 1, MAX_BUTTONS - 1);
                }
            }
            case Node.Goto g -> {
                if (checkTreeRef(new Ref(g.targetTree(), g.target().at()), "goto")) {
                    g.targetNode().ifPresent(target -> content.tree(g.targetTree())
                            .filter(t -> !exists(t, target))
                            .ifPresent(t -> problems.error(g.target().at(), "node '%s' does not exist in tree '%s'%s",
                                    target, t.id(), Suggestions.hint(target, t.nodes().keySet()))));
                }
            }
        }
    }

    /** Whether a node exists, counting nodes written in a tree that could not be read whole. */
    private boolean exists(Tree tree, String nodeId) {
        return tree.node(nodeId).isPresent() || unreadTrees.getOrDefault(tree.id(), Set.of()).contains(nodeId);
    }

    private void checkNodeRef(Tree tree, Ref ref) {
        if (!exists(tree, ref.id())) {
            problems.error(ref.at(), "node '%s' does not exist in tree '%s'%s", ref.id(), tree.id(),
                    Suggestions.hint(ref.id(), tree.nodes().keySet()));
        }
    }

    private boolean checkTreeRef(Ref ref, String where) {
        if (allTreeIds().contains(ref.id())) {
            return true;
        }
        problems.error(ref.at(), "%s names tree '%s', which does not exist%s", where, ref.id(),
                Suggestions.hint(ref.id(), allTreeIds()));
        return false;
    }

    private void checkArticleRef(Ref ref, String where) {
        Optional<Article> article = content.article(ref.id());
        if (article.isEmpty()) {
            problems.error(ref.at(), "%s names article '%s', which does not exist%s", where, ref.id(),
                    Suggestions.hint(ref.id(), content.articles().keySet()));
        } else {
            // The title is the button that opens the article.
            checkLabel(article.get().title(), article.get().at(), "the article title");
        }
    }

    private void checkArticle(Article article) {
        article.trees().forEach(ref -> checkTreeRef(ref, "article '" + article.id() + "'"));
        for (Article.Section section : article.sections()) {
            checkText(section.text(), section.at(), "section '" + section.heading() + "'");
        }
        if (article.tags().isEmpty()) {
            problems.warning(article.at(), "article '%s' has no tags; search finds articles partly by their tags",
                    article.id());
        }
    }

    /** An article no outcome or menu links to can still be found by search, but editors usually meant to link it. */
    private void checkArticlesAreOffered() {
        Set<String> linked = new HashSet<>();
        content.menu().articles().forEach(r -> linked.add(r.id()));
        content.trees().values().forEach(t -> t.nodes().values().forEach(n -> {
            if (n instanceof Node.Outcome o) {
                o.articles().forEach(a -> linked.add(a.id()));
            }
        }));
        content.articles().values().stream().filter(a -> !linked.contains(a.id())).forEach(a -> problems.warning(
                a.at(), "article '%s' is not linked from any outcome or the menu", a.id()));
    }

    private void checkLabel(String label, Location at, String what) {
        if (label.codePointCount(0, label.length()) > MAX_LABEL) {
            problems.error(at, "%s '%s' is %d characters; buttons fit %d at most", what, label,
                    label.codePointCount(0, label.length()), MAX_LABEL);
        }
    }

    private void checkText(String markdown, Location at, String what) {
        Markdown.Checked checked = Markdown.check(markdown);
        int length = checked.html().length();
        if (length > MessageSplitter.MAX_MESSAGE) {
            problems.error(at, "%s is %d characters once formatted; a chat message holds %d at most, so split it",
                    what, length, MessageSplitter.MAX_MESSAGE);
        }
        for (String construct : checked.unsupported()) {
            problems.warning(at, "%s uses %s, which chat cannot show; it will appear as plain text", what, construct);
        }
    }

    private void checkButtonData(NodeRef ref, Location at) {
        int bytes = ButtonData.bytesFor(ref);
        if (bytes > ButtonData.MAX_BYTES) {
            problems.error(at, "the ids '%s' and '%s' are too long for a button (%d bytes of %d); shorten them",
                    ref.tree(), ref.node(), bytes, ButtonData.MAX_BYTES);
        }
    }

    private void checkReachable(Tree tree) {
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(tree.start().id());
        while (!todo.isEmpty()) {
            String id = todo.poll();
            if (reached.add(id)) {
                tree.node(id).ifPresent(node -> localNext(node).forEach(todo::add));
            }
        }
        for (Node node : tree.nodes().values()) {
            if (!reached.contains(node.id()) && !isGotoTarget(new NodeRef(tree.id(), node.id()))) {
                problems.warning(node.at(), "node '%s' cannot be reached from the start '%s' of tree '%s'",
                        node.id(), tree.start().id(), tree.id());
            }
        }
    }

    private boolean isGotoTarget(NodeRef target) {
        return content.trees().values().stream()
                .flatMap(t -> t.nodes().values().stream())
                .anyMatch(n -> n instanceof Node.Goto g && g.targetTree().equals(target.tree())
                        && g.targetNode().filter(target.node()::equals).isPresent());
    }

    /** Nodes a node leads to in its own tree. */
    private static List<String> localNext(Node node) {
        return switch (node) {
            case Node.Question q -> q.choices().stream().map(c -> c.next().id()).toList();
            case Node.Message m -> List.of(m.next().id());
            case Node.Check c -> {
                List<String> next = new ArrayList<>(c.rules().stream().map(r -> r.next().id()).toList());
                next.add(c.otherwise().id());
                yield next;
            }
            case Node.Outcome o -> List.of();
            case Node.Goto g -> List.of();
        };
    }

    /** Where a node leads across all trees; a goto leads to the target tree's start or named node. */
    private List<NodeRef> next(String treeId, Node node) {
        if (node instanceof Node.Goto g) {
            return content.destination(g).map(List::of).orElse(List.of());
        }
        return localNext(node).stream().map(id -> new NodeRef(treeId, id)).toList();
    }

    private Map<NodeRef, Node> checkedNodes() {
        Map<NodeRef, Node> nodes = new HashMap<>();
        for (Tree tree : content.trees().values()) {
            if (!unreadTrees.containsKey(tree.id())) {
                tree.nodes().values().forEach(n -> nodes.put(new NodeRef(tree.id(), n.id()), n));
            }
        }
        return nodes;
    }

    private void checkEveryNodeReachesAnOutcome() {
        Map<NodeRef, Node> nodes = checkedNodes();
        Map<NodeRef, List<NodeRef>> incoming = new HashMap<>();
        Deque<NodeRef> todo = new ArrayDeque<>();
        for (var entry : nodes.entrySet()) {
            for (NodeRef target : next(entry.getKey().tree(), entry.getValue())) {
                incoming.computeIfAbsent(target, k -> new ArrayList<>()).add(entry.getKey());
            }
            // A goto into a tree we could not read, or to a node that is missing (reported already), is given
            // the benefit of the doubt rather than reported again as a dead end.
            boolean intoUnread = entry.getValue() instanceof Node.Goto g && (unreadTrees.containsKey(g.targetTree())
                    || next(entry.getKey().tree(), g).stream().anyMatch(target -> !nodes.containsKey(target)));
            if (entry.getValue() instanceof Node.Outcome || intoUnread) {
                todo.add(entry.getKey());
            }
        }
        Set<NodeRef> canFinish = new HashSet<>();
        while (!todo.isEmpty()) {
            NodeRef ref = todo.poll();
            if (canFinish.add(ref)) {
                todo.addAll(incoming.getOrDefault(ref, List.of()));
            }
        }
        for (var entry : nodes.entrySet()) {
            if (!canFinish.contains(entry.getKey())) {
                Node node = entry.getValue();
                problems.error(node.at(), "no outcome can be reached from node '%s': %s", node.id(),
                        next(entry.getKey().tree(), node).isEmpty() && !(node instanceof Node.Goto)
                                ? "it leads nowhere" : "every path from it loops back or stops without an outcome");
            }
        }
    }

    /** Checks and gotos are followed at once; a loop made only of them would never show anything. */
    private void checkAutomaticLoops() {
        Map<NodeRef, Node> nodes = checkedNodes();
        Set<NodeRef> reported = new HashSet<>();
        for (var entry : nodes.entrySet()) {
            if (entry.getValue().isShown() || reported.contains(entry.getKey())) {
                continue;
            }
            Set<NodeRef> onPath = new LinkedHashSet<>();
            if (loopsBack(entry.getKey(), entry.getKey(), nodes, onPath, new HashSet<>())) {
                reported.addAll(onPath);
                problems.error(entry.getValue().at(),
                        "checks and gotos %s lead back to '%s' without showing anything; add a question or message",
                        onPath, entry.getKey());
            }
        }
    }

    private boolean loopsBack(NodeRef origin, NodeRef at, Map<NodeRef, Node> nodes, Set<NodeRef> path,
                              Set<NodeRef> visited) {
        Node node = nodes.get(at);
        if (node == null || node.isShown() || !visited.add(at)) {
            return false;
        }
        path.add(at);
        for (NodeRef next : next(at.tree(), node)) {
            if (next.equals(origin) || loopsBack(origin, next, nodes, path, visited)) {
                return true;
            }
        }
        path.remove(at);
        return false;
    }

    /** A flag that a check reads but no choice sets is almost always a typo in one of the two. */
    private void checkFlagsAreSet() {
        Set<String> set = new HashSet<>();
        content.trees().values().forEach(t -> t.nodes().values().forEach(n -> {
            if (n instanceof Node.Question q) {
                q.choices().forEach(c -> set.addAll(c.flags()));
            }
        }));
        for (Tree tree : content.trees().values()) {
            for (Node node : tree.nodes().values()) {
                if (node instanceof Node.Check check) {
                    for (Node.Rule rule : check.rules()) {
                        Set<String> read = new LinkedHashSet<>(rule.condition().flags());
                        read.addAll(rule.condition().notFlags());
                        read.stream().filter(f -> !set.contains(f)).forEach(f -> problems.warning(rule.at(),
                                "check '%s' reads flag '%s', but no choice sets it%s", check.id(), f,
                                Suggestions.hint(f, set)));
                    }
                }
            }
        }
    }

    private void checkTreesAreOffered() {
        Set<String> offered = new HashSet<>();
        content.menu().trees().forEach(r -> offered.add(r.id()));
        content.trees().values().forEach(t -> t.nodes().values().forEach(n -> {
            if (n instanceof Node.Outcome o) {
                o.followUps().forEach(f -> offered.add(f.id()));
            } else if (n instanceof Node.Goto g) {
                offered.add(g.targetTree());
            }
        }));
        content.trees().values().stream().filter(t -> !offered.contains(t.id())).forEach(t -> problems.warning(
                t.at(), "tree '%s' is not on the menu, nor a follow-up or goto of any tree, so nobody can open it",
                t.id()));
    }
}
