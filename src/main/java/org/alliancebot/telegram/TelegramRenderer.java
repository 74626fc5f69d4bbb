package org.alliancebot.telegram;

import java.util.ArrayList;
import java.util.List;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.MessageSplitter;
import org.alliancebot.conversation.Reply;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Renders the engine's replies as Telegram messages: content Markdown as Telegram HTML (everything escaped that
 * is not markup), buttons as an inline keyboard with one button a row, and text over Telegram's limit split
 * between paragraphs with the buttons under the last part.
 */
final class TelegramRenderer {

    private TelegramRenderer() {
    }

    static List<SendMessage> messages(long chatId, Reply reply) {
        List<String> parts = MessageSplitter.split(reply.text());
        List<SendMessage> messages = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            messages.add(message(chatId, Markdown.toHtml(parts.get(i)), last ? keyboard(reply.buttons()) : null));
        }
        return messages;
    }

    static SendMessage message(long chatId, String html, InlineKeyboardMarkup keyboard) {
        return SendMessage.builder()
                .chatId(chatId)
                .text(html)
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .replyMarkup(keyboard)
                .build();
    }

    static InlineKeyboardMarkup keyboard(List<Reply.Button> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (Reply.Button button : buttons) {
            rows.add(new InlineKeyboardRow(InlineKeyboardButton.builder()
                    .text(button.label())
                    .callbackData(button.data())
                    .build()));
        }
        return InlineKeyboardMarkup.builder().keyboard(rows).build();
    }

    /** A single button that opens a link, such as a private chat with the bot. */
    static InlineKeyboardMarkup linkButton(String label, String url) {
        return InlineKeyboardMarkup.builder()
                .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text(label).url(url).build()))
                .build();
    }
}
