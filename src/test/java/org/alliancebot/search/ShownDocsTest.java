package org.alliancebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.FakeEmbedder;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which document each probe stands for is worked out from the documents as added, not read back from the index:
 * it must be exactly what reading every document's stored fields gives.
 */
class ShownDocsTest {

    @TempDir
    Path dir;

    private static void assertSameAsStoredFields(Content content) throws IOException {
        List<Document> docs = ArticleIndex.documents(content, Embeddings.inMemory(new FakeEmbedder()));
        try (ByteBuffersDirectory directory = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig()
                     .setRAMBufferSizeMB(256).setCodec(ArticleIndex.VECTOR_CODEC))) {
            writer.addDocuments(docs);
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertThat(ArticleIndex.shownDocs(reader, docs)).isNotEmpty()
                        .isEqualTo(ArticleIndex.shownDocs(reader));
            }
        }
    }

    @Test
    void theShippedContentsPassagesAreFoundWhereTheyWereAdded() throws IOException {
        assertSameAsStoredFields(new ContentLoader().load(Path.of("content")).orThrow());
    }

    @Test
    void aSmallFoldersPassagesAreFoundWhereTheyWereAdded() throws IOException {
        assertSameAsStoredFields(ContentFixture.withArticlesIn(dir).content());
    }
}
