package org.alliancebot.content;

/** Names one node of one tree: {@code fit/look-elsewhere}. */
public record NodeRef(String tree, String node) {

    @Override
    public String toString() {
        return tree + "/" + node;
    }
}
