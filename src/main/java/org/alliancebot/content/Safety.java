package org.alliancebot.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code safety.yaml}: the rules that recognise a message in crisis, the response for each category, and the
 * resources by country those responses name.
 *
 * @param responses Markdown by category, plus {@code sos} for the resources on request, and the check-in's
 *                  question by category ({@code check-in-<category>}) and its two gentle answers
 * @param classes   named word lists rules refer to as {@code @name}
 * @param noFuzzy   ordinary words that must match a rule word exactly, never as a typo of it
 */
public record Safety(String defaultCountry, Map<String, Country> countries, Map<String, String> responses,
                     Set<String> noFuzzy, Map<String, List<String>> classes, List<Rule> rules, Location at) {

    public static final List<String> CATEGORIES = List.of("self-harm", "others", "misconduct");
    public static final String SOS = "sos";
    /** The check-in question for a category is the response named {@code check-in-<category>}. */
    public static final String CHECK_IN_PREFIX = "check-in-";
    /** After a check-in: the person said they are OK. */
    public static final String CHECK_IN_OK = "check-in-ok";
    /** After a check-in: the person would rather not say; the resources, gently. */
    public static final String CHECK_IN_UNSAID = "check-in-unsaid";
    public static final List<String> PLACEHOLDERS = List.of("emergency", "crisis", "abuse", "regulator");

    /** Stands in while the rest of a folder is checked when safety.yaml itself could not be read. */
    static final Safety NONE = new Safety("", Map.of(), Map.of(), Set.of(), Map.of(), List.of(), Location.of("safety.yaml"));

    /**
     * Where to get help in one country.
     *
     * @param languages Telegram language codes (with a region, such as {@code en-gb}) that select this country
     */
    public record Country(String code, String name, LocalDate verified, List<String> languages, String emergency,
                          String crisis, String abuse, String regulator, Location at) {

        /** A response with this country's resources in place of its placeholders. */
        public String fill(String response) {
            return response.replace("{emergency}", emergency).replace("{crisis}", crisis)
                    .replace("{abuse}", abuse).replace("{regulator}", regulator);
        }
    }

    /** One detection rule: phrases that fire it, and idioms that cancel a match they overlap. */
    public record Rule(String id, String category, List<Phrase> phrases, List<Phrase> unless, Location at) {
    }

    public record Phrase(String text, Location at) {
    }

    /** Every response safety.yaml must have. */
    public static List<String> responseNames() {
        List<String> names = new ArrayList<>(CATEGORIES);
        names.add(SOS);
        CATEGORIES.forEach(c -> names.add(CHECK_IN_PREFIX + c));
        names.add(CHECK_IN_OK);
        names.add(CHECK_IN_UNSAID);
        return List.copyOf(names);
    }

    public Country defaultResources() {
        return countries.get(defaultCountry);
    }

    /** The country for a Telegram language code such as {@code en-GB}, when one lists it. */
    public Optional<Country> forLanguage(String languageCode) {
        if (languageCode == null || languageCode.isBlank()) {
            return Optional.empty();
        }
        String code = languageCode.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return countries.values().stream().filter(c -> c.languages().contains(code)).findFirst();
    }
}
