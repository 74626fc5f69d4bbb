package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.alliancebot.content.Transcript;
import org.alliancebot.content.TranscriptReader;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.FakeEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playing the shipped transcripts a second time needs no model: their typed lines are cached with the content
 * (a stand-in embedder counts what would have gone to the model).
 */
class TranscriptVectorsTest {

    static final Path CONTENT = Path.of("content");

    @TempDir
    Path cache;

    @Test
    void transcriptsPlayWithoutTheModelWhenTheirVectorsAreCached() {
        List<Transcript> transcripts = new TranscriptReader().read(CONTENT).transcripts();
        FakeEmbedder firstRun = new FakeEmbedder();
        List<Boolean> first = play(transcripts, firstRun);
        FakeEmbedder secondRun = new FakeEmbedder();

        List<Boolean> second = play(transcripts, secondRun);

        assertThat(firstRun.calls()).isPositive();
        assertThat(secondRun.calls()).isZero();
        assertThat(second).isEqualTo(first);
    }

    private List<Boolean> play(List<Transcript> transcripts, FakeEmbedder embedder) {
        Snapshot snapshot = Snapshot.load(CONTENT, Embeddings.cachedIn(embedder, cache).forTranscripts()).orThrow();
        try (var index = snapshot.index()) {
            return new TranscriptRunner(snapshot).run(transcripts).outcomes().stream()
                    .map(TranscriptRunner.Outcome::passed).toList();
        }
    }
}
