package org.alliancebot.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * Parses YAML with Jackson's streaming parser into {@link YamlNode}s that remember where each value was written.
 * Jackson's tree model drops locations, and the validator needs them for every message it prints.
 */
final class YamlReader {

    /** The streaming parser alone: a whole mapper would be built, at every start, only to hand out parsers. */
    private static final YAMLFactory YAML = YAMLFactory.builder().build();

    private YamlReader() {
    }

    /** Parses one document; on a syntax error reports it with its location and returns empty. */
    static Optional<YamlNode> read(String text, String file, Problems problems) {
        return read(text, file, 0, problems);
    }

    /**
     * Parses YAML that starts {@code lineOffset} lines into its file (front matter), so that locations still
     * name the file's own lines.
     */
    static Optional<YamlNode> read(String text, String file, int lineOffset, Problems problems) {
        Source source = new Source(file, lineOffset);
        try (JsonParser parser = YAML.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.error(new Location(file, lineOffset + 1, 1), "the %s is empty",
                        lineOffset == 0 ? "file" : "front matter");
                return Optional.empty();
            }
            return Optional.of(readValue(parser, source, problems));
        } catch (JacksonException e) {
            problems.error(source.locationOf(e.getLocation()), "YAML syntax: %s", syntaxMessage(e));
            return Optional.empty();
        }
    }

    private record Source(String file, int lineOffset) {
        Location locationOf(TokenStreamLocation location) {
            if (location == null || location.getLineNr() < 1) {
                return new Location(file, lineOffset + 1, 1);
            }
            return new Location(file, location.getLineNr() + lineOffset, Math.max(1, location.getColumnNr()));
        }
    }

    private static YamlNode readValue(JsonParser parser, Source file, Problems problems) {
        Location at = file.locationOf(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readMapping(parser, file, problems, at);
            case START_ARRAY -> readSequence(parser, file, problems, at);
            case VALUE_STRING -> new YamlNode.Scalar(at, parser.getString(), YamlNode.Scalar.Kind.TEXT);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.INTEGER);
            case VALUE_NUMBER_FLOAT -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.DECIMAL);
            case VALUE_TRUE, VALUE_FALSE -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.BOOLEAN);
            case VALUE_NULL -> new YamlNode.Scalar(at, "", YamlNode.Scalar.Kind.NULL);
            default -> new YamlNode.Scalar(at, parser.getText(), YamlNode.Scalar.Kind.TEXT);
        };
    }

    private static YamlNode readMapping(JsonParser parser, Source file, Problems problems, Location at) {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Location> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            Location keyAt = file.locationOf(parser.currentTokenLocation());
            parser.nextToken();
            YamlNode value = readValue(parser, file, problems);
            Location earlier = seen.putIfAbsent(key, keyAt);
            if (earlier != null) {
                problems.error(keyAt, "duplicate key '%s' (first written at line %d); the second would silently win",
                        key, earlier.line());
            } else {
                entries.add(new YamlNode.Entry(key, keyAt, value));
            }
        }
        return new YamlNode.Mapping(at, List.copyOf(entries));
    }

    private static YamlNode readSequence(JsonParser parser, Source file, Problems problems, Location at) {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser, file, problems));
        }
        return new YamlNode.Sequence(at, List.copyOf(items));
    }

    /** SnakeYAML's messages span several lines and repeat the location; editors need one plain sentence. */
    private static String syntaxMessage(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            return "the file is not valid YAML";
        }
        List<String> lines = message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .filter(line -> !line.startsWith("in ") && !line.startsWith("^") && !line.contains(", line "))
                .toList();
        return lines.isEmpty() ? message.lines().findFirst().orElse(message).strip() : String.join("; ", lines);
    }
}
