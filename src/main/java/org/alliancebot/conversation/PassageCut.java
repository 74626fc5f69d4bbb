package org.alliancebot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Shortens an editor's Markdown passage for a chat answer without breaking what they wrote: whole paragraphs
 * while they fit, else whole list items, else whole sentences; a word boundary only when one sentence is longer
 * than the limit. Never cuts inside emphasis or a link that a boundary keeps whole.
 */
final class PassageCut {

    record Cut(String text, boolean cut) {
    }

    private static final Pattern BLOCKS = Pattern.compile("\\n\\s*\\n");
    private static final Pattern ITEM = Pattern.compile("^\\s*([-*+]|\\d+[.)])\\s+.*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?][\"'”’)]?)\\s+");

    private PassageCut() {
    }

    static Cut of(String markdown, int limit) {
        if (markdown.length() <= limit) {
            return new Cut(markdown, false);
        }
        StringBuilder kept = new StringBuilder();
        for (String block : BLOCKS.split(markdown)) {
            int length = kept.isEmpty() ? block.length() : kept.length() + 2 + block.length();
            if (length <= limit) {
                if (!kept.isEmpty()) {
                    kept.append("\n\n");
                }
                kept.append(block);
                continue;
            }
            if (kept.isEmpty()) {
                kept.append(partOf(block, limit));
            } else if (isList(block)) {
                // A list after an introduction: keep the items that fit, so "these things:" is not left hanging.
                String items = partOf(block, limit - kept.length() - 2);
                if (!items.isEmpty()) {
                    kept.append("\n\n").append(items);
                }
            }
            break;
        }
        return new Cut(kept.toString(), true);
    }

    /** A block that is a list: every line an item, or an item's continuation indented under it. */
    private static boolean isList(String block) {
        return block.lines().allMatch(line -> ITEM.matcher(line).matches() || line.startsWith("  "));
    }

    /** As much of one block as fits: whole list items, else whole sentences, else whole words. */
    private static String partOf(String block, int limit) {
        List<String> pieces = isList(block) ? block.lines().toList() : List.of(SENTENCE_END.split(block));
        String separator = pieces.size() > 1 && ITEM.matcher(pieces.getFirst()).matches() ? "\n" : " ";
        List<String> kept = new ArrayList<>();
        int length = 0;
        for (String piece : pieces) {
            int next = length + (kept.isEmpty() ? 0 : separator.length()) + piece.length();
            if (next > limit) {
                break;
            }
            kept.add(piece);
            length = next;
        }
        if (!kept.isEmpty()) {
            return String.join(separator, kept);
        }
        int space = block.lastIndexOf(' ', Math.max(0, limit - 1));
        return (space > 0 ? block.substring(0, space) : block.substring(0, Math.min(limit, block.length()))) + " …";
    }
}
