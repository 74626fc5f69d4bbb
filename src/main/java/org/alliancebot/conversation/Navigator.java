package org.alliancebot.conversation;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.Content;
import org.alliancebot.content.Node;
import org.alliancebot.content.NodeRef;
import org.alliancebot.content.Tree;

/** Moves a session through trees: starting, answering, going back, and routing through checks and gotos. */
final class Navigator {

    /**
     * Validated content never chains this many checks and gotos; the bound keeps a broken file from hanging a
     * conversation all the same.
     */
    static final int MAX_HOPS = 32;

    Result start(Content content, Session session, Tree tree) {
        return enter(content, session.toMenu(), new NodeRef(tree.id(), tree.start().id()), Set.of(), 0);
    }

    /** Shows what the session is at now, without moving it. */
    Result redisplay(Content content, Session session) {
        if (session.atMenu()) {
            return Result.of(session, Replies.menu(content));
        }
        Optional<Node> node = content.node(session.at());
        if (node.isEmpty() || !node.get().isShown()) {
            return restartAfterChange(content, session);
        }
        return Result.of(session, Replies.node(content, session.at(), node.get()));
    }

    /** Acts on a press of the n-th button of the session's current node, which the caller has checked. */
    Result press(Content content, Session session, ButtonData.Press press) {
        Node node = content.node(session.at()).orElseThrow();
        return switch (node) {
            case Node.Question q when press.index() < q.choices().size() -> {
                Node.Choice choice = q.choices().get(press.index());
                Set<String> flags = new HashSet<>(session.flags());
                flags.addAll(choice.flags());
                yield enter(content, session, new NodeRef(session.at().tree(), choice.next().id()), flags,
                        session.score() + choice.score());
            }
            case Node.Message m when press.index() == 0 -> enter(content, session,
                    new NodeRef(session.at().tree(), m.next().id()), session.flags(), session.score());
            default -> stale(content, session);
        };
    }

    /** A button that is not for this step: it is refused, and the current step is shown again. */
    Result stale(Content content, Session session) {
        return redisplay(content, session)
                .after(new Reply(Reply.Kind.REFUSED, Phrases.STALE_BUTTON, List.of(), null));
    }

    Result back(Content content, Session session) {
        if (session.atMenu()) {
            return Result.of(session, Replies.menu(content)).after(Reply.notice(Phrases.BACK_AT_MENU, java.util.List.of()));
        }
        if (session.history().isEmpty()) {
            return redisplay(content, session).after(Reply.notice(Phrases.AT_FIRST_STEP, java.util.List.of()));
        }
        Session previous = session.back();
        if (content.node(previous.at()).isEmpty()) {
            return restartAfterChange(content, session);
        }
        return redisplay(content, previous);
    }

    Result restart(Content content, Session session) {
        if (session.atMenu()) {
            return Result.of(session, Replies.menu(content));
        }
        Optional<Tree> tree = content.tree(session.at().tree());
        return tree.map(t -> start(content, session, t))
                .orElseGet(() -> Result.of(session.toMenu(), Replies.menu(content)));
    }

    /** The person's node is gone after a content update: back to the start of their tree, or the menu. */
    Result restartAfterChange(Content content, Session session) {
        Reply notice = Reply.notice(Phrases.CONTENT_CHANGED, java.util.List.of());
        return restart(content, session).after(notice);
    }

    /**
     * Moves to {@code target}, following checks and gotos at once, and shows the first node the person can see.
     * The position left behind is kept for Back.
     */
    private Result enter(Content content, Session from, NodeRef target, Set<String> flags, int score) {
        NodeRef at = target;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Optional<Node> found = content.node(at);
            if (found.isEmpty()) {
                return restartAfterChange(content, from);
            }
            Node node = found.get();
            switch (node) {
                case Node.Check check -> at = new NodeRef(at.tree(), route(check, flags, score));
                case Node.Goto go -> {
                    Optional<NodeRef> landing = content.destination(go);
                    if (landing.isEmpty()) {
                        return restartAfterChange(content, from);
                    }
                    at = landing.get();
                }
                case Node.Question q -> {
                    return shown(content, from, at, node, flags, score);
                }
                case Node.Message m -> {
                    return shown(content, from, at, node, flags, score);
                }
                case Node.Outcome o -> {
                    return shown(content, from, at, node, flags, score);
                }
            }
        }
        return restartAfterChange(content, from);
    }

    private static Result shown(Content content, Session from, NodeRef at, Node node, Set<String> flags, int score) {
        Session next = from.movedTo(at, flags, score);
        return Result.of(next, Replies.node(content, at, node));
    }

    private static String route(Node.Check check, Set<String> flags, int score) {
        return check.rules().stream()
                .filter(rule -> rule.condition().holds(flags, score))
                .map(rule -> rule.next().id())
                .findFirst()
                .orElse(check.otherwise().id());
    }
}
