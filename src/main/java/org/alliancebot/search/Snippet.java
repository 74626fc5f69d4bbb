package org.alliancebot.search;

import java.util.List;
import org.alliancebot.content.Markdown;

/**
 * A short passage of an article with the words that matched the question marked, kept as plain text plus ranges
 * so each channel can mark them its own way.
 */
public record Snippet(String text, List<Range> highlights) {

    /** Snippets are at most this long, cut only between words. */
    public static final int MAX_LENGTH = 600;

    public record Range(int start, int end) {
    }

    public Snippet {
        highlights = List.copyOf(highlights);
    }

    /** As chat Markdown: matched words in bold, everything else escaped so it shows as written. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Range range : highlights) {
            out.append(Markdown.escapeMarkdown(text.substring(at, range.start())));
            out.append("**").append(Markdown.escapeMarkdown(text.substring(range.start(), range.end()))).append("**");
            at = range.end();
        }
        out.append(Markdown.escapeMarkdown(text.substring(at)));
        return out.toString();
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
