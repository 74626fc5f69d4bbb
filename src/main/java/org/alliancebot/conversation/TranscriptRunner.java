package org.alliancebot.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.Node;
import org.alliancebot.content.NodeRef;
import org.alliancebot.content.Transcript;

/**
 * Plays editors' sample conversations through a real {@link Conversation} and checks each step's replies, the
 * way golden-file tests check an interpreter. Also records which nodes the transcripts visit.
 */
public final class TranscriptRunner {

    private final Snapshot snapshot;
    private final Function<SessionStore, Conversation> conversations;

    /**
     * @param conversations builds the conversation under test around a fresh session store, so every transcript
     *                      starts from a clean slate
     */
    public TranscriptRunner(Snapshot snapshot, Function<SessionStore, Conversation> conversations) {
        this.snapshot = snapshot;
        this.conversations = conversations;
    }

    public TranscriptRunner(Snapshot snapshot) {
        this(snapshot, conversations(snapshot, ChatLogIds.random()));
    }

    /** The bot's own conversation, one per transcript; one log key serves them all. */
    private static Function<SessionStore, Conversation> conversations(Snapshot snapshot, ChatLogIds logIds) {
        return store -> new Conversation(() -> snapshot, store, Conversation.searchAnswers(),
                FloodGuard.unlimited(), logIds, Duration.ofHours(24));
    }

    public record Failure(Transcript.Step step, int number, String message) {
    }

    public record Outcome(Transcript transcript, List<Failure> failures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    public record Report(List<Outcome> outcomes, Set<NodeRef> visited) {
        public boolean passed() {
            return outcomes.stream().allMatch(Outcome::passed);
        }

        /** Nodes a person can see that no transcript showed, in content order. */
        public List<NodeRef> unvisited(Content content) {
            List<NodeRef> missing = new ArrayList<>();
            content.trees().values().stream()
                    .sorted(java.util.Comparator.comparing(org.alliancebot.content.Tree::id))
                    .forEach(tree -> tree.nodes().values().stream()
                            .filter(Node::isShown)
                            .map(node -> new NodeRef(tree.id(), node.id()))
                            .filter(ref -> !visited.contains(ref))
                            .forEach(missing::add));
            return missing;
        }
    }

    public Report run(List<Transcript> transcripts) {
        Set<NodeRef> visited = new LinkedHashSet<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (Transcript transcript : transcripts) {
            outcomes.add(run(transcript, visited));
        }
        return new Report(List.copyOf(outcomes), visited);
    }

    private Outcome run(Transcript transcript, Set<NodeRef> visited) {
        Conversation conversation = conversations.apply(new CaffeineSessionStore(Duration.ofHours(1), 10));
        ChatId chat = new ChatId("transcript");
        List<Failure> failures = new ArrayList<>();
        List<Reply> last = List.of();
        int number = 0;
        for (Transcript.Step step : transcript.steps()) {
            number++;
            Optional<Input> input = input(step, last);
            if (input.isEmpty()) {
                failures.add(new Failure(step, number, "no button labelled \"" + step.argument()
                        + "\" on the last reply; it offered " + labels(lastButtons(last))));
                break;
            }
            List<Reply> replies = conversation.handle(chat, input.get());
            replies.stream().map(Reply::node).filter(java.util.Objects::nonNull).forEach(visited::add);
            for (String problem : check(step.expect(), replies)) {
                failures.add(new Failure(step, number, problem));
            }
            last = replies;
        }
        return new Outcome(transcript, List.copyOf(failures));
    }

    private static Optional<Input> input(Transcript.Step step, List<Reply> last) {
        return switch (step.action()) {
            case START -> Optional.of(step.argument().equals("menu")
                    ? new Input.Command("start", "") : new Input.Command("start", step.argument()));
            case TYPE -> Optional.of(Input.fromTyped(step.argument()));
            case PRESS -> lastButtons(last).stream()
                    .filter(b -> b.label().equals(step.argument()))
                    .findFirst()
                    .map(b -> new Input.Press(b.data()));
        };
    }

    /** The buttons under the last step's replies, in the order shown: a label pressed is its first match. */
    private static List<Reply.Button> lastButtons(List<Reply> replies) {
        return replies.stream().flatMap(r -> r.buttons().stream()).toList();
    }

    private List<String> check(Transcript.Expect expect, List<Reply> replies) {
        List<String> problems = new ArrayList<>();
        String shown = String.join("\n\n", replies.stream().map(r -> Markdown.toPlain(r.text())).toList());
        for (String piece : expect.text()) {
            if (!shown.contains(piece)) {
                problems.add("expected the reply to contain \"" + piece + "\" but it read: " + excerpt(shown));
            }
        }
        for (String piece : expect.noText()) {
            if (shown.contains(piece)) {
                problems.add("expected the reply not to contain \"" + piece + "\"");
            }
        }
        if (expect.buttons() != null) {
            List<String> offered = labels(replies.isEmpty() ? List.of() : replies.getLast().buttons());
            if (!offered.equals(expect.buttons())) {
                problems.add("expected buttons " + expect.buttons() + " but got " + offered);
            }
        }
        if (expect.outcome() != null) {
            List<NodeRef> reached = replies.stream()
                    .filter(r -> r.kind() == Reply.Kind.OUTCOME)
                    .map(Reply::node)
                    .toList();
            boolean found = reached.stream().anyMatch(ref -> expect.outcome().equals(ref.toString())
                    || expect.outcome().equals(ref.node()));
            if (!found) {
                problems.add("expected outcome '" + expect.outcome() + "' but "
                        + (reached.isEmpty() ? "no outcome was reached" : "reached " + reached));
            }
        }
        return problems;
    }

    private static List<String> labels(List<Reply.Button> buttons) {
        return buttons.stream().map(Reply.Button::label).toList();
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return "\"" + (flat.length() > 160 ? flat.substring(0, 157) + "..." : flat) + "\"";
    }
}
