package org.alliancebot.content;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Markdown into messages that each fit a chat message once formatted, breaking between paragraphs where it
 * can, then between lines, then between words, so no message ends mid-word or mid-formatting.
 */
public final class MessageSplitter {

    /** Telegram's limit on a message's text, the strictest of the channels. */
    public static final int MAX_MESSAGE = 4096;

    private MessageSplitter() {
    }

    public static List<String> split(String markdown) {
        return split(markdown, MAX_MESSAGE);
    }

    public static List<String> split(String markdown, int maxFormatted) {
        String text = markdown.strip();
        // Nearly every message fits: one rendering decides, instead of one per paragraph.
        if (text.length() * 6 <= maxFormatted || fits(text, maxFormatted)) {
            return List.of(text);
        }
        List<String> messages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : pieces(markdown.strip(), "\n\n", maxFormatted)) {
            String candidate = current.isEmpty() ? paragraph : current + "\n\n" + paragraph;
            if (fits(candidate, maxFormatted)) {
                current.setLength(0);
                current.append(candidate);
            } else {
                if (!current.isEmpty()) {
                    messages.add(current.toString());
                }
                current.setLength(0);
                current.append(paragraph);
            }
        }
        if (!current.isEmpty()) {
            messages.add(current.toString());
        }
        return List.copyOf(messages);
    }

    /** Pieces at the given separator, each further split (lines, then words) until it fits on its own. */
    private static List<String> pieces(String text, String separator, int max) {
        List<String> pieces = new ArrayList<>();
        for (String piece : text.split(java.util.regex.Pattern.quote(separator))) {
            if (piece.isBlank()) {
                continue;
            }
            if (fits(piece, max)) {
                pieces.add(piece.strip());
            } else if (separator.equals("\n\n")) {
                pieces.addAll(join(pieces(piece, "\n", max), "\n", max));
            } else if (separator.equals("\n")) {
                pieces.addAll(join(pieces(piece, " ", max), " ", max));
            } else {
                // A single "word" longer than a message: only a hard cut is left.
                for (int i = 0; i < piece.length(); i += max / 8) {
                    pieces.add(piece.substring(i, Math.min(piece.length(), i + max / 8)));
                }
            }
        }
        return pieces;
    }

    private static List<String> join(List<String> parts, String separator, int max) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String part : parts) {
            String candidate = current.isEmpty() ? part : current + separator + part;
            if (fits(candidate, max)) {
                current.setLength(0);
                current.append(candidate);
            } else {
                joined.add(current.toString());
                current.setLength(0);
                current.append(part);
            }
        }
        if (!current.isEmpty()) {
            joined.add(current.toString());
        }
        return joined;
    }

    private static boolean fits(String markdown, int max) {
        return Markdown.toHtml(markdown).length() <= max;
    }
}
