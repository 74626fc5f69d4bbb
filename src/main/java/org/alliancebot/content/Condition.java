package org.alliancebot.content;

import java.util.Set;

/**
 * What a check rule asks of the answers so far. Every part the editor wrote must hold; parts left out always
 * hold.
 */
public record Condition(Set<String> flags, Set<String> notFlags, Integer scoreAtLeast, Integer scoreBelow) {

    public boolean holds(Set<String> setFlags, int score) {
        return setFlags.containsAll(flags)
                && notFlags.stream().noneMatch(setFlags::contains)
                && (scoreAtLeast == null || score >= scoreAtLeast)
                && (scoreBelow == null || score < scoreBelow);
    }

    /** For diagrams and messages: {@code flag unsafe and score >= 2}. */
    public String describe() {
        var parts = new java.util.ArrayList<String>();
        flags.stream().sorted().forEach(f -> parts.add("flag " + f));
        notFlags.stream().sorted().forEach(f -> parts.add("not flag " + f));
        if (scoreAtLeast != null) {
            parts.add("score >= " + scoreAtLeast);
        }
        if (scoreBelow != null) {
            parts.add("score < " + scoreBelow);
        }
        return parts.isEmpty() ? "always" : String.join(" and ", parts);
    }
}
