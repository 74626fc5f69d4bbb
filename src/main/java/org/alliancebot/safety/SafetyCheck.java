package org.alliancebot.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.alliancebot.content.Safety;
import org.alliancebot.content.SafetyExamples;
import org.alliancebot.embedding.Embeddings;

/**
 * Recognises messages that suggest someone may be in danger, or that describe misconduct by a therapist, in two
 * tiers. First the phrase rules editors keep in {@code safety.yaml}: precise, and each names its category. Then,
 * for what the rules pass, the message's meaning against the labelled examples in {@code safety-examples.yaml}
 * ({@link ExampleBank}), which catches crisis said in people's own words. Deterministic and explainable: the same
 * text always gives the same verdict, and a verdict names the rule or example behind it. Built once per content
 * snapshot; thread-safe.
 */
public final class SafetyCheck {

    /** What the bot does about a message that fired. */
    public enum Tier {
        /** The full safety response of the category. */
        RESPOND("respond"),
        /** One calm, direct question first: the message is nearer crisis than not, but the tier is less sure. */
        CHECK_IN("check-in");

        private final String label;

        Tier(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The category a message falls in, what said so, and what to do.
     *
     * @param rule  the phrase rule's id, or for the second tier the nearest example's id (never its text)
     * @param score for the second tier, the similarity of the nearest crisis example; null for a phrase rule
     */
    public record Verdict(String category, String rule, Tier tier, Float score) {
        public Verdict(String category, String rule) {
            this(category, rule, Tier.RESPOND, null);
        }

        public boolean byRule() {
            return score == null;
        }
    }

    /** "*" stands for this many words at most. */
    static final int WILDCARD_WORDS = 3;
    /** Rule words at least this long also match a message word one letter away (a typo). */
    static final int TYPO_MIN_LENGTH = 6;

    private final List<CompiledRule> rules;
    private final Set<String> noFuzzy;
    private final ExampleBank examples;
    private final Embeddings embeddings;

    private SafetyCheck(List<CompiledRule> rules, Set<String> noFuzzy, ExampleBank examples, Embeddings embeddings) {
        this.rules = rules;
        this.noFuzzy = noFuzzy;
        this.examples = examples;
        this.embeddings = embeddings;
    }

    /** Both tiers, as the bot runs them: the rules, then the example bank read by meaning. */
    public static SafetyCheck of(Safety safety, SafetyExamples examples, Embeddings embeddings) {
        return of(safety, ExampleBank.of(examples, embeddings), embeddings);
    }

    /** Both tiers, with a bank made by the caller (its own thresholds, say). */
    public static SafetyCheck of(Safety safety, ExampleBank examples, Embeddings embeddings) {
        SafetyCheck rulesOnly = of(safety);
        return new SafetyCheck(rulesOnly.rules, rulesOnly.noFuzzy, examples, embeddings);
    }

    /** The phrase rules alone. */
    public static SafetyCheck of(Safety safety) {
        Set<String> noFuzzy = new HashSet<>();
        safety.noFuzzy().forEach(w -> noFuzzy.add(Normaliser.squeeze(w)));
        List<CompiledRule> rules = new ArrayList<>();
        for (Safety.Rule rule : safety.rules()) {
            rules.add(new CompiledRule(rule.id(), rule.category(),
                    rule.phrases().stream().map(p -> compile(p.text(), safety.classes())).toList(),
                    rule.unless().stream().map(p -> compile(p.text(), safety.classes())).toList()));
        }
        return new SafetyCheck(List.copyOf(rules), Set.copyOf(noFuzzy), ExampleBank.empty(), null);
    }

    /**
     * The first rule, in file order, that fires on the text; else the examples' verdict; empty when neither fires.
     * The text's vector is made for this call alone and dropped with it.
     */
    public Optional<Verdict> check(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<Verdict> byRule = checkRules(text);
        if (byRule.isPresent() || examples.isEmpty() || embeddings == null) {
            return byRule;
        }
        return byMeaning(embeddings.ofTyped(TypedLength.bounded(text)));
    }

    /** The phrase rules alone: the first, in file order, that fires. */
    Optional<Verdict> checkRules(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> words = Normaliser.words(text);
        for (CompiledRule rule : rules) {
            if (fires(rule, words)) {
                return Optional.of(new Verdict(rule.category(), rule.id()));
            }
        }
        return Optional.empty();
    }

    /** The second tier's verdict on a message's vector. */
    private Optional<Verdict> byMeaning(float[] vector) {
        return examples.read(vector).flatMap(reading -> examples.decide(reading).map(tier ->
                new Verdict(reading.category(), reading.nearest().id(), tier, reading.similarity())));
    }

    private boolean fires(CompiledRule rule, List<String> words) {
        List<int[]> vetoes = null;
        for (List<Slot> phrase : rule.phrases()) {
            for (int[] span : spans(phrase, words)) {
                if (vetoes == null) {
                    vetoes = new ArrayList<>();
                    for (List<Slot> unless : rule.unless()) {
                        vetoes.addAll(spans(unless, words));
                    }
                }
                // A veto cancels only the match it overlaps: "dying to know ... I want to die" still fires.
                boolean vetoed = false;
                for (int[] veto : vetoes) {
                    if (veto[0] < span[1] && span[0] < veto[1]) {
                        vetoed = true;
                        break;
                    }
                }
                if (!vetoed) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every span of words (start inclusive, end exclusive) the phrase matches. */
    private List<int[]> spans(List<Slot> phrase, List<String> words) {
        List<int[]> found = new ArrayList<>();
        for (int start = 0; start < words.size(); start++) {
            walk(phrase, 0, words, start, start, found);
        }
        return found;
    }

    private void walk(List<Slot> phrase, int slot, List<String> words, int at, int start, List<int[]> found) {
        if (slot == phrase.size()) {
            if (at > start) {
                found.add(new int[] {start, at});
            }
            return;
        }
        Slot current = phrase.get(slot);
        if (current.wildcard()) {
            for (int skip = 0; skip <= WILDCARD_WORDS && at + skip <= words.size(); skip++) {
                walk(phrase, slot + 1, words, at + skip, start, found);
            }
        } else if (at < words.size() && matches(current, words.get(at))) {
            walk(phrase, slot + 1, words, at + 1, start, found);
        }
    }

    private boolean matches(Slot slot, String word) {
        if (slot.number() && !word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
            return true;
        }
        if (slot.words().contains(word)) {
            return true;
        }
        if (noFuzzy.contains(word)) {
            return false;
        }
        for (String alternative : slot.words()) {
            if (alternative.length() >= TYPO_MIN_LENGTH && withinOneEdit(alternative, word)) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance of at most one: one letter inserted, deleted or changed. */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la == lb) {
            int differences = 0;
            for (int i = 0; i < la && differences < 2; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    differences++;
                }
            }
            return differences <= 1;
        }
        String shorter = la < lb ? a : b;
        String longer = la < lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }

    /** A word position in a phrase: alternatives (classes already expanded), a number, or a wildcard. */
    private record Slot(Set<String> words, boolean number, boolean wildcard) {
    }

    private record CompiledRule(String id, String category, List<List<Slot>> phrases, List<List<Slot>> unless) {
    }

    private static List<Slot> compile(String phrase, Map<String, List<String>> classes) {
        List<Slot> slots = new ArrayList<>();
        for (String token : phrase.strip().split("\\s+")) {
            if (token.equals("*")) {
                slots.add(new Slot(Set.of(), false, true));
                continue;
            }
            Set<String> words = new HashSet<>();
            boolean number = false;
            for (String alternative : token.split("\\|")) {
                if (alternative.equals("@num")) {
                    number = true;
                } else if (alternative.startsWith("@")) {
                    classes.getOrDefault(alternative.substring(1), List.of())
                            .forEach(w -> words.add(Normaliser.squeeze(w)));
                } else {
                    words.add(Normaliser.squeeze(alternative));
                }
            }
            slots.add(new Slot(Set.copyOf(words), number, false));
        }
        return List.copyOf(slots);
    }
}
