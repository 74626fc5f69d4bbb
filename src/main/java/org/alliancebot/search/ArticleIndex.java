package org.alliancebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alliancebot.content.Article;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.Problem;
import org.alliancebot.content.Tree;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * A Lucene index over one content snapshot: a document for every article section (a passage search can show on
 * its own) and one for every tree. Built in memory in a few milliseconds, never changed afterwards, and safe to
 * search from many threads; a content reload builds a new index and swaps it in whole.
 */
public final class ArticleIndex implements AutoCloseable {

    // Field names. Trees fill the same fields as articles, so one query ranks both kinds together.
    static final String KIND = "kind";
    static final String ID = "id";
    static final String TITLE = "title";
    static final String TAGS = "tags";
    static final String SUMMARY = "summary";
    static final String HEADING = "heading";
    static final String BODY = "body";

    /** How much a match in each field counts: what a passage is about outweighs a passing mention. */
    static final Map<String, Float> FIELD_BOOSTS = orderedBoosts();

    /** A person's text is cut to this length before analysis, which bounds the cost of any one search. */
    static final int MAX_QUERY_CHARS = 300;
    /** Hits read before collapsing to one per article; passages beyond this rank are never the best of theirs. */
    private static final int HITS_TO_COLLAPSE = 50;

    private final Content content;
    private final SearchAnalyzers analyzers;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final UnifiedHighlighter sentences;
    private final UnifiedHighlighter whole;
    private final RelevanceFloor floor;

    private ArticleIndex(Content content, SearchAnalyzers analyzers, DirectoryReader reader, RelevanceFloor floor) {
        this.content = content;
        this.analyzers = analyzers;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        // Short sections are shown whole; long ones as their best sentences.
        this.whole = highlighter(analyzers, WholeBreakIterator::new);
        this.sentences = highlighter(analyzers, () -> BreakIterator.getSentenceInstance(Locale.ENGLISH));
        this.floor = floor;
    }

    private static UnifiedHighlighter highlighter(SearchAnalyzers analyzers,
                                                  java.util.function.Supplier<BreakIterator> breaks) {
        return UnifiedHighlighter.builderWithoutSearcher(analyzers.index)
                .withHandleMultiTermQuery(true)
                .withBreakIterator(breaks)
                .withFormatter(new SnippetFormatter())
                .build();
    }

    public static ArticleIndex build(Content content) {
        return build(content, RelevanceFloor.DEFAULT);
    }

