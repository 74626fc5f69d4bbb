package org.alliancebot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.alliancebot.content.Content;
import org.alliancebot.content.Node;
import org.alliancebot.content.NodeRef;
import org.alliancebot.content.Problem;
import org.alliancebot.content.TranscriptReader;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.conversation.TranscriptRunner;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code content/} folder, checked as CI checks it: no problems at all, every transcript passes, and
 * every outcome of every tree is reached by some transcript. Each test fails once, with the whole report.
 */
class ShippedContentTest {

    static final Path CONTENT = Path.of("content");
    static Snapshot.Loaded loaded;

    @BeforeAll
    static void load() {
        loaded = Snapshot.load(CONTENT, TestEmbeddings.miniLm());
    }

    @Test
    void shippedContentHasNoErrorsOrWarnings() {
        assertThat(loaded.problems()).as(() -> report(loaded.problems())).isEmpty();
    }

    @Test
    void everyTranscriptPasses() {
        TranscriptReader.Read read = new TranscriptReader().read(CONTENT);
        assertThat(read.problems()).as(() -> report(read.problems())).isEmpty();

        TranscriptRunner.Report report = new TranscriptRunner(loaded.orThrow()).run(read.transcripts());

        assertThat(report.outcomes()).isNotEmpty();
        assertThat(report.outcomes()).as(() -> report.outcomes().stream()
                        .flatMap(o -> o.failures().stream().map(f -> o.transcript().file() + " step " + f.number()
                                + ": " + f.message()))
                        .collect(Collectors.joining("\n")))
                .allMatch(TranscriptRunner.Outcome::passed);
    }

    @Test
    void everyOutcomeIsReachedByATranscript() {
        Content content = loaded.orThrow().content();
        TranscriptRunner.Report report = new TranscriptRunner(loaded.orThrow())
                .run(new TranscriptReader().read(CONTENT).transcripts());

        List<NodeRef> unreachedOutcomes = report.unvisited(content).stream()
                .filter(ref -> content.node(ref).orElseThrow() instanceof Node.Outcome)
                .toList();

        assertThat(unreachedOutcomes).as("outcomes no transcript reaches").isEmpty();
    }

    @Test
    void eachTreeHasThreeDecisionPointsDeepAndThreeOutcomes() {
        Content content = loaded.orThrow().content();
        for (var tree : content.trees().values()) {
            long outcomes = tree.nodes().values().stream().filter(n -> n instanceof Node.Outcome).count();
            assertThat(outcomes).as("outcomes of " + tree.id()).isGreaterThanOrEqualTo(3);
            assertThat(DecisionDepth.deepest(tree)).as("questions on the deepest path of " + tree.id())
                    .isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void everyArticleIsBetween300And900WordsInSections() {
        for (var article : loaded.orThrow().content().articles().values()) {
            long words = article.sections().stream()
                    .mapToLong(s -> (s.heading() + " " + s.text()).split("\\s+").length).sum();
            assertThat(words).as("words in " + article.id()).isBetween(300L, 900L);
            assertThat(article.sections()).as("sections of " + article.id()).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theRequiredArticlesAreAllThere() {
        assertThat(loaded.orThrow().content().articles()).containsKeys("therapeutic-alliance", "good-fit-signs",
                "finding-the-right-therapist", "first-sessions", "vulnerability-and-safety", "transference",
                "red-flags", "boundaries-and-trust", "raising-concerns", "leaving", "crisis-support");
    }

    private static String report(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
