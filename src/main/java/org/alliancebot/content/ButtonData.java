package org.alliancebot.content;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a button carries back when pressed, in the compact form chat platforms store with a button (Telegram
 * allows 64 bytes). The only place button data is written or read, so every channel agrees on it.
 *
 * <ul>
 *   <li>{@code p:<version>:<tree>:<node>:<n>} presses the n-th button of a node, valid only while the person is
 *       still at that node and the node still means what it did ({@link NodeVersion});</li>
 *   <li>{@code s:<tree>} starts a tree (menu entries and follow-ups: harmless to press again later);</li>
 *   <li>{@code r:<article>} sends an article;</li>
 *   <li>{@code c:<country>} chooses whose crisis resources are shown;</li>
 *   <li>{@code a:<action>} a navigation action such as {@code menu};</li>
 *   <li>{@code k:<answer>:<category>:<then>} answers a safety check-in ({@code y} yes, {@code n} no, {@code q}
 *       rather not say), and says what to show after it: {@code a:<article>:<section>}, {@code t:<tree>} or
 *       {@code -} for nothing found. It carries where the answer is, never what the person wrote.</li>
 * </ul>
 */
public sealed interface ButtonData {

    /** Telegram's limit on callback data, in UTF-8 bytes. */
    int MAX_BYTES = 64;

    /** Content versions are shortened to this many hex digits in buttons. */
    int VERSION_LENGTH = 8;

    String encode();

    record Press(String version, NodeRef node, int index) implements ButtonData {
        @Override
        public String encode() {
            return "p:" + version + ":" + node.tree() + ":" + node.node() + ":" + index;
        }
    }

    record StartTree(String tree) implements ButtonData {
        @Override
        public String encode() {
            return "s:" + tree;
        }
    }

    /** Sends a whole article (search answers, outcomes, the menu). */
    record ReadArticle(String article) implements ButtonData {
        @Override
        public String encode() {
            return "r:" + article;
        }
    }

    /** Shows one passage of an article as an answer (the other matches offered under a typed question's answer). */
    record Passage(String article, int section) implements ButtonData {
        @Override
        public String encode() {
            return "g:" + article + ":" + section;
        }
    }

    /** Chooses the country whose crisis resources are shown. */
    record Country(String code) implements ButtonData {
        @Override
        public String encode() {
            return "c:" + code;
        }
    }

    record Action(String name) implements ButtonData {
        public static final Action MENU = new Action("menu");

        @Override
        public String encode() {
            return "a:" + name;
        }
    }

    /** An answer to a safety check-in, and the answer to their question to show after it. */
    record CheckIn(Answer answer, String category, Then then) implements ButtonData {

        public enum Answer {
            YES("y"), NO("n"), RATHER_NOT_SAY("q");

            final String code;

            Answer(String code) {
                this.code = code;
            }

            static Optional<Answer> of(String code) {
                return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
            }
        }

        /** What to show once the check-in is answered: a passage, a tree, or that nothing was found. */
        public record Then(String kind, String id, int section) {
            public static final Then NOTHING = new Then("-", "", 0);

            public static Then passage(String article, int section) {
                return new Then("a", article, section);
            }

            public static Then tree(String tree) {
                return new Then("t", tree, 0);
            }

            String encode() {
                return switch (kind) {
                    case "a" -> "a:" + id + ":" + section;
                    case "t" -> "t:" + id;
                    default -> "-";
                };
            }
        }

        @Override
        public String encode() {
            String full = "k:" + answer.code + ":" + category + ":" + then.encode();
            // An id too long for the platform's limit loses only the follow-on answer, never the check-in.
            return full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES ? full
                    : "k:" + answer.code + ":" + category + ":-";
        }
    }

    Pattern PRESS = Pattern.compile("p:([0-9a-f]{" + VERSION_LENGTH + "}):([a-z0-9-]{1,60}):([a-z0-9-]{1,60}):([0-9])");
    Pattern START = Pattern.compile("s:([a-z0-9-]{1,60})");
    Pattern ACTION = Pattern.compile("a:([a-z0-9-]{1,30})");
    Pattern READ = Pattern.compile("r:([a-z0-9-]{1,60})");
    Pattern COUNTRY = Pattern.compile("c:([A-Z]{2,3})");
    Pattern PASSAGE = Pattern.compile("g:([a-z0-9-]{1,60}):([0-9]{1,3})");
    Pattern CHECK_IN = Pattern.compile(
            "k:([ynq]):(self-harm|others|misconduct):(?:a:([a-z0-9-]{1,60}):([0-9]{1,3})|t:([a-z0-9-]{1,60})|-)");

    /** Reads data that came back from a chat platform; anything not written by {@link #encode()} is empty. */
    static Optional<ButtonData> parse(String data) {
        if (data == null || data.length() > MAX_BYTES) {
            return Optional.empty();
        }
        Matcher m;
        if ((m = PRESS.matcher(data)).matches()) {
            return Optional.of(new Press(m.group(1), new NodeRef(m.group(2), m.group(3)),
                    Integer.parseInt(m.group(4))));
        }
        if ((m = START.matcher(data)).matches()) {
            return Optional.of(new StartTree(m.group(1)));
        }
        if ((m = ACTION.matcher(data)).matches()) {
            return Optional.of(new Action(m.group(1)));
        }
        if ((m = READ.matcher(data)).matches()) {
            return Optional.of(new ReadArticle(m.group(1)));
        }
        if ((m = PASSAGE.matcher(data)).matches()) {
            return Optional.of(new Passage(m.group(1), Integer.parseInt(m.group(2))));
        }
        if ((m = COUNTRY.matcher(data)).matches()) {
            return Optional.of(new Country(m.group(1)));
        }
        if ((m = CHECK_IN.matcher(data)).matches()) {
            CheckIn.Then then = m.group(3) != null ? CheckIn.Then.passage(m.group(3), Integer.parseInt(m.group(4)))
                    : m.group(5) != null ? CheckIn.Then.tree(m.group(5)) : CheckIn.Then.NOTHING;
            return Optional.of(new CheckIn(CheckIn.Answer.of(m.group(1)).orElseThrow(), m.group(2), then));
        }
        return Optional.empty();
    }

    /** The longest data a node's buttons will need, for the validator to compare with {@link #MAX_BYTES}. */
    static int bytesFor(NodeRef node) {
        return new Press("0".repeat(VERSION_LENGTH), node, 9).encode().getBytes(StandardCharsets.UTF_8).length;
    }
}