    static ArticleIndex build(Content content, RelevanceFloor floor) {
        SearchAnalyzers analyzers = new SearchAnalyzers(content.searchTerms());
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.index))) {
            for (Article article : content.articles().values()) {
                for (Article.Section section : article.sections()) {
                    writer.addDocument(passage(article, section));
                }
            }
            for (Tree tree : content.trees().values()) {
                writer.addDocument(tree(tree));
            }
            writer.commit();
            return new ArticleIndex(content, analyzers, DirectoryReader.open(directory), floor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the in-memory index", e);
        }
    }

    /** Problems only analysis finds (synonym lines the analyzer refuses), for the validator to report. */
    public List<Problem> problems() {
        return analyzers.problems();
    }

    /** One article section: the passage itself plus the article's title, tags and summary, which it is about. */
    private static Document passage(Article article, Article.Section section) {
        Document doc = new Document();
        doc.add(new StringField(KIND, SearchResult.Kind.ARTICLE.label(), Field.Store.YES));
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, article.title(), Field.Store.NO));
        article.tags().forEach(tag -> doc.add(new TextField(TAGS, tag, Field.Store.NO)));
        doc.add(new TextField(SUMMARY, article.summary(), Field.Store.NO));
        // The heading is stored to name the section; searched, because headings are phrased as people ask.
        doc.add(new TextField(HEADING, section.heading(), Field.Store.YES));
        // Plain text is indexed and stored: the snippet is cut from it, and highlighting re-analyses it.
        doc.add(new TextField(BODY, Markdown.toPlain(section.text()), Field.Store.YES));
        return doc;
    }

    /** A tree: its title, its one-line description and the phrases people use for its topic. */
    private static Document tree(Tree tree) {
        Document doc = new Document();
        doc.add(new StringField(KIND, SearchResult.Kind.TREE.label(), Field.Store.YES));
        doc.add(new StringField(ID, tree.id(), Field.Store.YES));
        doc.add(new TextField(TITLE, tree.title(), Field.Store.NO));
        tree.triggers().forEach(trigger -> doc.add(new TextField(TAGS, trigger, Field.Store.NO)));
        doc.add(new TextField(SUMMARY, tree.about(), Field.Store.NO));
        doc.add(new TextField(HEADING, "", Field.Store.YES));
        doc.add(new TextField(BODY, tree.about(), Field.Store.YES));
        return doc;
    }

    /**
     * The best results for a person's text, one per article or tree, best first; empty when nothing clears the
     * relevance floor. Any text is accepted: it is only ever analysed into words, never parsed as query syntax.
     */
    public List<SearchResult> search(String text, int limit) {
        if (limit < 1 || text == null || text.isBlank()) {
            return List.of();
        }
        String bounded = text.length() > MAX_QUERY_CHARS ? text.substring(0, MAX_QUERY_CHARS) : text;
        try {
            Query query = query(bounded);
            if (query == null) {
                return List.of();
            }
            return collect(query, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory search failed", e);
        }
    }

    /**
     * Builds one clause per concept in the question (a word with its synonyms and, when the word is unknown, its
     * near spellings), each searched across all fields. Most concepts must match, which keeps a single common
     * word such as "good" from dragging in every article.
     */
    Query query(String text) throws IOException {
        QueryBuilder builder = new QueryBuilder(analyzers.query);
        Map<String, List<Query>> groupsByField = new LinkedHashMap<>();
        for (String field : FIELD_BOOSTS.keySet()) {
            Query fieldQuery = builder.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
            if (fieldQuery == null) {
                return null;
            }
            groupsByField.put(field, groups(fieldQuery));
        }
        int groups = groupsByField.values().iterator().next().size();
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        for (int i = 0; i < groups; i++) {
            BooleanQuery.Builder concept = new BooleanQuery.Builder();
            for (var entry : groupsByField.entrySet()) {
                Query group = new TypoTolerance(reader, FIELD_BOOSTS.keySet()).apply(entry.getValue().get(i));
                concept.add(new BoostQuery(group, FIELD_BOOSTS.get(entry.getKey())), BooleanClause.Occur.SHOULD);
            }
            top.add(concept.build(), BooleanClause.Occur.SHOULD);
        }
        top.setMinimumNumberShouldMatch(floor.conceptsRequired(groups));
        return top.build();
    }

    /**
     * QueryBuilder returns one boolean clause per position (or per segment of a multi-word synonym), or a bare
     * query when the text held a single concept.
     */
    private static List<Query> groups(Query query) {
        if (query instanceof BooleanQuery bq) {
            return bq.clauses().stream().map(BooleanClause::query).toList();
        }
        return List.of(query);
    }

    private List<SearchResult> collect(Query query, int limit) throws IOException {
        ScoreDoc[] hits = searcher.search(query, HITS_TO_COLLAPSE).scoreDocs;
        StoredFields stored = searcher.storedFields();
        Map<String, SearchResult> best = new LinkedHashMap<>();
        for (ScoreDoc hit : hits) {
            if (best.size() >= limit || !floor.clears(hit.score)) {
                break;
            }
            Document doc = stored.document(hit.doc);
            SearchResult.Kind kind = SearchResult.Kind.valueOf(doc.get(KIND).toUpperCase(Locale.ROOT));
            String id = doc.get(ID);
            if (best.containsKey(kind + id)) {
                continue;
            }
            best.put(kind + id, new SearchResult(kind, id, title(kind, id), hit.score, doc.get(HEADING),
                    snippet(query, doc.get(BODY))));
        }
        return List.copyOf(best.values());
    }

    private String title(SearchResult.Kind kind, String id) {
        return switch (kind) {
            case ARTICLE -> content.article(id).map(Article::title).orElse(id);
            case TREE -> content.tree(id).map(Tree::title).orElse(id);
        };
    }

    private Snippet snippet(Query query, String body) throws IOException {
        UnifiedHighlighter highlighter = body.length() <= Snippet.MAX_LENGTH ? whole : sentences;
        Object highlighted = highlighter.highlightWithoutSearcher(BODY, query, body, 3);
        if (highlighted instanceof Snippet snippet) {
            return snippet;
        }
        return Snippet.cut(body, List.of());
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Float> orderedBoosts() {
        Map<String, Float> boosts = new LinkedHashMap<>();
        boosts.put(TITLE, 2.0f);
        boosts.put(TAGS, 2.0f);
        boosts.put(HEADING, 2.0f);
        boosts.put(SUMMARY, 1.0f);
        boosts.put(BODY, 1.0f);
        return java.util.Collections.unmodifiableMap(boosts);
    }

    /** Replaces words the index has never seen with near spellings it has, so typos still find their article. */
    private static final class TypoTolerance {
        private final DirectoryReader reader;
        private final Iterable<String> fields;
        private final Map<String, Boolean> known = new HashMap<>();

        TypoTolerance(DirectoryReader reader, Iterable<String> fields) {
            this.reader = reader;
            this.fields = fields;
        }

        Query apply(Query query) throws IOException {
            if (query instanceof TermQuery tq) {
                return known(tq.getTerm().text()) ? tq : fuzzy(tq.getTerm());
            }
            if (query instanceof BoostQuery bq) {
                return new BoostQuery(apply(bq.getQuery()), bq.getBoost());
            }
            if (query instanceof BooleanQuery bq) {
                BooleanQuery.Builder rebuilt = new BooleanQuery.Builder()
                        .setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
                for (BooleanClause clause : bq.clauses()) {
                    rebuilt.add(apply(clause.query()), clause.occur());
                }
                return rebuilt.build();
            }
            return query;
        }

        private boolean known(String term) throws IOException {
            Boolean cached = known.get(term);
            if (cached != null) {
                return cached;
            }
            boolean found = false;
            for (String field : fields) {
                if (reader.docFreq(new Term(field, term)) > 0) {
                    found = true;
                    break;
                }
            }
            known.put(term, found);
            return found;
        }

        /**
         * Short words get no leeway (one letter turns "pasta" into "past"); longer ones one or two edits, with
         * the first letter fixed and only the two closest spellings tried, so a typo does not flood results.
         */
        private static Query fuzzy(Term term) {
            int length = term.text().length();
            int edits = length >= 8 ? 2 : length >= 6 ? 1 : 0;
            if (edits == 0) {
                return new TermQuery(term);
            }
            return new FuzzyQuery(term, edits, 1, 2, true);
        }
    }
}
