package org.alliancebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.FakeEmbedder;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedIndexesTest {

    private static final List<String> QUESTIONS = List.of("how do i end things with my therapist",
            "i was angry at my counsellor", "trouble sleeping", "is it okay to stop therapy");

    @TempDir
    Path contentDir;

    @TempDir
    Path indexes;

    ContentFixture fixture;

    @BeforeEach
    void writeContent() {
        fixture = ContentFixture.withArticlesIn(contentDir);
    }

    /** Builds or opens the index with a model that has embedded nothing yet, and says how many texts it embedded. */
    private static int embeddedWhile(SavedIndexes saved, Content content) {
        FakeEmbedder model = new FakeEmbedder();
        ArticleIndex.build(content, Embeddings.inMemory(model), saved).close();
        return model.calls();
    }

    private static List<String> results(ArticleIndex index) {
        return QUESTIONS.stream().flatMap(question -> index.search(question, 5).stream()
                .map(result -> question + " -> " + result.id() + "#" + result.section() + " " + result.score()))
                .toList();
    }

    private List<Path> savedFolders() throws IOException {
        try (Stream<Path> folders = Files.list(indexes)) {
            return folders.toList();
        }
    }

    @Test
    void theSameContentIndexedAgainIsOpenedFromDiskInsteadOfBuilt() {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        Content content = fixture.content();

        assertThat(embeddedWhile(saved, content)).isPositive();
        assertThat(embeddedWhile(saved, content)).isZero();
    }

    @Test
    void anIndexOpenedFromDiskFindsExactlyWhatAFreshOneFinds() {
        Content content = fixture.content();
        Embeddings embeddings = Embeddings.inMemory(new FakeEmbedder());
        List<String> fresh;
        try (ArticleIndex index = ArticleIndex.build(content, embeddings, SavedIndexes.none())) {
            fresh = results(index);
        }
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        ArticleIndex.build(content, embeddings, saved).close();

        try (ArticleIndex reopened = ArticleIndex.build(content, embeddings, saved)) {
            assertThat(results(reopened)).isNotEmpty().isEqualTo(fresh);
        }
    }

    @Test
    void closingAnIndexOpenedFromDiskLeavesItSaved() throws IOException {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        Content content = fixture.content();
        embeddedWhile(saved, content);

        embeddedWhile(saved, content);

        assertThat(savedFolders()).hasSize(1);
        assertThat(embeddedWhile(saved, content)).isZero();
    }

    @Test
    void editedContentIsIndexedAgainUnderItsOwnKey() throws IOException {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        embeddedWhile(saved, fixture.content());

        Content edited = fixture.write("articles/anger.md", ContentFixture.ANGER + "\nOne more line.\n").content();

        assertThat(embeddedWhile(saved, edited)).isPositive();
        assertThat(savedFolders()).hasSize(2);
    }

    @Test
    void anotherBuildOfTheBotNeverOpensAnIndexThisOneSaved() {
        Content content = fixture.content();
        embeddedWhile(SavedIndexes.in(indexes, "build-1"), content);

        assertThat(embeddedWhile(SavedIndexes.in(indexes, "build-2"), content)).isPositive();
    }

    @Test
    void aWordsOnlyIndexAndOneWithMeaningsAreSavedApart() {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        Content content = fixture.content();
        ArticleIndex.build(content, null, saved).close();

        assertThat(embeddedWhile(saved, content)).isPositive();
    }

    @Test
    void aDamagedSavedIndexIsDeletedAndBuiltAgain() throws IOException {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        Content content = fixture.content();
        embeddedWhile(saved, content);
        Path folder = savedFolders().getFirst();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }

        assertThat(embeddedWhile(saved, content)).isPositive();
        assertThat(embeddedWhile(saved, content)).isZero();
    }

    @Test
    void whereNothingCanBeSavedTheIndexIsBuiltInATemporaryFolderAndStillSearches() throws IOException {
        Path notAFolder = Files.writeString(indexes.resolve("taken"), "a file where the folder would go");
        SavedIndexes saved = SavedIndexes.in(notAFolder, "build-1");
        Embeddings embeddings = Embeddings.inMemory(new FakeEmbedder());

        try (ArticleIndex index = ArticleIndex.build(fixture.content(), embeddings, saved)) {
            assertThat(index.search("how do i end things with my therapist", 5)).isNotEmpty();
        }
        assertThat(notAFolder).isRegularFile();
    }

    @Test
    void whenTheIndexCannotBeSavedAfterItWasWrittenItIsWrittenAgainInATemporaryFolder() throws IOException {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        Content content = fixture.content();
        // A file where the folder would be renamed to: the index is written, then cannot be put in place.
        Files.writeString(indexes.resolve(saved.key(content.version(), new FakeEmbedder().model())), "in the way");

        try (ArticleIndex index = ArticleIndex.build(content, Embeddings.inMemory(new FakeEmbedder()), saved)) {
            assertThat(index.search("how do i end things with my therapist", 5)).isNotEmpty();
        }
    }

    @Test
    void aSavedIndexIsReadableByOtherUsersOfTheFolder() throws IOException {
        embeddedWhile(SavedIndexes.in(indexes, "build-1"), fixture.content());

        Path folder = savedFolders().getFirst();
        if (Files.getFileStore(folder).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .isEqualTo("rwxr-xr-x");
        }
    }

    @Test
    void onlyTheIndexesUsedLastAreKept() throws IOException {
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        Path newest = null;
        for (int version = 1; version <= SavedIndexes.KEPT + 2; version++) {
            Content content = fixture.write("articles/anger.md", ContentFixture.ANGER + "\nVersion " + version + ".\n")
                    .content();
            embeddedWhile(saved, content);
            newest = indexes.resolve(saved.key(content.version(), new FakeEmbedder().model()));
            // Older by a minute each, so that the order does not rest on the clock's resolution.
            Files.setLastModifiedTime(newest, FileTime.from(Instant.now().minus(Duration.ofMinutes(60 - version))));
        }

        assertThat(savedFolders()).hasSize(SavedIndexes.KEPT).contains(newest);
    }

    @Test
    void foldersLeftHalfWrittenByAProcessThatDiedAreClearedWhenTheyAreOld() throws IOException {
        Path abandoned = Files.createDirectories(indexes.resolve("0123.building-1"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path stillBeingWritten = Files.createDirectories(indexes.resolve("4567.building-2"));

        embeddedWhile(SavedIndexes.in(indexes, "build-1"), fixture.content());

        assertThat(abandoned).doesNotExist();
        assertThat(stillBeingWritten).isDirectory();
    }

    @Test
    void whenTheFolderIsAlreadyTakenThisRunUsesItsOwnCopyAndLeavesTheFolderAlone() throws IOException {
        // Another process saved the same index first, or left one this process cannot open.
        SavedIndexes saved = SavedIndexes.in(indexes, "build-1");
        String key = saved.key("version", "words only");
        saved.write(key, withDocuments(1)).close();

        IndexDirectory second = saved.write(key, withDocuments(2));

        try (second; DirectoryReader reader = DirectoryReader.open(second.directory())) {
            assertThat(reader.numDocs()).as("this run's own copy").isEqualTo(2);
        }
        assertThat(savedFolders()).as("its copy deleted on close").containsExactly(indexes.resolve(key));
        try (var folder = IndexDirectory.saved(indexes.resolve(key));
             DirectoryReader reader = DirectoryReader.open(folder.directory())) {
            assertThat(reader.numDocs()).as("the folder saved first").isEqualTo(1);
        }
    }

    private static IndexDirectory.Writing withDocuments(int count) {
        return directory -> {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
                for (int i = 0; i < count; i++) {
                    writer.addDocument(new Document());
                }
                writer.commit();
            }
        };
    }

    @Test
    void noneSavesNothing() {
        SavedIndexes none = SavedIndexes.none();

        assertThat(none.find(none.key("version", "model"))).isEmpty();
        assertThat(embeddedWhile(none, fixture.content())).isPositive();
        assertThat(embeddedWhile(none, fixture.content())).isPositive();
    }
}
