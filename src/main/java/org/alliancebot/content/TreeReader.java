package org.alliancebot.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one {@code trees/<id>.yaml} file into a {@link Tree}, reporting every problem in it. */
final class TreeReader {

    static final Set<String> TREE_KEYS = Set.of("id", "title", "label", "about", "triggers", "start", "nodes");
    static final Set<String> NODE_KINDS = new LinkedHashSet<>(List.of("question", "message", "check", "outcome", "goto"));
    private static final Map<String, Set<String>> KEYS_BY_KIND = Map.of(
            "question", Set.of("question", "choices"),
            "message", Set.of("message", "next"),
            "check", Set.of("check", "else"),
            "outcome", Set.of("outcome", "text", "follow-ups", "articles"),
            "goto", Set.of("goto"));
    private static final Set<String> CHOICE_KEYS = Set.of("label", "next", "flags", "score");
    static final int MIN_CHOICES = 2;
    static final int MAX_CHOICES = 8;
    private static final Set<String> RULE_KEYS = Set.of("if", "next");
    private static final Set<String> CONDITION_KEYS = Set.of("flag", "not-flag", "score-at-least", "score-below");

    private final Problems problems;
    private final Set<String> declared = new java.util.HashSet<>();

    TreeReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Tree> read(YamlNode root, String fileId) {
        Optional<Fields> found = Fields.of(root, "the tree", TREE_KEYS, problems);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Fields tree = found.get();
        Optional<String> id = tree.text("id", true);
        id.ifPresent(written -> {
            if (!written.equals(fileId)) {
                problems.error(tree.node("id", true).orElseThrow().at(),
                        "the tree id '%s' does not match its file name '%s.yaml'; rename one so they agree",
                        written, fileId);
            }
        });
        Optional<String> title = tree.text("title", true);
        Optional<String> label = tree.text("label", true);
        Optional<String> about = tree.text("about", true);
        List<String> triggers = tree.texts("triggers", false);
        Optional<Ref> start = tree.ref("start", true);
        Map<String, Node> nodes = readNodes(tree.node("nodes", true));
        // A tree with missing parts is still returned, so its references can be checked; the errors already
        // reported keep it from ever being served.
        return Optional.of(new Tree(fileId, title.orElse(""), label.orElse(""), about.orElse(""), triggers,
                start.orElse(new Ref("", tree.at())), nodes, tree.at()));
    }

    /** Every node id written in the file, including nodes that could not be read. */
    Set<String> declared() {
        return Set.copyOf(declared);
    }

