package org.alliancebot.content;

import java.util.List;
import java.util.Map;

/**
 * {@code safety-examples.yaml}: messages labelled by hand, from which the second safety tier learns what crisis
 * sounds like in people's own words, and what merely shares its words.
 *
 * @param crisis examples by category ({@link Safety#CATEGORIES}), each named {@code <category>-<n>}
 * @param safe   near-misses, each named {@code safe-<n>}
 */
public record SafetyExamples(Map<String, List<Example>> crisis, List<Example> safe) {

    public static final String FILE = "safety-examples.yaml";

    /** Stands in when the file could not be read, so the rest of a folder is still checked. */
    static final SafetyExamples NONE = new SafetyExamples(Map.of(), List.of());

    /**
     * One labelled message.
     *
     * @param id what logs and {@code safety-check} name it by: its category and place, never its text
     */
    public record Example(String id, String text, Location at) {
    }

    public int crisisCount() {
        return crisis.values().stream().mapToInt(List::size).sum();
    }
}
