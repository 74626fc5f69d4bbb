package org.alliancebot.content;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks {@code safety.yaml}: countries, responses and rules, each problem with its location. */
final class SafetyReader {

    static final String FILE = "safety.yaml";
    private static final Set<String> KEYS = Set.of("default-country", "countries", "responses", "no-fuzzy",
            "classes", "rules");
    private static final Set<String> COUNTRY_KEYS = Set.of("name", "verified", "languages", "emergency", "crisis",
            "abuse", "regulator");
    private static final Set<String> RULE_KEYS = Set.of("id", "category", "phrases", "unless");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");
    private static final Pattern CLASS_REFERENCE = Pattern.compile("@([a-z][a-z0-9-]*)");

    private final Problems problems;
    private final Clock clock;

    SafetyReader(Problems problems, Clock clock) {
        this.problems = problems;
        this.clock = clock;
    }

    Optional<Safety> read(YamlNode root) {
        return Fields.of(root, "the safety file", KEYS, problems).flatMap(safety -> {
            Map<String, Safety.Country> countries = countries(safety.node("countries", true));
            Optional<Ref> defaultCountry = safety.ref("default-country", true);
            defaultCountry.filter(ref -> !countries.containsKey(ref.id())).ifPresent(ref -> problems.error(ref.at(),
                    "default-country '%s' is not one of the countries listed%s", ref.id(),
                    Suggestions.hint(ref.id(), countries.keySet())));
            Map<String, String> responses = responses(safety.node("responses", true));
            Set<String> noFuzzy = Set.copyOf(safety.texts("no-fuzzy", false).stream()
                    .map(w -> w.toLowerCase(Locale.ROOT)).toList());
            Map<String, List<String>> classes = classes(safety.node("classes", false));
            List<Safety.Rule> rules = rules(safety.list("rules", true), classes.keySet());
            if (defaultCountry.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Safety(defaultCountry.get().id(), countries, responses, noFuzzy, classes, rules,
                    safety.at()));
        });
    }

    private Map<String, Safety.Country> countries(Optional<YamlNode> node) {
        Map<String, Safety.Country> countries = new LinkedHashMap<>();
        if (node.isEmpty()) {
            return countries;
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            problems.error(node.get().at(), "'countries' should list countries by code, such as GB");
            return countries;
        }
        LocalDate yearAgo = LocalDate.now(clock).minusYears(1);
        for (YamlNode.Entry entry : mapping.entries()) {
            String code = entry.key();
            Fields.of(entry.value(), "country " + code, COUNTRY_KEYS, problems).ifPresent(country -> {
                Optional<String> name = country.text("name", true);
                Optional<LocalDate> verified = country.date("verified", true);
                verified.filter(date -> date.isBefore(yearAgo)).ifPresent(date -> problems.warning(
                        country.node("verified", true).orElseThrow().at(),
                        "the resources for %s were verified on %s, more than a year ago; check them again", code,
                        date));
                List<String> languages = country.texts("languages", false).stream()
                        .map(l -> l.toLowerCase(Locale.ROOT).replace('_', '-')).toList();
                Optional<String> emergency = country.text("emergency", true);
                Optional<String> crisis = country.text("crisis", true);
                Optional<String> abuse = country.text("abuse", true);
                Optional<String> regulator = country.text("regulator", true);
                if (name.isPresent() && emergency.isPresent() && crisis.isPresent() && abuse.isPresent()
                        && regulator.isPresent()) {
                    countries.put(code, new Safety.Country(code, name.get(), verified.orElse(LocalDate.MIN),
                            languages, emergency.get(), crisis.get(), abuse.get(), regulator.get(), entry.keyAt()));
                }
            });
        }
        return countries;
    }

    private Map<String, String> responses(Optional<YamlNode> node) {
        Map<String, String> responses = new LinkedHashMap<>();
        List<String> names = Safety.responseNames();
        Set<String> keys = Set.copyOf(names);
        node.flatMap(n -> Fields.of(n, "'responses'", keys, problems)).ifPresent(fields -> {
            for (String name : names) {
                fields.text(name, true).ifPresent(text -> {
                    Matcher m = PLACEHOLDER.matcher(text);
                    while (m.find()) {
                        if (!Safety.PLACEHOLDERS.contains(m.group(1))) {
                            problems.error(fields.node(name, true).orElseThrow().at(),
                                    "response '%s' uses {%s}; the placeholders are %s%s", name, m.group(1),
                                    Safety.PLACEHOLDERS, Suggestions.hint(m.group(1), Safety.PLACEHOLDERS));
                        }
                    }
                    responses.put(name, text);
                });
            }
        });
        return responses;
    }

    private Map<String, List<String>> classes(Optional<YamlNode> node) {
        Map<String, List<String>> classes = new LinkedHashMap<>();
        if (node.isEmpty()) {
            return classes;
        }
        if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            problems.error(node.get().at(), "'classes' should list word lists by name");
            return classes;
        }
        for (YamlNode.Entry entry : mapping.entries()) {
            List<String> words = new ArrayList<>();
            List<YamlNode> items = entry.value() instanceof YamlNode.Sequence seq ? seq.items() : List.of();
            if (items.isEmpty()) {
                problems.error(entry.keyAt(), "class '%s' should be a non-empty list of words", entry.key());
            }
            for (YamlNode item : items) {
                if (item instanceof YamlNode.Scalar s && !s.text().isBlank()) {
                    words.add(s.text().toLowerCase(Locale.ROOT));
                }
            }
            classes.put(entry.key(), List.copyOf(words));
        }
        return classes;
    }

    private List<Safety.Rule> rules(List<YamlNode> items, Set<String> classNames) {
        List<Safety.Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode item : items) {
            Fields.of(item, "a safety rule", RULE_KEYS, problems).ifPresent(rule -> {
                Optional<String> id = rule.text("id", true);
                Optional<String> category = rule.text("category", true);
                category.filter(c -> !Safety.CATEGORIES.contains(c)).ifPresent(c -> problems.error(
                        rule.node("category", true).orElseThrow().at(), "category '%s' should be one of %s%s", c,
                        Safety.CATEGORIES, Suggestions.hint(c, Safety.CATEGORIES)));
                id.filter(i -> !ids.add(i)).ifPresent(i -> problems.error(rule.at(), "rule id '%s' is used twice", i));
                List<Safety.Phrase> phrases = phrases(rule, "phrases", true, classNames);
                List<Safety.Phrase> unless = phrases(rule, "unless", false, classNames);
                if (id.isPresent() && category.isPresent()) {
                    rules.add(new Safety.Rule(id.get(), category.get(), phrases, unless, rule.at()));
                }
            });
        }
        return List.copyOf(rules);
    }

    private List<Safety.Phrase> phrases(Fields rule, String key, boolean required, Set<String> classNames) {
        List<Safety.Phrase> phrases = new ArrayList<>();
        for (Ref ref : rule.refs(key, required)) {
            String text = ref.id().toLowerCase(Locale.ROOT).strip();
            Matcher m = CLASS_REFERENCE.matcher(text);
            while (m.find()) {
                if (!m.group(1).equals("num") && !classNames.contains(m.group(1))) {
                    problems.error(ref.at(), "phrase '%s' names class @%s, which is not defined under 'classes'%s",
                            text, m.group(1), Suggestions.hint(m.group(1), classNames));
                }
            }
            if (text.replace("*", "").isBlank()) {
                problems.error(ref.at(), "phrase '%s' has no words", text);
            }
            phrases.add(new Safety.Phrase(text, ref.at()));
        }
        return List.copyOf(phrases);
    }
}
