package org.alliancebot.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and checks {@code safety-examples.yaml}: each category's examples and the near-misses. */
final class SafetyExamplesReader {

    /** Fewer than this in a list leaves the second tier guessing; the validator says so. */
    static final int MIN_PER_LIST = 5;

    private final Problems problems;

    SafetyExamplesReader(Problems problems) {
        this.problems = problems;
    }

    Optional<SafetyExamples> read(YamlNode root) {
        return Fields.of(root, SafetyExamples.FILE, Set.of("crisis", "safe"), problems).flatMap(fields -> {
            Map<String, Seen> seen = new HashMap<>();
            Map<String, List<SafetyExamples.Example>> crisis = new LinkedHashMap<>();
            fields.node("crisis", true)
                    .flatMap(node -> Fields.of(node, "'crisis'", Set.copyOf(Safety.CATEGORIES), problems))
                    .ifPresent(categories -> {
                        for (String category : Safety.CATEGORIES) {
                            crisis.put(category, examples(categories, category, seen));
                        }
                    });
            List<SafetyExamples.Example> safe = examples(fields, "safe", seen);
            // Examples in error were left out and reported; those errors keep this content from being served.
            return Optional.of(new SafetyExamples(Map.copyOf(crisis), safe));
        });
    }

    private record Seen(String label, Location at) {
    }

    /**
     * Lower case, with every run of characters other than letters and numbers made one space: what {@code
     * replaceAll("[^\\p{L}\\p{N}]+", " ")} does, written out because that expression, compiled and run for each of
     * some 1,700 examples, was a tenth of reading the content in the quick commands.
     */
    static String wordsOnly(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetter(c) || isNumber(c)) {
                if (gap && !out.isEmpty()) {
                    out.append(' ');
                }
                out.appendCodePoint(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return out.toString();
    }

    /** Unicode's numbers (\\p{N}): digits, letter numbers such as Roman numerals, and others such as fractions. */
    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The examples under {@code key}, each named by it and its place: {@code self-harm-3}, {@code safe-12}. */
    private List<SafetyExamples.Example> examples(Fields fields, String key, Map<String, Seen> seen) {
        List<YamlNode> items = fields.list(key, true);
        List<SafetyExamples.Example> examples = new ArrayList<>();
        for (YamlNode item : items) {
            if (!(item instanceof YamlNode.Scalar scalar) || scalar.kind() == YamlNode.Scalar.Kind.NULL
                    || scalar.text().isBlank()) {
                problems.error(item.at(), "each example under '%s' should be a message in quotes, found %s", key,
                        item.describe());
                continue;
            }
            // The same words under two labels would teach the tier both answers at once. Under one label, variants
            // in case or punctuation are kept: the phrase rules are tested on them.
            String normal = wordsOnly(scalar.text());
            Seen earlier = seen.putIfAbsent(normal, new Seen(key, scalar.at()));
            if (earlier != null && !earlier.label().equals(key)) {
                problems.error(scalar.at(), "the same message is listed under '%s' at %s; it can only be one",
                        earlier.label(), earlier.at());
                continue;
            }
            examples.add(new SafetyExamples.Example(key + "-" + (examples.size() + 1), scalar.text(),
                    scalar.at()));
        }
        if (examples.size() < MIN_PER_LIST) {
            // Near-misses are what hold back harmless uses of crisis words: without them every message that
            // resembles a crisis example would get the response.
            boolean nearMisses = key.equals("safe");
            fields.node(key, false).ifPresent(node -> {
                String message = "'%s' has %d example(s); the second safety tier needs at least %d"
                        + (nearMisses ? " near-misses to tell harmless messages apart" : " to recognise this category");
                if (nearMisses) {
                    problems.error(node.at(), message, key, examples.size(), MIN_PER_LIST);
                } else {
                    problems.warning(node.at(), message, key, examples.size(), MIN_PER_LIST);
                }
            });
        }
        return List.copyOf(examples);
    }
}
