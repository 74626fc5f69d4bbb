package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;

class EntityHtmlTest {

    static MessageEntity entity(String type, int offset, int length) {
        return MessageEntity.builder().type(type).offset(offset).length(length).build();
    }

    @Test
    void rebuildsFormattingAndEscapesTheRest() {
        String text = "Hi you & me <3";
        assertThat(EntityHtml.toHtml(text, List.of(entity("bold", 0, 2), entity("italic", 3, 3))))
                .isEqualTo("<b>Hi</b> <i>you</i> &amp; me &lt;3");
    }

    @Test
    void nestedEntitiesCloseInnermostFirst() {
        assertThat(EntityHtml.toHtml("ab", List.of(entity("bold", 0, 2), entity("italic", 1, 1))))
                .isEqualTo("<b>a<i>b</i></b>");
    }

    @Test
    void linksKeepTheirAddress() {
        MessageEntity link = MessageEntity.builder().type("text_link").offset(0).length(4).url("https://x.org/?a&b")
                .build();
        assertThat(EntityHtml.toHtml("here", List.of(link))).isEqualTo("<a href=\"https://x.org/?a&amp;b\">here</a>");
    }

    @Test
    void offsetsCountUtf16UnitsAsTelegramDoes() {
        assertThat(EntityHtml.toHtml("👍 ok", List.of(entity("bold", 3, 2)))).isEqualTo("👍 <b>ok</b>");
    }

    @Test
    void unknownEntitiesAreLeftAsText() {
        assertThat(EntityHtml.toHtml("/start", List.of(entity("bot_command", 0, 6)))).isEqualTo("/start");
        assertThat(EntityHtml.toHtml(null, null)).isEmpty();
    }
}
