package org.alliancebot.telegram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alliancebot.content.Markdown;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;

/**
 * Turns a message Telegram sent back (plain text plus formatting entities) into the HTML it was sent as, so an
 * edited message keeps its bold, italics and links. Offsets are UTF-16 code units, as Java strings count them.
 */
final class EntityHtml {

    private EntityHtml() {
    }

    static String toHtml(String text, List<MessageEntity> entities) {
        if (text == null) {
            return "";
        }
        List<MessageEntity> sorted = new ArrayList<>(entities == null ? List.of() : entities);
        sorted.removeIf(e -> open(e) == null);
        sorted.sort(Comparator.comparingInt(MessageEntity::getOffset)
                .thenComparing(Comparator.comparingInt(MessageEntity::getLength).reversed()));
        StringBuilder html = new StringBuilder();
        List<MessageEntity> openEntities = new ArrayList<>();
        int next = 0;
        for (int i = 0; i <= text.length(); i++) {
            // Close entities ending here, innermost first.
            for (int k = openEntities.size() - 1; k >= 0; k--) {
                MessageEntity e = openEntities.get(k);
                if (e.getOffset() + e.getLength() == i) {
                    html.append(Markdown.escapeHtml(text.substring(next, i)));
                    next = i;
                    html.append(close(e));
                    openEntities.remove(k);
                }
            }
            while (!sorted.isEmpty() && sorted.getFirst().getOffset() == i) {
                MessageEntity e = sorted.removeFirst();
                html.append(Markdown.escapeHtml(text.substring(next, i)));
                next = i;
                html.append(open(e));
                openEntities.add(e);
            }
        }
        html.append(Markdown.escapeHtml(text.substring(Math.min(next, text.length()))));
        return html.toString();
    }

    private static String open(MessageEntity entity) {
        return switch (entity.getType()) {
            case "bold" -> "<b>";
            case "italic" -> "<i>";
            case "underline" -> "<u>";
            case "strikethrough" -> "<s>";
            case "code" -> "<code>";
            case "pre" -> "<pre>";
            case "text_link" -> "<a href=\"" + Markdown.escapeHtml(entity.getUrl()) + "\">";
            default -> null;
        };
    }

    private static String close(MessageEntity entity) {
        return switch (entity.getType()) {
            case "bold" -> "</b>";
            case "italic" -> "</i>";
            case "underline" -> "</u>";
            case "strikethrough" -> "</s>";
            case "code" -> "</code>";
            case "pre" -> "</pre>";
            case "text_link" -> "</a>";
            default -> "";
        };
    }
}
