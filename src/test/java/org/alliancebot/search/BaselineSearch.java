package org.alliancebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.alliancebot.content.Article;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The plain baseline search quality is compared with: StandardAnalyzer, BM25, one document per whole article,
 * every word optional, no synonyms, stemming, typo tolerance or relevance floor.
 */
final class BaselineSearch {

    private final IndexSearcher searcher;
    private final StandardAnalyzer analyzer = new StandardAnalyzer();

    BaselineSearch(Content content) {
        try {
            ByteBuffersDirectory directory = new ByteBuffersDirectory();
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (Article article : content.articles().values()) {
                    Document doc = new Document();
                    doc.add(new StringField("id", article.id(), Field.Store.YES));
                    doc.add(new TextField("text", Markdown.toPlain(article.toMarkdown()), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            searcher = new IndexSearcher(DirectoryReader.open(directory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> search(String text, int limit) {
        try {
            Query query = new QueryBuilder(analyzer).createBooleanQuery("text", text, BooleanClause.Occur.SHOULD);
            if (query == null) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, limit).scoreDocs) {
                ids.add(searcher.storedFields().document(hit.doc).get("id"));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
