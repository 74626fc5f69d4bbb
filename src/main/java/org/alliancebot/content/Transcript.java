package org.alliancebot.content;

import java.util.List;

/** A sample conversation from {@code tests/*.yaml}: steps to play through the engine and what to expect. */
public record Transcript(String title, String file, List<Step> steps) {

    public enum Action { START, PRESS, TYPE }

    /** One thing the person does, and what the replies to it must show. */
    public record Step(Action action, String argument, Expect expect, Location at) {
        public String describe() {
            return action.name().toLowerCase(java.util.Locale.ROOT) + " \"" + argument + "\"";
        }
    }

    /**
     * @param buttons exact labels of the last reply's buttons, or null when not checked
     * @param outcome an outcome id, or {@code tree/id}, or null when not checked
     */
    public record Expect(List<String> text, List<String> noText, List<String> buttons, String outcome) {
        public static final Expect NOTHING = new Expect(List.of(), List.of(), null, null);
    }
}
