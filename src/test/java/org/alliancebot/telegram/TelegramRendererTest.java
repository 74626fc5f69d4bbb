package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.alliancebot.conversation.Reply;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

class TelegramRendererTest {

    @Test
    void markdownBecomesTelegramHtmlWithAKeyboard() {
        Reply reply = new Reply(Reply.Kind.STEP, "**Bold** & *soft*", List.of(new Reply.Button("Yes", "s:fit")), null);

        SendMessage message = TelegramRenderer.messages(7, reply).getFirst();

        assertThat(message.getText()).isEqualTo("<b>Bold</b> &amp; <i>soft</i>");
        assertThat(message.getParseMode()).isEqualToIgnoringCase("HTML");
        InlineKeyboardMarkup keyboard = (InlineKeyboardMarkup) message.getReplyMarkup();
        assertThat(keyboard.getKeyboard()).singleElement()
                .satisfies(row -> assertThat(row.getFirst().getCallbackData()).isEqualTo("s:fit"));
    }

    @Test
    void longTextIsSplitWithButtonsOnlyUnderTheLastPart() {
        String paragraph = "word ".repeat(300).strip();
        Reply reply = new Reply(Reply.Kind.ARTICLE, String.join("\n\n", java.util.Collections.nCopies(6, paragraph)),
                List.of(new Reply.Button("Main menu", "a:menu")), null);

        List<SendMessage> messages = TelegramRenderer.messages(7, reply);

        assertThat(messages).hasSizeGreaterThan(1)
                .allSatisfy(m -> assertThat(m.getText().length()).isLessThanOrEqualTo(4096));
        assertThat(messages.subList(0, messages.size() - 1)).allSatisfy(m -> assertThat(m.getReplyMarkup()).isNull());
        assertThat(messages.getLast().getReplyMarkup()).isNotNull();
    }
}
