package org.alliancebot.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content vectors are cached by model and text, in memory and in a file; typed text is never kept, except the
 * lines of editors' transcripts, which are content.
 */
class EmbeddingsTest {

    @TempDir
    Path dir;

    final FakeEmbedder embedder = new FakeEmbedder();

    @Test
    void contentIsEmbeddedOnceAndThenServedFromMemory() {
        Embeddings embeddings = Embeddings.inMemory(embedder);

        List<float[]> first = embeddings.ofContent(List.of("a passage", "another passage"));
        List<float[]> again = embeddings.ofContent(List.of("another passage", "a passage"));

        assertThat(embedder.calls()).isEqualTo(2);
        assertThat(again.get(1)).isEqualTo(first.get(0));
        assertThat(embeddings.embeddedContent()).isEqualTo(2);
    }

    @Test
    void theSameTextTwiceInOneBatchIsEmbeddedOnce() {
        Embeddings.inMemory(embedder).ofContent(List.of("same", "same", "same"));

        assertThat(embedder.calls()).isEqualTo(1);
    }

    @Test
    void aRestartReadsContentVectorsFromTheFileInsteadOfEmbeddingAgain() {
        List<float[]> before = Embeddings.cachedIn(embedder, dir).ofContent(List.of("a passage", "another"));
        FakeEmbedder afterRestart = new FakeEmbedder();

        List<float[]> after = Embeddings.cachedIn(afterRestart, dir).ofContent(List.of("a passage", "another"));

        assertThat(afterRestart.calls()).isZero();
        assertThat(after.get(0)).isEqualTo(before.get(0));
        assertThat(after.get(1)).isEqualTo(before.get(1));
    }

    @Test
    void eachEntryIsKeyedBySha256OfTheModelAZeroByteAndTheTextSoEarlierFilesStillRead() throws Exception {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("a passage"));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((embedder.model() + "\0a passage").getBytes(StandardCharsets.UTF_8));
        byte[] expected = sha256.digest();

        byte[] file;
        try (var files = Files.list(dir)) {
            file = Files.readAllBytes(files.findFirst().orElseThrow());
        }

