package org.alliancebot.content;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the keys of one YAML mapping for a loader, reporting each unknown, missing or mistyped key with its
 * location. Readers keep going after a problem so that one run shows every mistake in a file.
 */
final class Fields {

    /** Ids read as words: lowercase letters and digits, joined by single hyphens. */
    static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    private final YamlNode.Mapping mapping;
    private final String what;
    private final Problems problems;

    private Fields(YamlNode.Mapping mapping, String what, Problems problems) {
        this.mapping = mapping;
        this.what = what;
        this.problems = problems;
    }

    /**
     * Starts reading {@code node} as a mapping described to editors as {@code what}, with these keys allowed.
     * Returns empty (after reporting) when the node is not a mapping at all.
     */
    static Optional<Fields> of(YamlNode node, String what, Set<String> allowed, Problems problems) {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.error(node.at(), "%s should be a set of 'key: value' lines, found %s", what, node.describe());
            return Optional.empty();
        }
        for (YamlNode.Entry entry : mapping.entries()) {
            if (!allowed.contains(entry.key())) {
                problems.error(entry.keyAt(), "unknown key '%s' in %s%s", entry.key(), what,
                        Suggestions.hint(entry.key(), allowed));
            }
        }
        return Optional.of(new Fields(mapping, what, problems));
    }

    Location at() {
        return mapping.at();
    }

    boolean has(String key) {
        return mapping.entry(key).isPresent();
    }

    Optional<YamlNode> node(String key, boolean required) {
        Optional<YamlNode> value = mapping.get(key);
        if (value.isEmpty() && required) {
            problems.error(mapping.at(), "%s is missing '%s'", what, key);
        }
        return value;
    }

    Optional<String> text(String key, boolean required) {
        return node(key, required).flatMap(value -> asText(value, key));
    }

    Optional<Integer> integer(String key) {
        return node(key, false).flatMap(value -> {
            if (value instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.INTEGER) {
                try {
                    return Optional.of(Integer.parseInt(s.text()));
                } catch (NumberFormatException e) {
                    problems.error(s.at(), "'%s' is too large a number", key);
                    return Optional.empty();
                }
            }
            problems.error(value.at(), "'%s' should be a whole number such as 1, found %s", key, value.describe());
            return Optional.empty();
        });
    }

    /** A calendar date written as YYYY-MM-DD. */
    Optional<LocalDate> date(String key, boolean required) {
        return node(key, required).flatMap(value -> {
            if (value instanceof YamlNode.Scalar scalar) {
                try {
                    return Optional.of(LocalDate.parse(scalar.text()));
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            problems.error(value.at(), "'%s' should be a date written as YYYY-MM-DD, such as 2026-11-23", key);
            return Optional.empty();
        });
    }

    /** A list of texts; a single text is accepted as a list of one, as editors often write {@code flag: x}. */
    List<String> texts(String key, boolean required) {
        Optional<YamlNode> value = node(key, required);
        if (value.isEmpty()) {
            return List.of();
        }
        List<YamlNode> items = value.get() instanceof YamlNode.Sequence seq ? seq.items() : List.of(value.get());
        List<String> texts = new ArrayList<>();
        for (YamlNode item : items) {
            asText(item, key).ifPresent(texts::add);
        }
        return List.copyOf(texts);
    }

    Optional<Ref> ref(String key, boolean required) {
        return node(key, required).flatMap(value -> asText(value, key).map(id -> new Ref(id, value.at())));
    }

    /** A list of references, each kept with its own location. */
    List<Ref> refs(String key, boolean required) {
        Optional<YamlNode> value = node(key, required);
        if (value.isEmpty()) {
            return List.of();
        }
        List<YamlNode> items = value.get() instanceof YamlNode.Sequence seq ? seq.items() : List.of(value.get());
        List<Ref> refs = new ArrayList<>();
        for (YamlNode item : items) {
            asText(item, key).ifPresent(id -> refs.add(new Ref(id, item.at())));
        }
        return List.copyOf(refs);
    }

    List<YamlNode> list(String key, boolean required) {
        Optional<YamlNode> value = node(key, required);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof YamlNode.Sequence seq) {
            return seq.items();
        }
        problems.error(value.get().at(), "'%s' should be a list (lines starting with '- '), found %s",
                key, value.get().describe());
        return List.of();
    }

    private Optional<String> asText(YamlNode value, String key) {
        if (value instanceof YamlNode.Scalar s && s.kind() != YamlNode.Scalar.Kind.NULL) {
            if (s.text().isBlank()) {
                problems.error(s.at(), "'%s' in %s is empty", key, what);
                return Optional.empty();
            }
            return Optional.of(s.text());
        }
        if (value instanceof YamlNode.Scalar) {
            problems.error(value.at(), "'%s' in %s has no value", key, what);
        } else {
            problems.error(value.at(), "'%s' in %s should be text, found %s", key, what, value.describe());
        }
        return Optional.empty();
    }
}
