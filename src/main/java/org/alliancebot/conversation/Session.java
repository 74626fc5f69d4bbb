package org.alliancebot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.alliancebot.content.NodeRef;

/**
 * Where one person is: the node shown last, the answers' flags and score, the way back, and the country whose
 * crisis resources they chose. Holds no text the person typed, by design.
 *
 * @param at      the node on screen, or null at the main menu
 * @param history earlier positions, oldest first; Back restores the last one whole, flags included
 * @param country the country code chosen with /country, or null when none was chosen
 */
public record Session(NodeRef at, Set<String> flags, int score, List<Frame> history, String country) {

    /** Back is kept for this many steps; a person walking in circles does not grow a session forever. */
    public static final int MAX_HISTORY = 64;

    public static final Session AT_MENU = new Session(null, Set.of(), 0, List.of(), null);

    public Session {
        flags = Set.copyOf(flags);
        history = List.copyOf(history);
    }

    /** One earlier position, with the answers as they stood there. */
    public record Frame(NodeRef at, Set<String> flags, int score) {
        public Frame {
            flags = Set.copyOf(flags);
        }
    }

    public boolean atMenu() {
        return at == null;
    }

    /** Back at the menu; the country choice is kept, as it is about the person, not the topic. */
    Session toMenu() {
        return new Session(null, Set.of(), 0, List.of(), country);
    }

    Session withCountry(String code) {
        return new Session(at, flags, score, history, code);
    }

    Session movedTo(NodeRef next, Set<String> newFlags, int newScore) {
        List<Frame> way = new ArrayList<>(history);
        if (at != null) {
            way.add(new Frame(at, flags, score));
        }
        if (way.size() > MAX_HISTORY) {
            way = way.subList(way.size() - MAX_HISTORY, way.size());
        }
        return new Session(next, newFlags, newScore, way, country);
    }

    Session back() {
        Frame last = history.getLast();
        return new Session(last.at(), last.flags(), last.score(), history.subList(0, history.size() - 1), country);
    }
}
