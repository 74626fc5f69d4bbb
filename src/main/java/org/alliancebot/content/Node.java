package org.alliancebot.content;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a decision tree. The set of kinds is closed so that the engine's {@code switch} over them is
 * exhaustive: adding a kind does not compile until every place that walks trees handles it.
 */
public sealed interface Node {

    String id();

    /** Where the node's id was written. */
    Location at();

    /** Nodes the person sees and answers; {@link Check} and {@link Goto} route on at once and are never shown. */
    default boolean isShown() {
        return !(this instanceof Check || this instanceof Goto);
    }

    /** A question with two to eight choices, one button each. */
    record Question(String id, String text, List<Choice> choices, Location at) implements Node {
    }

    /** Text followed by a single Continue button. */
    record Message(String id, String text, Ref next, Location at) implements Node {
    }

    /** Routes on flags and score: the first rule that holds wins, else {@code otherwise}. */
    record Check(String id, List<Rule> rules, Ref otherwise, Location at) implements Node {
    }

    /** The end of a path: what the person's answers suggest, and where they might go next. */
    record Outcome(String id, String title, String text, List<Ref> followUps, List<Ref> articles, Location at)
            implements Node {
    }

    /** Continues in another tree, at its start or at a named node ({@code tree/node}). */
    record Goto(String id, Ref target, Location at) implements Node {

        public String targetTree() {
            int slash = target.id().indexOf('/');
            return slash < 0 ? target.id() : target.id().substring(0, slash);
        }

        public Optional<String> targetNode() {
            int slash = target.id().indexOf('/');
            return slash < 0 ? Optional.empty() : Optional.of(target.id().substring(slash + 1));
        }
    }

    /** One answer to a question. Pressing it may remember flags and add to the score. */
    record Choice(String label, Ref next, Set<String> flags, int score, Location at) {
    }

    /** One routing rule of a {@link Check}. */
    record Rule(Condition condition, Ref next, Location at) {
    }
}
