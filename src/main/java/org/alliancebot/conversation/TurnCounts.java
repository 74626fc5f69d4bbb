package org.alliancebot.conversation;

import java.util.Optional;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.NodeRef;

/**
 * Reads what one turn did from the session before it, the input and the result, and counts it: where the person
 * arrived, how they left the step they were on, what they read and whether a typed question found an answer.
 * Nothing typed is looked at beyond its being typed.
 */
final class TurnCounts {

    private TurnCounts() {
    }

    static void count(Tally tally, Session before, Input input, Result result) {
        if (tally == Tally.NONE) {
            return;
        }
        Session after = result.session();
        Optional<NodeRef> from = before.atMenu() ? Optional.empty() : Optional.of(before.at());
        Optional<ButtonData> pressed = input instanceof Input.Press press ? ButtonData.parse(press.data())
                : Optional.empty();
        switch (input) {
            case Input.Press press -> pressed.ifPresent(data -> {
                switch (data) {
                    case ButtonData.Press p when moved(before, after, result) ->
                            from.ifPresent(at -> tally.count(Tally.Event.LEFT_BY_BUTTON, at.tree(), at.node()));
                    case ButtonData.Action a when a.name().equals("back") -> wentBack(tally, from, before, after);
                    case ButtonData.Action a when a.name().equals("restart") -> restarted(tally, from);
                    case ButtonData.ReadArticle read -> tally.count(from.isPresent()
                            ? Tally.Event.ARTICLE_FROM_TREE : Tally.Event.READ_ARTICLE, read.article(), "");
                    default -> {
                    }
                }
            });
            case Input.Command command -> {
                switch (command.name()) {
                    case "back" -> wentBack(tally, from, before, after);
                    case "restart" -> restarted(tally, from);
                    case "search" -> typed(tally, result);
                    default -> {
                    }
                }
            }
            case Input.Text text -> typed(tally, result);
        }
        // Starting again shows the first step anew, even from the first step itself.
        boolean restart = input instanceof Input.Command c && c.name().equals("restart")
                || pressed.filter(d -> d instanceof ButtonData.Action a && a.name().equals("restart")).isPresent();
        if (!after.atMenu() && (restart || before.atMenu() || !before.at().equals(after.at()))) {
            tally.count(Tally.Event.REACHED, after.at().tree(), after.at().node());
            if (result.replies().stream().anyMatch(r -> r.kind() == Reply.Kind.OUTCOME)) {
                tally.count(Tally.Event.OUTCOME, after.at().tree(), after.at().node());
            }
        }
    }

    private static boolean moved(Session before, Session after, Result result) {
        return after.atMenu() || before.atMenu() || !before.at().equals(after.at())
                || result.replies().stream().anyMatch(r -> r.kind() == Reply.Kind.OUTCOME);
    }

    private static void wentBack(Tally tally, Optional<NodeRef> from, Session before, Session after) {
        if (from.isPresent() && (after.atMenu() || !before.at().equals(after.at()))) {
            tally.count(Tally.Event.WENT_BACK, from.get().tree(), from.get().node());
        }
    }

    private static void restarted(Tally tally, Optional<NodeRef> from) {
        from.ifPresent(at -> tally.count(Tally.Event.RESTARTED, at.tree(), at.node()));
    }

    /** A typed question: answered when the first reply is a passage, not when nothing good was found. */
    private static void typed(Tally tally, Result result) {
        if (result.replies().isEmpty()) {
            return;
        }
        Reply first = result.replies().getFirst();
        if (first.kind() == Reply.Kind.ANSWER) {
            tally.count(Tally.Event.TYPED_ANSWERED, "", "");
            first.buttons().stream()
                    .flatMap(b -> b.data() == null ? java.util.stream.Stream.empty()
                            : ButtonData.parse(b.data()).stream())
                    .filter(ButtonData.ReadArticle.class::isInstance)
                    .map(ButtonData.ReadArticle.class::cast)
                    .findFirst()
                    .ifPresent(read -> tally.count(Tally.Event.ARTICLE_FROM_SEARCH, read.article(), ""));
        } else if (first.kind() == Reply.Kind.NOTICE && Phrases.NOTHING_FOUND.equals(first.text())) {
            tally.count(Tally.Event.TYPED_NO_ANSWER, "", "");
        }
    }
}
