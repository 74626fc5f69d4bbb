package org.alliancebot.search;

import java.util.List;

/**
 * A short passage of an article with the words that matched the question marked, kept as plain text plus ranges:
 * for tools (search --json), not for people, whose answers are the editor's own Markdown.
 */
public record Snippet(String text, List<Range> highlights) {

    /** Snippets are at most this long, cut only between words. */
    public static final int MAX_LENGTH = 600;

    public record Range(int start, int end) {
    }

    public Snippet {
        highlights = List.copyOf(highlights);
    }

    /** Cuts text to {@link #MAX_LENGTH} at the last space before it, marking the cut with an ellipsis. */
    static Snippet cut(String text, List<Range> highlights) {
        if (text.length() <= MAX_LENGTH) {
            return new Snippet(text, highlights);
        }
        int end = text.lastIndexOf(' ', MAX_LENGTH - 1);
        if (end <= 0) {
            end = MAX_LENGTH - 1;
        }
        while (end > 0 && !Character.isLetterOrDigit(text.charAt(end - 1))) {
            end--;
        }
        int limit = end;
        List<Range> kept = highlights.stream().filter(r -> r.end() <= limit).toList();
        return new Snippet(text.substring(0, end) + "…", kept);
    }
}
