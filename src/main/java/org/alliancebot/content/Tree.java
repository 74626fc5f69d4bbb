package org.alliancebot.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One topic the bot walks a person through. Nodes keep the order the editor wrote them in, which diagrams and
 * coverage reports follow.
 */
public record Tree(String id, String title, String label, String about, List<String> triggers, Ref start,
                   Map<String, Node> nodes, Location at) {

    public Optional<Node> node(String nodeId) {
        return Optional.ofNullable(nodes.get(nodeId));
    }
}
