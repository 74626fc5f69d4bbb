package org.alliancebot.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the sample conversations in a content folder's {@code tests/}, reporting problems like any content. */
public final class TranscriptReader {

    public static final String TESTS_DIR = "tests";
    private static final Set<String> TRANSCRIPT_KEYS = Set.of("title", "steps");
    private static final Set<String> STEP_KEYS = Set.of("start", "press", "type", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("text", "no-text", "buttons", "outcome");

    public record Read(List<Transcript> transcripts, List<Problem> problems) {
    }

    private final PassedSchemas passed;

    /** @param passed transcripts known to pass their schema, which are not checked against it again */
    public TranscriptReader(PassedSchemas passed) {
        this.passed = passed;
    }

    public TranscriptReader() {
        this(PassedSchemas.none());
    }

    public Read read(Path contentDir) {
        Problems problems = new Problems();
        List<Transcript> transcripts = new ArrayList<>();
        Path dir = contentDir.resolve(TESTS_DIR);
        if (!Files.isDirectory(dir)) {
            problems.error(Location.of(ContentLoader.display(dir)), "no tests folder; transcripts live in tests/*.yaml");
            return new Read(List.of(), problems.list());
        }
        SchemaCheck schemas = new SchemaCheck(contentDir, passed);
        for (Path file : files(dir)) {
            ContentLoader.readChecked(schemas, file, SchemaCheck.Kind.TRANSCRIPT, problems,
                    yaml -> transcript(yaml, ContentLoader.display(file), problems)).ifPresent(transcripts::add);
        }
        passed.save();
        return new Read(List.copyOf(transcripts), problems.list());
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private Optional<Transcript> transcript(YamlNode root, String file, Problems problems) {
        return Fields.of(root, "the transcript", TRANSCRIPT_KEYS, problems).flatMap(fields -> {
            String title = fields.text("title", true).orElse(file);
            List<Transcript.Step> steps = new ArrayList<>();
            for (YamlNode item : fields.list("steps", true)) {
                step(item, problems).ifPresent(steps::add);
            }
            if (steps.isEmpty()) {
                problems.error(fields.at(), "the transcript has no steps");
                return Optional.empty();
            }
            return Optional.of(new Transcript(title, file, List.copyOf(steps)));
        });
    }

    private Optional<Transcript.Step> step(YamlNode item, Problems problems) {
        return Fields.of(item, "a step", STEP_KEYS, problems).flatMap(step -> {
            List<Transcript.Action> actions = Stream.of(Transcript.Action.values())
                    .filter(a -> step.has(a.name().toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            if (actions.size() != 1) {
                problems.error(step.at(), "a step does exactly one of 'start', 'press' or 'type'%s",
                        actions.isEmpty() ? "" : "; this one has " + actions.size());
                return Optional.empty();
            }
            Transcript.Action action = actions.getFirst();
            Optional<String> argument = step.text(action.name().toLowerCase(java.util.Locale.ROOT), true);
            Transcript.Expect expect = step.node("expect", false)
                    .flatMap(node -> expect(node, problems))
                    .orElse(Transcript.Expect.NOTHING);
            return argument.map(a -> new Transcript.Step(action, a, expect, step.at()));
        });
    }

    private Optional<Transcript.Expect> expect(YamlNode node, Problems problems) {
        return Fields.of(node, "'expect'", EXPECT_KEYS, problems).map(expect -> new Transcript.Expect(
                expect.texts("text", false),
                expect.texts("no-text", false),
                expect.has("buttons") ? expect.texts("buttons", false) : null,
                expect.text("outcome", false).orElse(null)));
    }
}
