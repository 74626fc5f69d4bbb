package org.alliancebot.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * The version of one node's meaning: a short hash of what its buttons do (its text, choices, targets, flags and
 * score), ignoring where in the file it was written. Buttons carry it, so after a content reload a button still
 * works if its node means the same, and is refused with a notice if the node changed.
 */
public final class NodeVersion {

    /**
     * Versions already computed, by node instance: nodes are immutable and every reply and press asks again.
     * Weak keys (compared by identity) let a reloaded snapshot's nodes go.
     */
    private static final Cache<Node, String> COMPUTED = Caffeine.newBuilder().weakKeys().build();

    private NodeVersion() {
    }

    public static String of(NodeRef ref, Node node) {
        return COMPUTED.get(node, n -> compute(ref, n));
    }

    private static String compute(NodeRef ref, Node node) {
        StringBuilder meaning = new StringBuilder(ref.toString()).append('\u0000');
        switch (node) {
            case Node.Question q -> {
                meaning.append("question\u0000").append(q.text());
                for (Node.Choice c : q.choices()) {
                    meaning.append('\u0000').append(c.label()).append('\u0001').append(c.next().id())
                            .append('\u0001').append(new TreeSet<>(c.flags())).append('\u0001').append(c.score());
                }
            }
            case Node.Message m -> meaning.append("message\u0000").append(m.text()).append('\u0000')
                    .append(m.next().id());
            case Node.Outcome o -> meaning.append("outcome\u0000").append(o.title()).append('\u0000').append(o.text());
            case Node.Check c -> meaning.append("check");
            case Node.Goto g -> meaning.append("goto\u0000").append(g.target().id());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(meaning.toString()
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ButtonData.VERSION_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
