package org.alliancebot.content;

/** A reference to a node, tree or article, as the editor wrote it, kept with where they wrote it. */
public record Ref(String id, Location at) {

    @Override
    public String toString() {
        return id;
    }
}
