package org.alliancebot.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.alliancebot.content.NodeRef;
import org.alliancebot.conversation.Session;
import tools.jackson.databind.json.JsonMapper;

/**
 * A session as the JSON kept in the database: its position, the way back, flags, score and chosen country.
 * Nothing else exists in a session to store.
 */
final class SessionCodec {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Frame(String at, List<String> flags, int score) {
    }

    record Stored(String at, List<String> flags, int score, List<Frame> history, String country) {
    }

    private SessionCodec() {
    }

    static String encode(Session session) {
        List<Frame> history = new ArrayList<>();
        for (Session.Frame frame : session.history()) {
            history.add(new Frame(ref(frame.at()), List.copyOf(frame.flags()), frame.score()));
        }
        return JSON.writeValueAsString(new Stored(ref(session.at()), List.copyOf(session.flags()), session.score(),
                history, session.country()));
    }

    static Session decode(String json) {
        Stored stored = JSON.readValue(json, Stored.class);
        List<Session.Frame> history = new ArrayList<>();
        for (Frame frame : stored.history() == null ? List.<Frame>of() : stored.history()) {
            history.add(new Session.Frame(ref(frame.at()), Set.copyOf(frame.flags()), frame.score()));
        }
        return new Session(ref(stored.at()), Set.copyOf(stored.flags() == null ? List.of() : stored.flags()),
                stored.score(), history, stored.country());
    }

    private static String ref(NodeRef ref) {
        return ref == null ? null : ref.toString();
    }

    private static NodeRef ref(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        return new NodeRef(text.substring(0, slash), text.substring(slash + 1));
    }
}
