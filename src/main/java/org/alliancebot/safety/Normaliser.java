package org.alliancebot.safety;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a message into the plain words rules are matched against, so that case, punctuation, emoji, accents,
 * stretched letters ("dieeee") and contractions do not hide what was said. Rule words go through the same steps,
 * so rules are written in ordinary spelling.
 */
final class Normaliser {

    /** Only this much of a message is read; a crisis is said early, and the bound keeps checking cheap. */
    static final int MAX_CHARS = 10_000;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("[\u2019\u2018`\u00b4]");

    private record Contraction(Pattern pattern, String replacement) {
        Contraction(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }
    }

    /** Compiled once: every typed message passes through them. */
    private static final List<Contraction> CONTRACTIONS = List.of(
            new Contraction("\\bcan't\\b", "can not"), new Contraction("\\bwon't\\b", "will not"),
            new Contraction("n't\\b", " not"), new Contraction("'re\\b", " are"), new Contraction("'ve\\b", " have"),
            new Contraction("'ll\\b", " will"), new Contraction("'d\\b", " would"), new Contraction("'m\\b", " am"),
            new Contraction("'s\\b", ""));
    private static final Pattern LETTER_DIGIT = Pattern.compile("(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");
    private static final Pattern REPEATS = Pattern.compile("([a-z])\\1+");
    /** Spellings without apostrophes, and chat shorthand. Ordinary words ("wont", "ill", "well") stay as they are. */
    private static final Map<String, String> EXPANSIONS = Map.ofEntries(
            Map.entry("dont", "do not"), Map.entry("cant", "can not"), Map.entry("cannot", "can not"),
            Map.entry("didnt", "did not"), Map.entry("doesnt", "does not"), Map.entry("isnt", "is not"),
            Map.entry("wasnt", "was not"), Map.entry("werent", "were not"), Map.entry("havent", "have not"),
            Map.entry("wouldnt", "would not"), Map.entry("couldnt", "could not"), Map.entry("im", "i am"),
            Map.entry("ive", "i have"), Map.entry("wana", "want to"), Map.entry("gona", "going to"),
            Map.entry("gota", "got to"), Map.entry("u", "you"), Map.entry("ur", "your"));
    private static final Map<String, String> JOINS = Map.of("my self", "myself", "un alive", "unalive");

    private Normaliser() {
    }

    static List<String> words(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        t = MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        t = APOSTROPHES.matcher(t).replaceAll("'");
        for (Contraction contraction : CONTRACTIONS) {
            t = contraction.pattern().matcher(t).replaceAll(contraction.replacement());
        }
        t = t.replace("'", "");
        t = LETTER_DIGIT.matcher(t).replaceAll(" ");
        t = NOT_WORD.matcher(t).replaceAll(" ").strip();
        List<String> words = new ArrayList<>();
        if (t.isEmpty()) {
            return words;
        }
        for (String word : t.split(" ")) {
            String squeezed = squeeze(word);
            String expanded = EXPANSIONS.get(squeezed);
            if (expanded != null) {
                words.addAll(List.of(expanded.split(" ")));
            } else {
                words.add(squeezed);
            }
        }
        return join(words);
    }

    /** A run of one repeated letter becomes one letter: "dieeee" → "die", "kill" → "kil". */
    static String squeeze(String word) {
        return REPEATS.matcher(word).replaceAll("$1");
    }

    private static List<String> join(List<String> words) {
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String pair = i + 1 < words.size() ? JOINS.get(words.get(i) + " " + words.get(i + 1)) : null;
            if (pair != null) {
                joined.add(pair);
                i++;
            } else {
                joined.add(words.get(i));
            }
        }
        return joined;
    }
}
