package org.alliancebot.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * What handling one input produced: the session to keep and the replies to show, in order.
 *
 * @param forget whether the person asked to be forgotten: their session is deleted rather than kept
 */
public record Result(Session session, List<Reply> replies, boolean forget) {

    public Result {
        replies = List.copyOf(replies);
    }

    public Result(Session session, List<Reply> replies) {
        this(session, replies, false);
    }

    public static Result of(Session session, Reply... replies) {
        return new Result(session, List.of(replies));
    }

    /** The same session, with {@code first} shown before these replies. */
    public Result after(Reply first) {
        List<Reply> all = new ArrayList<>();
        all.add(first);
        all.addAll(replies);
        return new Result(session, all, forget);
    }
}