    private Map<String, Node> readNodes(Optional<YamlNode> value) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        if (value.isEmpty()) {
            return nodes;
        }
        if (!(value.get() instanceof YamlNode.Mapping mapping)) {
            problems.error(value.get().at(), "'nodes' should list nodes by id, found %s", value.get().describe());
            return nodes;
        }
        for (YamlNode.Entry entry : mapping.entries()) {
            declared.add(entry.key());
            if (!Fields.ID.matcher(entry.key()).matches()) {
                problems.error(entry.keyAt(),
                        "node id '%s' should be lowercase words joined by hyphens, such as 'feel-judged'",
                        entry.key());
            }
            readNode(entry.key(), entry.keyAt(), entry.value()).ifPresent(node -> nodes.put(node.id(), node));
        }
        return nodes;
    }

    private Optional<Node> readNode(String id, Location at, YamlNode value) {
        String what = "node '" + id + "'";
        if (!(value instanceof YamlNode.Mapping mapping)) {
            problems.error(value.at(), "%s should be a set of 'key: value' lines, found %s", what, value.describe());
            return Optional.empty();
        }
        List<String> kinds = mapping.entries().stream().map(YamlNode.Entry::key).filter(NODE_KINDS::contains).toList();
        if (kinds.size() != 1) {
            if (kinds.isEmpty()) {
                String guess = mapping.entries().stream()
                        .map(e -> Suggestions.closest(e.key(), NODE_KINDS).map(k -> " ('" + e.key()
                                + "' looks like '" + k + "')"))
                        .flatMap(Optional::stream).findFirst().orElse("");
                problems.error(at, "%s needs exactly one of %s%s", what, String.join(", ", NODE_KINDS), guess);
            } else {
                problems.error(at, "%s mixes kinds %s; a node is exactly one kind", what, kinds);
            }
            return Optional.empty();
        }
        String kind = kinds.getFirst();
        Fields fields = Fields.of(mapping, what, KEYS_BY_KIND.get(kind), problems).orElseThrow();
        return switch (kind) {
            case "question" -> question(id, at, fields, what);
            case "message" -> {
                Optional<String> text = fields.text("message", true);
                Optional<Ref> next = fields.ref("next", true);
                yield text.isPresent() && next.isPresent()
                        ? Optional.of(new Node.Message(id, text.get(), next.get(), at)) : Optional.empty();
            }
            case "check" -> check(id, at, fields, what);
            case "outcome" -> {
                Optional<String> title = fields.text("outcome", true);
                Optional<String> text = fields.text("text", true);
                List<Ref> followUps = fields.refs("follow-ups", false);
                List<Ref> articles = fields.refs("articles", false);
                yield title.isPresent() && text.isPresent()
                        ? Optional.of(new Node.Outcome(id, title.get(), text.get(), followUps, articles, at))
                        : Optional.empty();
            }
            case "goto" -> fields.ref("goto", true).map(target -> new Node.Goto(id, target, at));
            default -> throw new IllegalStateException("unhandled node kind " + kind);
        };
    }

    private Optional<Node> question(String id, Location at, Fields fields, String what) {
        Optional<String> text = fields.text("question", true);
        List<Node.Choice> choices = new ArrayList<>();
        List<YamlNode> items = fields.list("choices", true);
        if (!items.isEmpty() && (items.size() < MIN_CHOICES || items.size() > MAX_CHOICES)) {
            problems.error(fields.node("choices", true).orElseThrow().at(),
                    "question '%s' has %d choice%s; a question needs %d to %d", id, items.size(),
                    items.size() == 1 ? "" : "s", MIN_CHOICES, MAX_CHOICES);
        }
        for (YamlNode item : items) {
            Fields.of(item, "a choice of " + what, CHOICE_KEYS, problems).ifPresent(choice -> {
                Optional<String> label = choice.text("label", true);
                Optional<Ref> next = choice.ref("next", true);
                Set<String> flags = new LinkedHashSet<>(choice.texts("flags", false));
                int score = choice.integer("score").orElse(0);
                if (label.isPresent() && next.isPresent()) {
                    choices.add(new Node.Choice(label.get(), next.get(), Set.copyOf(flags), score, choice.at()));
                }
            });
        }
        return text.map(t -> new Node.Question(id, t, List.copyOf(choices), at));
    }

    private Optional<Node> check(String id, Location at, Fields fields, String what) {
        List<Node.Rule> rules = new ArrayList<>();
        for (YamlNode item : fields.list("check", true)) {
            Fields.of(item, "a rule of " + what, RULE_KEYS, problems).ifPresent(rule -> {
                Optional<Condition> condition = rule.node("if", true).flatMap(this::condition);
                Optional<Ref> next = rule.ref("next", true);
                if (condition.isPresent() && next.isPresent()) {
                    rules.add(new Node.Rule(condition.get(), next.get(), rule.at()));
                }
            });
        }
        Optional<Ref> otherwise = fields.ref("else", true);
        return otherwise.map(o -> new Node.Check(id, List.copyOf(rules), o, at));
    }

    private Optional<Condition> condition(YamlNode value) {
        return Fields.of(value, "an 'if'", CONDITION_KEYS, problems).map(c -> {
            if (((YamlNode.Mapping) value).entries().isEmpty()) {
                problems.error(value.at(), "this 'if' is empty; write a condition such as 'score-at-least: 2'");
            }
            return new Condition(Set.copyOf(c.texts("flag", false)), Set.copyOf(c.texts("not-flag", false)),
                    c.integer("score-at-least").orElse(null), c.integer("score-below").orElse(null));
        });
    }
}
