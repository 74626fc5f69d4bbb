package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.alliancebot.content.Markdown;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Input;
import org.alliancebot.conversation.Reply;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.embedding.TestEmbeddings;
import org.alliancebot.preview.PreviewController;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/**
 * A typed question whose answer holds a list and emphasis, on the shipped content, as each channel shows it: one
 * message, the list one item per line, the editor's italics kept, no word of the question bolded; the console's
 * plain text and the preview's HTML alike.
 */
class AnswerRenderingTest {

    static final Snapshot SNAPSHOT = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
    static final String QUESTION = "how do I tell my therapist I want to stop";

    final Conversation conversation = new Conversation(() -> SNAPSHOT,
            new CaffeineSessionStore(Duration.ofHours(1), 10));

    List<Reply> ask() {
        return conversation.handle(new ChatId("1"), Input.fromTyped(QUESTION));
    }

    @Test
    void telegramGetsOneMessageWithTheListOneItemPerLineAndTheEditorsItalics() {
        List<Reply> replies = ask();
        assertThat(replies).hasSize(1);

        List<SendMessage> messages = TelegramRenderer.messages(1, replies.getFirst());

        assertThat(messages).hasSize(1);
        String html = messages.getFirst().getText();
        assertThat(html).startsWith("<b>Leaving a therapist respectfully</b>");
        assertThat(html).contains("\n• <i>&quot;I've decided not to carry on with our sessions.&quot;</i>\n")
                .contains("\n• <i>&quot;I think I need a different approach");
        assertThat(html).doesNotContain("<b>therapist</b>").doesNotContain("<b>stop</b>")
                .doesNotContain("<b>tell</b>");
        List<String> labels = messages.getFirst().getReplyMarkup() instanceof
                org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup keyboard
                ? keyboard.getKeyboard().stream().flatMap(List::stream).map(b -> b.getText()).toList() : List.of();
        assertThat(labels.getFirst()).isEqualTo("Read the article");
        assertThat(labels).anyMatch(l -> l.startsWith("Also: "))
                .contains("Walk through: Leaving a therapist respectfully");
    }

    @Test
    void consoleShowsTheSameAnswerAsPlainTextWithOneBulletPerLine() {
        String plain = Markdown.toPlain(ask().getFirst().text());

        assertThat(plain).startsWith("Leaving a therapist respectfully");
        assertThat(plain.lines().filter(line -> line.startsWith("• "))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(plain).doesNotContain("<b>").doesNotContain("**");
    }

    @Test
    void previewShowsTheSameHtmlAsTelegram() throws Exception {
        SnapshotHolder holder = new SnapshotHolder(Path.of("content"), new org.alliancebot.content.ContentLoader(),
                java.time.Clock.systemUTC(), TestEmbeddings.miniLm());
        PreviewController preview = new PreviewController(conversation, holder);

        var body = preview.send(new PreviewController.Action("tab-12345678", QUESTION, null)).getBody();

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replies = (List<Map<String, Object>>) body.get("replies");
        assertThat(replies).hasSize(1);
        assertThat((String) replies.getFirst().get("html")).isEqualTo(
                TelegramRenderer.messages(1, conversation.handle(new ChatId("2"), Input.fromTyped(QUESTION))
                        .getFirst()).getFirst().getText());
    }
}
