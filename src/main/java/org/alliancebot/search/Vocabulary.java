package org.alliancebot.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.spell.LuceneLevenshteinDistance;
import org.apache.lucene.util.BytesRef;

/**
 * Every word the index holds, with how many passages use it, grouped by first letter: the few hundred words a
 * typo could have meant are compared directly. Lucene's FuzzyQuery would find the same words, but it builds a
 * Levenshtein automaton per query, which measured at tens of milliseconds for two-edit typos.
 */
final class Vocabulary {

    /** A typo is matched to at most this many known words, so it cannot flood the results. */
    static final int MAX_CORRECTIONS = 2;

    private static final LuceneLevenshteinDistance DISTANCE = new LuceneLevenshteinDistance();

    private final Map<String, Integer> frequency = new HashMap<>();
    private final Map<Character, List<String>> byFirstLetter = new HashMap<>();

    Vocabulary(IndexReader reader, Iterable<String> fields) throws IOException {
        for (String field : fields) {
            Terms terms = MultiTerms.getTerms(reader, field);
            if (terms == null) {
                continue;
            }
            TermsEnum iterator = terms.iterator();
            for (BytesRef term = iterator.next(); term != null; term = iterator.next()) {
                frequency.merge(term.utf8ToString(), iterator.docFreq(), Integer::sum);
            }
        }
        for (String word : frequency.keySet()) {
            byFirstLetter.computeIfAbsent(word.charAt(0), c -> new ArrayList<>()).add(word);
        }
    }

    boolean contains(String word) {
        return frequency.containsKey(word);
    }

    /**
     * Known words within {@code maxEdits} (a swap of neighbouring letters counts as one), closest first and then
     * commonest; the first letter must match, as it almost always does in a typo.
     */
    List<String> corrections(String typo, int maxEdits) {
        if (typo.isEmpty() || maxEdits < 1) {
            return List.of();
        }
        record Candidate(String word, int edits, int frequency) {
        }
        List<Candidate> found = new ArrayList<>();
        for (String word : byFirstLetter.getOrDefault(typo.charAt(0), List.of())) {
            if (Math.abs(word.length() - typo.length()) > maxEdits) {
                continue;
            }
            int edits = edits(typo, word);
            if (edits <= maxEdits) {
                found.add(new Candidate(word, edits, frequency.get(word)));
            }
        }
        return found.stream()
                .sorted(Comparator.comparingInt(Candidate::edits).thenComparing(Candidate::frequency,
                        Comparator.reverseOrder()).thenComparing(Candidate::word))
                .limit(MAX_CORRECTIONS)
                .map(Candidate::word)
                .toList();
    }

    /** Lucene's distance is a similarity, 1 − edits / longer length; turned back into a count of edits. */
    private static int edits(String a, String b) {
        float similarity = DISTANCE.getDistance(a, b);
        return Math.round((1 - similarity) * Math.max(a.length(), b.length()));
    }
}
