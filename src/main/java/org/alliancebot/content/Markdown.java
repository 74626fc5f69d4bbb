package org.alliancebot.content;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Renders the small Markdown subset editors write (bold, italic, links, bullet lists) for a channel: plain text
 * for terminals, or the HTML subset chat apps such as Telegram accept ({@code <b> <i> <a> <code>}).
 * Anything outside the subset is shown as its text, never as markup, so no content can break a message.
 */
public final class Markdown {

    public enum Style { PLAIN, HTML }

    private static final Parser PARSER = Parser.builder().build();
    /**
     * Renderings already made: content texts are rendered again for every reply and every split check. Bounded,
     * so texts built from what people type cannot grow it.
     */
    private static final Cache<String, String> HTML = Caffeine.newBuilder().maximumSize(10_000).build();
    private static final Cache<String, String> PLAIN = Caffeine.newBuilder().maximumSize(10_000).build();

    private Markdown() {
    }

    public static String toPlain(String markdown) {
        return render(markdown, Style.PLAIN);
    }

    public static String toHtml(String markdown) {
        return render(markdown, Style.HTML);
    }

    public static String render(String markdown, Style style) {
        return (style == Style.HTML ? HTML : PLAIN).get(markdown, text -> rendered(PARSER.parse(text), style));
    }

    private static String rendered(org.commonmark.node.Node document, Style style) {
        Renderer renderer = new Renderer(style);
        document.accept(renderer);
        return renderer.result();
    }

    /** A text as the validator checks it: how long it is as HTML, and what in it chat cannot show. */
    public record Checked(String html, List<String> unsupported) {
    }

    /** Renders a text as HTML and finds what chat cannot show in it, parsing it once for both. */
    public static Checked check(String markdown) {
        org.commonmark.node.Node document = PARSER.parse(markdown);
        return new Checked(HTML.get(markdown, text -> rendered(document, Style.HTML)), unsupported(document));
    }

    /** Escapes text for the HTML subset: only {@code & < >} and, inside attributes, {@code "} matter. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escapes a person's own words so that Markdown rendering shows them exactly as typed. */
    public static String escapeMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]()#+-.!<>&|~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Constructs chat cannot show (headings, images, code blocks, quotes, raw HTML), for the validator to warn about. */
    public static List<String> unsupported(String markdown) {
        return unsupported(PARSER.parse(markdown));
    }

    private static List<String> unsupported(org.commonmark.node.Node document) {
        List<String> found = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                found.add("a heading");
            }

            @Override
            public void visit(Image image) {
                found.add("an image");
            }

            @Override
            public void visit(FencedCodeBlock block) {
                found.add("a code block");
            }

            @Override
            public void visit(IndentedCodeBlock block) {
                found.add("an indented code block (4 spaces)");
            }

            @Override
            public void visit(BlockQuote quote) {
                found.add("a quote ('>')");
                visitChildren(quote);
            }

            @Override
            public void visit(HtmlBlock html) {
                found.add("HTML");
            }

            @Override
            public void visit(HtmlInline html) {
                found.add("HTML");
            }
        });
        return found.stream().distinct().toList();
    }

    private static final class Renderer extends AbstractVisitor {
        private final Style style;
        private final StringBuilder out = new StringBuilder();
        private int listDepth;

        Renderer(Style style) {
            this.style = style;
        }

        String result() {
            return out.toString().strip();
        }

        private void text(String literal) {
            out.append(style == Style.HTML ? escapeHtml(literal) : literal);
        }

        private void tag(String html) {
            if (style == Style.HTML) {
                out.append(html);
            }
        }

        private void blockBreak() {
            if (out.isEmpty()) {
                return;
            }
            trimTrailingSpaces();
            if (listDepth > 0) {
                if (out.charAt(out.length() - 1) != '\n') {
                    out.append('\n');
                }
                return;
            }
            while (!out.toString().endsWith("\n\n")) {
                out.append('\n');
            }
        }

        private void trimTrailingSpaces() {
            while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
        }

        @Override
        public void visit(Paragraph paragraph) {
            if (!(paragraph.getParent() instanceof ListItem)) {
                blockBreak();
            }
            visitChildren(paragraph);
        }

        @Override
        public void visit(Heading heading) {
            blockBreak();
            tag("<b>");
            visitChildren(heading);
            tag("</b>");
        }

        @Override
        public void visit(BulletList list) {
            visitList(list);
        }

        @Override
        public void visit(OrderedList list) {
            visitList(list);
        }

        private void visitList(ListBlock list) {
            blockBreak();
            listDepth++;
            visitChildren(list);
            listDepth--;
        }

        @Override
        public void visit(ListItem item) {
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append("  ".repeat(listDepth - 1));
            if (item.getParent() instanceof OrderedList ordered) {
                int number = ordered.getMarkerStartNumber() == null ? 1 : ordered.getMarkerStartNumber();
                for (var sibling = ordered.getFirstChild(); sibling != item; sibling = sibling.getNext()) {
                    number++;
                }
                out.append(number).append(". ");
            } else {
                out.append(listDepth == 1 ? "• " : "◦ ");
            }
            visitChildren(item);
        }

        @Override
        public void visit(Emphasis emphasis) {
            tag("<i>");
            visitChildren(emphasis);
            tag("</i>");
        }

        @Override
        public void visit(StrongEmphasis strong) {
            tag("<b>");
            visitChildren(strong);
            tag("</b>");
        }

        @Override
        public void visit(Link link) {
            String url = link.getDestination();
            if (style == Style.HTML) {
                out.append("<a href=\"").append(escapeHtml(url)).append("\">");
                visitChildren(link);
                out.append("</a>");
                return;
            }
            int before = out.length();
            visitChildren(link);
            String label = out.substring(before);
            if (!label.equals(url) && !url.isBlank()) {
                out.append(" (").append(url).append(')');
            }
        }

        @Override
        public void visit(Image image) {
            visitChildren(image);
        }

        @Override
        public void visit(Code code) {
            tag("<code>");
            text(code.getLiteral());
            tag("</code>");
        }

        @Override
        public void visit(FencedCodeBlock block) {
            blockBreak();
            text(block.getLiteral().strip());
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            blockBreak();
            text(block.getLiteral().strip());
        }

        @Override
        public void visit(HtmlBlock html) {
            blockBreak();
            text(html.getLiteral().strip());
        }

        @Override
        public void visit(HtmlInline html) {
            text(html.getLiteral());
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            blockBreak();
        }

        @Override
        public void visit(SoftLineBreak softLineBreak) {
            // Editors wrap long lines in YAML; Markdown reads a single newline as a space.
            out.append(' ');
        }

        @Override
        public void visit(HardLineBreak hardLineBreak) {
            out.append('\n');
        }

        @Override
        public void visit(Text text) {
            text(text.getLiteral());
        }
    }
}
