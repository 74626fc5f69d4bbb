package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void shortTextStaysOneMessage() {
        assertThat(MessageSplitter.split("One.\n\nTwo.")).containsExactly("One.\n\nTwo.");
    }

    @Test
    void longTextSplitsBetweenParagraphsAndEachPartFits() {
        String paragraph = "Word ".repeat(150).strip() + ".";
        String text = String.join("\n\n", java.util.Collections.nCopies(20, paragraph));

        List<String> parts = MessageSplitter.split(text, 1000);

        assertThat(parts).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(Markdown.toHtml(p).length()).isLessThanOrEqualTo(1000))
                .allSatisfy(p -> assertThat(p).startsWith("Word").endsWith("."));
        assertThat(String.join("\n\n", parts)).isEqualTo(text);
    }

    @Test
    void paragraphLongerThanAMessageSplitsBetweenWords() {
        String text = "**bold** " + "alpha beta gamma ".repeat(400);

        List<String> parts = MessageSplitter.split(text, 500);

        assertThat(parts).allSatisfy(p -> {
            assertThat(Markdown.toHtml(p).length()).isLessThanOrEqualTo(500);
            assertThat(p).doesNotStartWith(" ").matches("(?s)[a-z*].*[a-z]");
        });
        assertThat(String.join(" ", parts).replaceAll("\\s+", " ")).isEqualTo(text.strip().replaceAll("\\s+", " "));
    }

    @Test
    void formattingIsMeasuredOnceRendered() {
        String paragraph = "&".repeat(300);

        assertThat(MessageSplitter.split(paragraph + "\n\n" + paragraph, 2000)).hasSize(2);
    }
}
