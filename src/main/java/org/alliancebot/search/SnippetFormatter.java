package org.alliancebot.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Joins the highlighter's best sentences, in the order they appear, into one {@link Snippet}: gaps between
 * sentences are marked with an ellipsis, and the whole is cut to length between words.
 */
final class SnippetFormatter extends PassageFormatter {

    private static final String GAP = " … ";

    @Override
    public Object format(Passage[] passages, String content) {
        if (passages.length == 0) {
            return null;
        }
        Passage[] ordered = Arrays.copyOf(passages, passages.length);
        Arrays.sort(ordered, Comparator.comparingInt(Passage::getStartOffset));
        StringBuilder text = new StringBuilder();
        List<Snippet.Range> ranges = new ArrayList<>();
        int previousEnd = -1;
        for (Passage passage : ordered) {
            if (text.length() > 0) {
                text.append(passage.getStartOffset() <= previousEnd + 1 ? " " : GAP);
            } else if (passage.getStartOffset() > 0) {
                text.append("… ");
            }
            String sentence = content.substring(passage.getStartOffset(), passage.getEndOffset());
            int trimmedStart = sentence.length() - sentence.stripLeading().length();
            int base = text.length() - passage.getStartOffset() - trimmedStart;
            String stripped = sentence.strip();
            text.append(stripped);
            int limit = text.length();
            for (int i = 0; i < passage.getNumMatches(); i++) {
                int start = passage.getMatchStarts()[i] + base;
                int end = passage.getMatchEnds()[i] + base;
                if (start >= limit - stripped.length() && end <= limit && start < end) {
                    addMerged(ranges, new Snippet.Range(start, end));
                }
            }
            previousEnd = passage.getEndOffset();
        }
        return Snippet.cut(text.toString(), ranges);
    }

    /** Matches come sorted; overlapping ones (a word matched by two synonyms) become one range. */
    private static void addMerged(List<Snippet.Range> ranges, Snippet.Range range) {
        if (!ranges.isEmpty() && ranges.getLast().end() >= range.start()) {
            Snippet.Range last = ranges.removeLast();
            ranges.add(new Snippet.Range(last.start(), Math.max(last.end(), range.end())));
        } else {
            ranges.add(range);
        }
    }
}
