package org.alliancebot.content;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a content file against the JSON Schema editors' text editors use ({@code content/schema/}, referenced
 * from every file), so that what the editor underlines the validator reports too. Each problem is placed at the
 * line the schema's instance path points to. The folder's own schema files are used when present, else the
 * copies packed into the app.
 */
final class SchemaCheck {

    enum Kind {
        TREE("tree.schema.json"), MENU("menu.schema.json"), ARTICLE("article.schema.json"),
        SAFETY("safety.schema.json"), SAFETY_EXAMPLES("safety-examples.schema.json"),
        TRANSCRIPT("transcript.schema.json");

        final String file;

        Kind(String file) {
            this.file = file;
        }
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    private record Compiled(Schema schema, Set<String> keys) {
    }

    private final Path contentDir;
    private final PassedSchemas passed;
    /** Each schema's text, read once per check of a folder rather than once per file. */
    private final Map<Kind, byte[]> schemas = new ConcurrentHashMap<>();

    /** Checks the files of one content folder, skipping those {@code passed} remembers as passing. */
    SchemaCheck(Path contentDir, PassedSchemas passed) {
        this.contentDir = contentDir;
        this.passed = passed;
    }

    /**
     * Problems the schema finds in a parsed file, each at the line of the value concerned; none, without running
     * the validator, for YAML that passed this schema before.
     */
    List<Problem> check(Kind kind, String yaml, YamlNode root) {
        byte[] schema = schemas.computeIfAbsent(kind, k -> schemaText(k, contentDir));
        PassedSchemas.Key key = passed.key(schema, yaml);
        if (passed.passed(key)) {
            return List.of();
        }
        List<Problem> problems = check(kind, schema, root);
        if (problems.isEmpty()) {
            passed.remember(key);
        }
        return problems;
    }

    private static List<Problem> check(Kind kind, byte[] schema, YamlNode root) {
        Compiled compiled = compiled(kind, schema);
        List<Problem> problems = new ArrayList<>();
        for (Error error : compiled.schema().validate(toJson(root))) {
            problems.add(problem(error, root, compiled.keys()));
        }
        return problems;
    }

    private static Compiled compiled(Kind kind, byte[] text) {
        String key = kind + ":" + java.util.Arrays.hashCode(text);
        return CACHE.computeIfAbsent(key, k -> {
            JsonNode schema = JSON.readTree(text);
            Set<String> keys = new TreeSet<>();
            collectPropertyNames(schema, keys);
            return new Compiled(REGISTRY.getSchema(new java.io.ByteArrayInputStream(text)), keys);
        });
    }

    private static byte[] schemaText(Kind kind, Path contentDir) {
        Path own = contentDir.resolve("schema").resolve(kind.file);
        try {
            if (Files.isRegularFile(own)) {
                return Files.readAllBytes(own);
            }
            try (InputStream packed = SchemaCheck.class.getResourceAsStream("/schema/" + kind.file)) {
                if (packed == null) {
                    throw new IllegalStateException("the app is missing its copy of " + kind.file);
                }
                return packed.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + kind.file, e);
        }
    }

    /** Every key a schema names under "properties", for "did you mean" suggestions. */
    private static void collectPropertyNames(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                into.addAll(properties.propertyNames());
            }
            node.values().forEach(child -> collectPropertyNames(child, into));
        } else if (node.isArray()) {
            node.values().forEach(child -> collectPropertyNames(child, into));
        }
    }

    private static Problem problem(Error error, YamlNode root, Set<String> keys) {
        NodePath path = error.getInstanceLocation();
        YamlNode at = find(root, path).orElse(root);
        Location location = at.at();
        String property = error.getProperty();
        String message = switch (error.getKeyword() == null ? "" : error.getKeyword()) {
            case "additionalProperties" -> {
                if (at instanceof YamlNode.Mapping mapping && property != null) {
                    location = mapping.entry(property).map(YamlNode.Entry::keyAt).orElse(location);
                }
                yield "unknown key '" + property + "'" + Suggestions.hint(String.valueOf(property), keys);
            }
            case "required" -> "missing '" + property + "'";
            default -> plain(error.getMessage());
        };
        return new Problem(Problem.Severity.ERROR, location, message + " (schema: " + describe(path) + ")");
    }

    /** The validator's messages start with the instance path, which the location already gives. */
    private static String plain(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    private static String describe(NodePath path) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            text.append(element instanceof Integer index ? "[" + (index + 1) + "]" : (text.isEmpty() ? "" : ".")
                    + element);
        }
        return text.isEmpty() ? "the file" : text.toString();
    }

    private static Optional<YamlNode> find(YamlNode root, NodePath path) {
        YamlNode current = root;
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (current instanceof YamlNode.Mapping mapping && !(element instanceof Integer)) {
                Optional<YamlNode> next = mapping.get(String.valueOf(element));
                if (next.isEmpty()) {
                    return Optional.of(current);
                }
                current = next.get();
            } else if (current instanceof YamlNode.Sequence sequence && element instanceof Integer index
                    && index < sequence.items().size()) {
                current = sequence.items().get(index);
            } else {
                return Optional.of(current);
            }
        }
        return Optional.of(current);
    }

    /** The located tree as plain JSON, with YAML's numbers and booleans kept as such. */
    static JsonNode toJson(YamlNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (node) {
            case YamlNode.Mapping mapping -> {
                ObjectNode object = f.objectNode();
                mapping.entries().forEach(e -> object.set(e.key(), toJson(e.value())));
                yield object;
            }
            case YamlNode.Sequence sequence -> {
                ArrayNode array = f.arrayNode();
                sequence.items().forEach(item -> array.add(toJson(item)));
                yield array;
            }
            case YamlNode.Scalar scalar -> switch (scalar.kind()) {
                case TEXT -> f.stringNode(scalar.text());
                case INTEGER -> {
                    try {
                        yield f.numberNode(Long.parseLong(scalar.text()));
                    } catch (NumberFormatException e) {
                        yield f.numberNode(new java.math.BigInteger(scalar.text()));
                    }
                }
                case DECIMAL -> f.numberNode(Double.parseDouble(scalar.text()));
                case BOOLEAN -> f.booleanNode(Boolean.parseBoolean(scalar.text()));
                case NULL -> f.nullNode();
            };
        };
    }
}
