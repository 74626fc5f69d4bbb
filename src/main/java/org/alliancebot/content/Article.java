package org.alliancebot.content;

import java.time.LocalDate;
import java.util.List;

/**
 * A curated article from {@code articles/<id>.md}: front matter plus sections, each section a self-contained
 * passage that search can show on its own.
 *
 * @param asks  ways people ask about what the article answers, in their own words: search reads them by meaning
 * @param trees related trees, offered beside the article in search answers
 */
public record Article(String id, String title, String summary, List<String> tags, List<String> asks,
                      List<Ref> trees, List<Source> furtherReading, LocalDate reviewed, List<Section> sections,
                      Location at) {

    /** A source article cited as further reading, by title and publisher only. */
    public record Source(String title, String publisher) {
    }

    /**
     * A {@code ##} section. The text before the first heading, if any, is a section with an empty heading.
     *
     * @param text the section's Markdown, without its heading
     */
    public record Section(String heading, String text, Location at) {
    }

    /** The whole article as chat Markdown: title, sections with their headings in bold, then further reading. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("**").append(title).append("**\n\n");
        for (Section section : sections) {
            if (!section.heading().isEmpty()) {
                out.append("**").append(section.heading()).append("**\n\n");
            }
            out.append(section.text().strip()).append("\n\n");
        }
        if (!furtherReading.isEmpty()) {
            out.append("*Further reading:*\n\n");
            furtherReading.forEach(s -> out.append("- ").append(s.title()).append(" (").append(s.publisher())
                    .append(")\n"));
        }
        return out.toString().strip();
    }
}
