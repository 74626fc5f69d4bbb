package org.alliancebot.content;

import java.util.List;
import java.util.Optional;

/**
 * A YAML document kept with the location of every key and value, so that problems found long after parsing can
 * still point at the exact line an editor wrote.
 */
sealed interface YamlNode {

    Location at();

    /** How editors would name the kind of value, for messages such as "expected a list, found text". */
    String describe();

    record Entry(String key, Location keyAt, YamlNode value) {
    }

    record Mapping(Location at, List<Entry> entries) implements YamlNode {
        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        public Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value);
        }

        @Override
        public String describe() {
            return "a set of keys";
        }
    }

    record Sequence(Location at, List<YamlNode> items) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }

    record Scalar(Location at, String text, Kind kind) implements YamlNode {
        enum Kind { TEXT, INTEGER, DECIMAL, BOOLEAN, NULL }

        @Override
        public String describe() {
            return switch (kind) {
                case TEXT -> "text";
                case INTEGER, DECIMAL -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "nothing";
            };
        }
    }
}
