package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    static final String TEXT = """
            You can **say it** in a *session*, or [write](https://example.org/a?b=1&c=2).
            A wrapped line.

            - one
            - two
            """;

    @Nested
    class Plain {

        @Test
        void dropsMarkersKeepsWordsAndShowsLinkTargets() {
            assertThat(Markdown.toPlain(TEXT)).isEqualTo("""
                    You can say it in a session, or write (https://example.org/a?b=1&c=2). A wrapped line.

                    • one
                    • two""");
        }

        @Test
        void linkWhoseTextIsItsAddressIsShownOnce() {
            assertThat(Markdown.toPlain("<https://findahelpline.com>")).isEqualTo("https://findahelpline.com");
        }

        @Test
        void orderedListsKeepTheirNumbers() {
            assertThat(Markdown.toPlain("3. three\n4. four")).isEqualTo("3. three\n4. four");
        }
    }

    @Nested
    class Html {

        @Test
        void rendersTheChatSubset() {
            assertThat(Markdown.toHtml(TEXT)).isEqualTo("""
                    You can <b>say it</b> in a <i>session</i>, or <a href="https://example.org/a?b=1&amp;c=2">write</a>. \
                    A wrapped line.

                    • one
                    • two""");
        }

        @Test
        void escapesEverythingThatIsNotMarkup() {
            assertThat(Markdown.toHtml("1 < 2 & \"3\" > 0 <b>not bold</b>"))
                    .isEqualTo("1 &lt; 2 &amp; &quot;3&quot; &gt; 0 &lt;b&gt;not bold&lt;/b&gt;");
        }

        @Test
        void unsupportedBlocksAppearAsTheirText() {
            assertThat(Markdown.toHtml("# Title\n\n```\ncode\n```")).isEqualTo("<b>Title</b>\n\ncode");
        }
    }

    @Test
    void escapedPersonTextRendersExactlyAsTyped() {
        String typed = "**not bold** [x](y) <b> & _under_";

        assertThat(Markdown.toPlain(Markdown.escapeMarkdown(typed))).isEqualTo(typed);
        assertThat(Markdown.toHtml(Markdown.escapeMarkdown(typed)))
                .isEqualTo("**not bold** [x](y) &lt;b&gt; &amp; _under_");
    }

    @Test
    void unsupportedConstructsAreNamed() {
        assertThat(Markdown.unsupported("# H\n\n![img](x.png)\n\n> quote")).containsExactly("a heading", "an image",
                "a quote ('>')");
        assertThat(Markdown.unsupported(TEXT)).isEmpty();
    }

    @Test
    void checkingATextGivesItsHtmlAndWhatChatCannotShowFromOneParse() {
        String text = "# Heading\n\nSome **bold** text.";

        Markdown.Checked checked = Markdown.check(text);

        assertThat(checked.html()).isEqualTo(Markdown.toHtml(text));
        assertThat(checked.unsupported()).isEqualTo(Markdown.unsupported(text)).containsExactly("a heading");
    }
}