        // After the header (magic and dimensions, 8 bytes): the key's 32 bytes, then the vector.
        assertThat(Arrays.copyOfRange(file, 8, 40)).isEqualTo(expected);
        assertThat(file).hasSize(8 + 32 + 4 * embedder.dimensions());
    }

    @Test
    void onlyTextThatChangedIsEmbeddedAfterARestart() {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("one", "two", "three"));
        FakeEmbedder afterRestart = new FakeEmbedder();

        Embeddings.cachedIn(afterRestart, dir).ofContent(List.of("one", "two, edited", "three"));

        assertThat(afterRestart.calls()).isEqualTo(1);
    }

    @Test
    void typedTextIsEmbeddedEveryTimeAndNeverWrittenDown() throws IOException {
        Embeddings embeddings = Embeddings.cachedIn(embedder, dir);
        embeddings.ofContent(List.of("a passage"));
        long size = Files.size(onlyFile());

        embeddings.ofTyped("what i typed");
        embeddings.ofTyped("what i typed");

        assertThat(embedder.calls()).isEqualTo(3);
        assertThat(Files.size(onlyFile())).isEqualTo(size);
        assertThat(embeddings.embeddedContent()).isEqualTo(1);
    }

    @Test
    void aTranscriptsTypedLinesAreCachedLikeContentSoALaterRunNeedsNoModel() {
        float[] first = Embeddings.cachedIn(embedder, dir).forTranscripts().ofTyped("i want to leave my therapist");
        FakeEmbedder afterRestart = new FakeEmbedder();

        float[] again = Embeddings.cachedIn(afterRestart, dir).forTranscripts().ofTyped("i want to leave my therapist");

        assertThat(embedder.calls()).isEqualTo(1);
        assertThat(afterRestart.calls()).isZero();
        assertThat(again).isEqualTo(first);
    }

    @Test
    void typedTextStaysUncachedBesideTheTranscriptView() throws IOException {
        Embeddings embeddings = Embeddings.cachedIn(embedder, dir);
        embeddings.forTranscripts().ofTyped("a transcript line");
        long size = Files.size(onlyFile());

        embeddings.ofTyped("a transcript line");
        embeddings.ofTyped("what a person typed");

        assertThat(embedder.calls()).as("typed text is embedded anew, even when a transcript said the same").isEqualTo(3);
        assertThat(Files.size(onlyFile())).isEqualTo(size);
    }

    @Test
    void aFileCutShortByACrashKeepsItsWholeEntriesAndIsWrittenAgain() throws IOException {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("one", "two"));
        Path file = onlyFile();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        FakeEmbedder afterCrash = new FakeEmbedder();

        Embeddings.cachedIn(afterCrash, dir).ofContent(List.of("one", "two"));
        FakeEmbedder later = new FakeEmbedder();
        Embeddings.cachedIn(later, dir).ofContent(List.of("one", "two", "three"));

        assertThat(afterCrash.calls()).as("the torn entry is made again").isEqualTo(1);
        assertThat(later.calls()).as("the file was repaired").isEqualTo(1);
    }

    @Test
    void aFileCutInsideAKeyKeepsTheEntriesBeforeItAndIsWrittenAgain() throws IOException {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("one", "two"));
        Path file = onlyFile();
        int entry = 32 + 4 * FakeEmbedder.DIMENSIONS;
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 8 + entry + 10));
        FakeEmbedder afterCrash = new FakeEmbedder();

        Embeddings.cachedIn(afterCrash, dir).ofContent(List.of("one", "two"));
        FakeEmbedder later = new FakeEmbedder();
        Embeddings.cachedIn(later, dir).ofContent(List.of("one", "two"));

        assertThat(afterCrash.calls()).isEqualTo(1);
        assertThat(later.calls()).isZero();
        assertThat(Files.size(file)).isEqualTo(8 + 2L * entry);
    }

    @Test
    void anEntryThatIsNotAUnitVectorIsDroppedAndMadeAgain() throws IOException {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("one", "two"));
        Path file = onlyFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[8 + 32] = 0x40; // the first float of the first entry, now about 2 or more
        Files.write(file, bytes);
        FakeEmbedder next = new FakeEmbedder();

        Embeddings.cachedIn(next, dir).ofContent(List.of("one", "two"));

        assertThat(next.calls()).isEqualTo(1);
    }

    @Test
    void aFileWrittenForVectorsOfAnotherLengthIsSetAside() throws IOException {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("one"));
        Path file = onlyFile();
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] = 99; // the stored vector length
        Files.write(file, bytes);
        FakeEmbedder next = new FakeEmbedder();

        List<float[]> vectors = Embeddings.cachedIn(next, dir).ofContent(List.of("one"));

        assertThat(next.calls()).isEqualTo(1);
        assertThat(vectors.getFirst()).hasSize(FakeEmbedder.DIMENSIONS);
    }

    @Test
    void eachModelKeepsItsOwnFile() {
        Embeddings.cachedIn(embedder, dir).ofContent(List.of("one"));
        Embedder other = new Embedder() {
            @Override
            public String model() {
                return "another-model";
            }

            @Override
            public int dimensions() {
                return embedder.dimensions();
            }

            @Override
            public float[] embed(String text) {
                return embedder.embed(text);
            }
        };

        Embeddings.cachedIn(other, dir).ofContent(List.of("one"));

        assertThat(dir.toFile().list()).hasSize(2);
    }

    @Test
    void anUnwritableFolderCostsOnlyTime() throws IOException {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");

        List<float[]> vectors = Embeddings.cachedIn(embedder, file).ofContent(List.of("one"));

        assertThat(vectors).hasSize(1);
    }

    private Path onlyFile() throws IOException {
        try (var files = Files.list(dir)) {
            return files.collect(java.util.stream.Collectors.toList()).getFirst();
        }
    }
}
