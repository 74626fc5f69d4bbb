package org.alliancebot.content;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.lucene.search.spell.LuceneLevenshteinDistance;

/** Finds the word an editor most likely meant, so that {@code nxet} gets "did you mean 'next'?". */
final class Suggestions {

    /** Below this similarity a suggestion is more confusing than helpful. */
    private static final float MIN_SIMILARITY = 0.5f;

    // Counts a swap of two neighbouring letters as one edit, the commonest typo.
    private static final LuceneLevenshteinDistance DISTANCE = new LuceneLevenshteinDistance();

    private Suggestions() {
    }

    static Optional<String> closest(String written, Collection<String> candidates) {
        return candidates.stream()
                .map(c -> new Scored(c, DISTANCE.getDistance(written.toLowerCase(java.util.Locale.ROOT), c)))
                .filter(s -> s.similarity >= MIN_SIMILARITY)
                .max(Comparator.comparingDouble(Scored::similarity))
                .map(Scored::candidate);
    }

    /** " (did you mean 'next'?)", or nothing when no candidate is close. */
    static String hint(String written, Collection<String> candidates) {
        return closest(written, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    private record Scored(String candidate, float similarity) {
    }
}
