package org.alliancebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.alliancebot.content.Article;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.Problem;
import org.alliancebot.content.Tree;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.Vectors;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.QueryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lucene index over one content snapshot: a document for every article section (a passage search can show on
 * its own) and one for every tree, each with its words (BM25) and its meaning (a sentence embedding). A question
 * is searched both ways and the two rankings are fused, so it finds its answer whether it shares the articles'
 * words or only their meaning. Never changed after it is built, and safe to search from many threads; a content
 * reload builds a new index and swaps it in whole.
 */
public final class ArticleIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);

    // Field names. Trees fill the same fields as articles, so one query ranks both kinds together.
    static final String KIND = "kind";
    static final String ID = "id";
    /** What the whole article or tree is about: title, tags (trigger phrases for trees) and summary. */
    static final String ABOUT = "about";
    static final String HEADING = "heading";
    static final String BODY = "body";
    /** The section's place in its article. */
    static final String SECTION = "section";
    /**
     * Marks a probe: a document with a vector and no words, for another way people ask about an article or tree
     * (its title and summary, a section's heading, a tree's trigger phrase). Questions are closest in meaning to
     * other questions, and headings and triggers are written as people ask, so probes find what a whole passage's
     * vector, diluted by its length, can miss. A probe found stands for the passage or tree it belongs to.
     */
    static final String PROBE = "probe";
    /** The passage's or tree's sentence embedding. */
    static final String VECTOR = "vector";

    /** How much a match in each field counts: what a passage is about outweighs a passing mention. */
    static final Map<String, Float> FIELD_BOOSTS = orderedBoosts();

    private static final FieldType BODY_TYPE = bodyType();
    /** Read first for every hit, to collapse passages to their article; the rest only for those kept. */
    private static final Set<String> KEY_FIELDS = Set.of(KIND, ID, SECTION, PROBE);

    /** A person's text is cut to this length before analysis, which bounds the cost of any one search. */
    static final int MAX_QUERY_CHARS = 300;
    /**
     * Passages read per result wanted, before collapsing to one per article: an article has a handful of sections,
     * and reading fewer hits lets Lucene skip passages that cannot make the cut.
     */
    private static final int HITS_PER_RESULT = 4;

    private final Content content;
    private final SearchAnalyzers analyzers;
    private final IndexDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final SnippetHighlighter sentences;
    private final SnippetHighlighter whole;
    private final RelevanceFloor floor;
    private final Vocabulary vocabulary;
    /** The document shown for each passage and tree ("kind:id#section"), which a probe stands for. */
    private final Map<String, Integer> shown;
    /** Absent for a words-only index (tests of the BM25 half, tools that need no model). */
    private final Embeddings embeddings;

    private ArticleIndex(Content content, SearchAnalyzers analyzers, IndexDirectory directory, RelevanceFloor floor,
                         Embeddings embeddings) throws IOException {
        this.content = content;
        this.embeddings = embeddings;
        this.analyzers = analyzers;
        this.directory = directory;
        this.floor = floor;
        DirectoryReader opened = DirectoryReader.open(directory.directory());
        try {
            this.shown = shownDocsOf(opened.getIndexCommit().getUserData());
            this.searcher = new IndexSearcher(opened);
            this.vocabulary = new Vocabulary(opened, FIELD_BOOSTS.keySet());
            // Short sections are shown whole; long ones as their best sentences.
            this.whole = highlighter(searcher, analyzers, WholeBreakIterator::new);
            this.sentences = highlighter(searcher, analyzers,
                    () -> BreakIterator.getSentenceInstance(Locale.ENGLISH));
        } catch (IOException | RuntimeException e) {
            opened.close(); // else its files stay open, and a damaged saved index could not be deleted
            throw e;
        }
        this.reader = opened;
    }

    private static SnippetHighlighter highlighter(IndexSearcher searcher, SearchAnalyzers analyzers,
                                                  java.util.function.Supplier<BreakIterator> breaks) {
        // Term-level matching on stored offsets is enough for marking words, and far cheaper than weight matches.
        return new SnippetHighlighter(UnifiedHighlighter.builder(searcher, analyzers.index)
                .withWeightMatches(false)
                .withPassageRelevancyOverSpeed(false)
                .withBreakIterator(breaks)
                .withFormatter(new SnippetFormatter()));
    }

    /** An index searched by words and by meaning. */
    public static ArticleIndex build(Content content, Embeddings embeddings) {
        return build(content, RelevanceFloor.DEFAULT, embeddings, SavedIndexes.none());
    }

    /**
     * An index searched by words and by meaning, opened from {@code saved} when it holds one for this content
     * version, model and build, else built and saved there.
     */
    public static ArticleIndex build(Content content, Embeddings embeddings, SavedIndexes saved) {
        return build(content, RelevanceFloor.DEFAULT, embeddings, saved);
    }

    /** An index searched by words alone. */
    public static ArticleIndex build(Content content) {
        return build(content, RelevanceFloor.DEFAULT, null, SavedIndexes.none());
    }

    static ArticleIndex build(Content content, RelevanceFloor floor, Embeddings embeddings) {
        return build(content, floor, embeddings, SavedIndexes.none());
    }

    static ArticleIndex build(Content content, RelevanceFloor floor, Embeddings embeddings, SavedIndexes saved) {
        SearchAnalyzers analyzers = new SearchAnalyzers(content.searchTerms());
        String key = saved.key(content.version(), embeddings == null ? "words only" : embeddings.model());
        Optional<IndexDirectory> found = saved.find(key);
        if (found.isPresent()) {
            try {
                return new ArticleIndex(content, analyzers, found.get(), floor, embeddings);
            } catch (IOException | RuntimeException e) {
                found.get().close();
                saved.discard(key, e);
            }
        }
        List<Document> docs = documents(content, embeddings);
        IndexDirectory.Writing writing = to -> {
            // One segment, flushed once: a vector graph is built once instead of being rebuilt by merges. A config
            // per writer: Lucene refuses to share one, and a failed save writes the index a second time.
            IndexWriterConfig config = new IndexWriterConfig(analyzers.index).setRAMBufferSizeMB(256)
                    .setCodec(VECTOR_CODEC);
            try (IndexWriter writer = new IndexWriter(to, config)) {
                writer.addDocuments(docs);
                writer.commit();
                // Which document each probe stands for, kept with the commit: opening a saved index then reads
                // one map instead of the stored fields of every document.
                try (DirectoryReader written = DirectoryReader.open(writer)) {
                    writer.setLiveCommitData(Map.of(SHOWN_DOCS, encode(shownDocs(written, docs))).entrySet());
                }
                writer.commit();
            }
        };
        // Written only now, after the model (which may fail) is done, so a failure leaves no folder behind.
        IndexDirectory directory = saved.write(key, writing);
        if (saved.saves()) {
            try {
                return new ArticleIndex(content, analyzers, directory, floor, embeddings);
            } catch (IOException | RuntimeException e) {
                directory.close();
                // A saved folder this process cannot open (another user's, say): this run uses one of its own.
                log.warn("The saved search index {} could not be opened ({}); using a temporary one", key,
                        e.toString());
                directory = IndexDirectory.written(writing);
            }
        }
        try {
            return new ArticleIndex(content, analyzers, directory, floor, embeddings);
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException("cannot open the index just built", e);
        } catch (RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** A document for every passage and tree, and with a model, a probe for every other way of asking. */
    static List<Document> documents(Content content, Embeddings embeddings) {
        List<Document> docs = new ArrayList<>();
        List<String> meanings = new ArrayList<>();
        for (Article article : content.articles().values()) {
            for (int i = 0; i < article.sections().size(); i++) {
                Article.Section section = article.sections().get(i);
                docs.add(passage(article, section, i));
                meanings.add(meaning(article, section));
            }
        }
        for (Tree tree : content.trees().values()) {
            docs.add(tree(tree));
            meanings.add(meaning(tree));
        }
        if (embeddings != null) {
            addProbes(content, docs, meanings);
            List<float[]> vectors = new ArrayList<>(embeddings.ofContent(meanings));
            addAsks(content, embeddings, vectors, docs);
            for (int i = 0; i < docs.size(); i++) {
                docs.get(i).add(new KnnFloatVectorField(VECTOR, vectors.get(i), VectorSimilarityFunction.DOT_PRODUCT));
            }
        }
        return docs;
    }

    /**
     * Vectors in a graph built with a narrower search than Lucene's default (beam width 32, not 100): measured on
     * the 2,000-article corpus (22,000 vectors) it builds in 2.5 s instead of 6.2 s, which is what start-up and a
     * reload wait for, and at this size the graph still finds the nearest passages.
     */
    static final Codec VECTOR_CODEC = new Lucene104Codec() {
        private final KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(16, 32);

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return vectors;
        }
    };

    /**
     * Problems only analysis finds (synonym lines the analyzer refuses), without building an index: what checking
     * a folder needs.
     */
    public static List<Problem> analysisProblems(Content content) {
        return new SearchAnalyzers(content.searchTerms()).problems();
    }

    /** Problems only analysis finds (synonym lines the analyzer refuses), for the validator to report. */
    public List<Problem> problems() {
        return analyzers.problems();
    }

    /** One article section: the passage itself plus the article's title, tags and summary, which it is about. */
    private static Document passage(Article article, Article.Section section, int index) {
        Document doc = new Document();
        doc.add(new StoredField(SECTION, index));
        doc.add(new StringField(KIND, SearchResult.Kind.ARTICLE.label(), Field.Store.YES));
        doc.add(new StringField(ID, article.id(), Field.Store.YES));
        // One field for what the article is about: fewer fields make every query cheaper to score.
        doc.add(new TextField(ABOUT, article.title(), Field.Store.NO));
        article.tags().forEach(tag -> doc.add(new TextField(ABOUT, tag, Field.Store.NO)));
        doc.add(new TextField(ABOUT, article.summary(), Field.Store.NO));
        // The heading is stored to name the section; searched, because headings are phrased as people ask.
        doc.add(new TextField(HEADING, section.heading(), Field.Store.YES));
        // Plain text, stored for the snippet, with offsets so highlighting reads them instead of re-analysing.
        doc.add(new Field(BODY, Markdown.toPlain(section.text()), BODY_TYPE));
        return doc;
    }

    /** A probe for each article's title and summary, each section's heading and each tree's trigger phrases. */
    private static void addProbes(Content content, List<Document> docs, List<String> meanings) {
        for (Article article : content.articles().values()) {
            docs.add(probe(SearchResult.Kind.ARTICLE, article.id(), 0));
            meanings.add(article.title() + ". " + article.summary());
            for (int i = 0; i < article.sections().size(); i++) {
                String heading = article.sections().get(i).heading();
                if (!heading.isBlank()) {
                    docs.add(probe(SearchResult.Kind.ARTICLE, article.id(), i));
                    meanings.add(heading);
                }
            }
        }
        for (Tree tree : content.trees().values()) {
            for (String trigger : tree.triggers()) {
                docs.add(probe(SearchResult.Kind.TREE, tree.id(), 0));
                meanings.add(trigger);
            }
        }
    }

    /**
     * A probe for each way people ask about an article ({@code asks}), standing for the article's passage nearest
     * in meaning to it. Passages come first in {@code docs}, in article and section order, with their vectors.
     */
    private static void addAsks(Content content, Embeddings embeddings, List<float[]> vectors, List<Document> docs) {
        List<float[]> asks = embeddings.ofContent(content.articles().values().stream()
                .flatMap(article -> article.asks().stream()).toList());
        int firstPassage = 0;
        int nextAsk = 0;
        for (Article article : content.articles().values()) {
            for (int n = 0; n < article.asks().size(); n++) {
                float[] ask = asks.get(nextAsk++);
                int nearest = 0;
                float best = -2;
                for (int i = 0; i < article.sections().size(); i++) {
                    float similarity = Vectors.dot(ask, vectors.get(firstPassage + i));
                    if (similarity > best) {
                        best = similarity;
                        nearest = i;
                    }
                }
                docs.add(probe(SearchResult.Kind.ARTICLE, article.id(), nearest));
                vectors.add(ask);
            }
            firstPassage += article.sections().size();
        }
    }

    /** A document with no words, whose vector (added later) stands for a passage or tree. */
    private static Document probe(SearchResult.Kind kind, String id, int section) {
        Document doc = new Document();
        doc.add(new StringField(KIND, kind.label(), Field.Store.YES));
        doc.add(new StringField(ID, id, Field.Store.YES));
        doc.add(new StoredField(SECTION, section));
        doc.add(new StringField(PROBE, "yes", Field.Store.YES));
        return doc;
    }

    /**
     * Where each passage and tree is, by "kind:id#section", to show for the probes that stand for them. Added in one
     * call by one thread and flushed once, the documents keep their order as ids, which spares reading every
     * document's stored fields back; should the index hold them otherwise, they are read.
     */
    static Map<String, Integer> shownDocs(DirectoryReader reader, List<Document> added) throws IOException {
        if (reader.leaves().size() != 1 || reader.maxDoc() != added.size()) {
            return shownDocs(reader);
        }
        Map<String, Integer> shown = new HashMap<>();
        for (int doc = 0; doc < added.size(); doc++) {
            if (added.get(doc).get(PROBE) == null) {
                shown.put(shownKey(added.get(doc)), doc);
            }
        }
        return Map.copyOf(shown);
    }

    static Map<String, Integer> shownDocs(DirectoryReader reader) throws IOException {
        Map<String, Integer> shown = new HashMap<>();
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            Document key = stored.document(doc, KEY_FIELDS);
            if (key.get(PROBE) == null) {
                shown.put(shownKey(key), doc);
            }
        }
        return Map.copyOf(shown);
    }

    /** The commit's entry that holds {@link #shown}, as "kind:id#section=doc" lines. */
    private static final String SHOWN_DOCS = "shown-docs";

    private static String encode(Map<String, Integer> shown) {
        StringBuilder text = new StringBuilder();
        shown.forEach((key, doc) -> text.append(key).append('=').append(doc).append('\n'));
        return text.toString();
    }

    private static Map<String, Integer> shownDocsOf(Map<String, String> commitData) {
        String text = commitData.get(SHOWN_DOCS);
        if (text == null) {
            throw new IllegalStateException("the index has no " + SHOWN_DOCS + " entry in its commit");
        }
        Map<String, Integer> shown = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                int equals = line.lastIndexOf('=');
                shown.put(line.substring(0, equals), Integer.parseInt(line.substring(equals + 1)));
            }
        }
        return Map.copyOf(shown);
    }

    private static String shownKey(Document key) {
        return key.get(KIND) + ":" + key.get(ID) + "#" + section(key);
    }

    /** The section a document is or stands for; trees have none, and count as 0. */
    private static int section(Document doc) {
        var section = doc.getField(SECTION);
        return section == null ? 0 : section.numericValue().intValue();
    }

    /** What a passage means, for its embedding: the article it belongs to, its heading and its text. */
    static String meaning(Article article, Article.Section section) {
        String heading = section.heading().isEmpty() ? "" : section.heading() + ". ";
        return article.title() + ". " + heading + Markdown.toPlain(section.text());
    }

    /** What a tree is for: its title, description and the ways people ask about its topic. */
    static String meaning(Tree tree) {
        return tree.title() + ". " + tree.about() + " " + String.join(". ", tree.triggers());
    }

    /** A tree: its title, its one-line description and the phrases people use for its topic. */
    private static Document tree(Tree tree) {
        Document doc = new Document();
        doc.add(new StringField(KIND, SearchResult.Kind.TREE.label(), Field.Store.YES));
        doc.add(new StringField(ID, tree.id(), Field.Store.YES));
        doc.add(new TextField(ABOUT, tree.title(), Field.Store.NO));
        tree.triggers().forEach(trigger -> doc.add(new TextField(ABOUT, trigger, Field.Store.NO)));
        doc.add(new TextField(HEADING, "", Field.Store.YES));
        doc.add(new Field(BODY, tree.about(), BODY_TYPE));
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
            Prepared query = prepare(bounded);
            List<ScoreDoc> byWords = query == null ? List.of() : byWords(query, limit);
            List<ScoreDoc> byMeaning = embeddings == null ? List.of() : byMeaning(bounded, limit);
            if (byWords.isEmpty() && byMeaning.isEmpty()) {
                return List.of();
            }
            return collect(query, byWords, byMeaning, limit);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory search failed", e);
        }
    }

    /**
     * The query that ranks, and the same concepts on the body alone for highlighting, which need not score the
     * other fields again for every passage shown.
     */
    record Prepared(Query ranking, Query body) {
    }

    /**
     * Builds one clause per concept in the question (a word with its synonyms and, when the word is unknown, its
     * near spellings), each searched across all fields. Most concepts must match, which keeps a single common
     * word such as "good" from dragging in every article.
     */
    private Prepared prepare(String text) throws IOException {
        // Every field shares one analyzer, so the text is analysed once and the query copied to each field.
        Query analysed = new QueryBuilder(analyzers.query).createBooleanQuery(BODY, text, BooleanClause.Occur.SHOULD);
        if (analysed == null) {
            return null;
        }
        Query corrected = new TypoTolerance(vocabulary).apply(analysed);
        List<Query> groups = groups(corrected);
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        for (Query group : groups) {
            BooleanQuery.Builder concept = new BooleanQuery.Builder();
            for (Map.Entry<String, Float> field : FIELD_BOOSTS.entrySet()) {
                concept.add(new BoostQuery(FieldRetarget.to(group, field.getKey()), field.getValue()),
                        BooleanClause.Occur.SHOULD);
            }
            top.add(concept.build(), BooleanClause.Occur.SHOULD);
        }
        top.setMinimumNumberShouldMatch(floor.conceptsRequired(groups.size()));
        return new Prepared(top.build(), corrected);
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

    /** Passages whose words clear the relevance floor, best first. */
    private List<ScoreDoc> byWords(Prepared query, int limit) throws IOException {
        // Counting hits exactly is not needed, which lets Lucene skip passages that cannot make the top.
        int hitsToRead = Math.max(10, limit * HITS_PER_RESULT);
        ScoreDoc[] hits = searcher.search(query.ranking(),
                new TopScoreDocCollectorManager(hitsToRead, null, hitsToRead)).scoreDocs;
        List<ScoreDoc> kept = new ArrayList<>();
        for (ScoreDoc hit : hits) {
            if (!floor.clears(hit.score)) {
                break;
            }
            kept.add(hit);
        }
        return kept;
    }

    /** Passages whose meaning is close enough to the question's, nearest first. */
    private List<ScoreDoc> byMeaning(String text, int limit) throws IOException {
        float[] vector = embeddings.ofTyped(text);
        int hitsToRead = Math.max(20, limit * HITS_PER_RESULT * 2);
        ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, hitsToRead), hitsToRead).scoreDocs;
        List<ScoreDoc> kept = new ArrayList<>();
        for (ScoreDoc hit : hits) {
            // Lucene scores a dot product of unit vectors as (1 + cosine) / 2.
            float cosine = 2 * hit.score - 1;
            if (!floor.clearsMeaning(cosine)) {
                break;
            }
            kept.add(new ScoreDoc(hit.doc, cosine));
        }
        return kept;
    }

    /**
     * Fuses the two rankings by reciprocal rank, one result per article or tree: each ranking gives a result
     * {@code 1 / (k + rank)} for its best passage, so a result both find comes first, and one found only one way
     * still counts. The passage shown is the one words found, else the one meaning found.
     */
    private List<SearchResult> collect(Prepared query, List<ScoreDoc> byWords, List<ScoreDoc> byMeaning, int limit)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        Map<String, Float> fused = new HashMap<>();
        Map<String, ScoreDoc> passage = new LinkedHashMap<>();
        Set<String> foundByWords = new HashSet<>();
        for (List<ScoreDoc> ranking : List.of(byWords, byMeaning)) {
            Set<String> ranked = new HashSet<>();
            for (ScoreDoc hit : ranking) {
                Document key = stored.document(hit.doc, KEY_FIELDS);
                String name = key.get(KIND) + ":" + key.get(ID);
                if (!ranked.add(name)) {
                    continue;
                }
                if (ranking == byWords) {
                    foundByWords.add(name);
                } else if (!foundByWords.contains(name) && !floor.clearsMeaningAlone(hit.score)) {
                    // Found by meaning alone, and not surely enough to show without the words agreeing.
                    continue;
                }
                fused.merge(name, floor.fusionWeight(ranking == byWords) / (floor.fusionK() + ranked.size()),
                        Float::sum);
                // A probe stands for its passage or tree, which is what is shown.
                int doc = key.get(PROBE) == null ? hit.doc : shown.getOrDefault(shownKey(key), hit.doc);
                passage.putIfAbsent(name, new ScoreDoc(doc, hit.score));
            }
        }
        List<String> order = fused.entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed())
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        Map<Integer, Document> docs = new HashMap<>();
        List<ScoreDoc> best = new ArrayList<>();
        for (String name : order) {
            ScoreDoc hit = passage.get(name);
            docs.put(hit.doc, stored.document(hit.doc));
            best.add(new ScoreDoc(hit.doc, fused.get(name)));
        }
        Map<Integer, Snippet> snippets = snippets(query == null ? null : query.body(), best, docs);
        List<SearchResult> results = new ArrayList<>();
        for (ScoreDoc hit : best) {
            Document doc = docs.get(hit.doc);
            SearchResult.Kind kind = SearchResult.Kind.valueOf(doc.get(KIND).toUpperCase(Locale.ROOT));
            results.add(new SearchResult(kind, doc.get(ID), title(kind, doc.get(ID)), hit.score, doc.get(HEADING),
                    snippets.get(hit.doc), section(doc)));
        }
        return List.copyOf(results);
    }

    private String title(SearchResult.Kind kind, String id) {
        return switch (kind) {
            case ARTICLE -> content.article(id).map(Article::title).orElse(id);
            case TREE -> content.tree(id).map(Tree::title).orElse(id);
        };
    }

    /**
     * Highlights all results at once: short passages whole, long ones as their best sentences. A passage that
     * matched only on its title or tags, or that meaning alone found ({@code query} null: no word of the question
     * is known), has nothing to mark, and starts from its beginning.
     */
    private Map<Integer, Snippet> snippets(Query query, Iterable<ScoreDoc> hits, Map<Integer, Document> docs)
            throws IOException {
        List<Integer> shortDocs = new ArrayList<>();
        List<Integer> longDocs = new ArrayList<>();
        for (ScoreDoc hit : hits) {
            (docs.get(hit.doc).get(BODY).length() <= Snippet.MAX_LENGTH ? shortDocs : longDocs).add(hit.doc);
        }
        Map<Integer, Snippet> snippets = new HashMap<>();
        if (query != null) {
            highlight(whole, query, shortDocs, snippets);
            highlight(sentences, query, longDocs, snippets);
        }
        for (Map.Entry<Integer, Document> entry : docs.entrySet()) {
            snippets.computeIfAbsent(entry.getKey(), id -> Snippet.cut(entry.getValue().get(BODY), List.of()));
        }
        return snippets;
    }

    private static void highlight(SnippetHighlighter highlighter, Query query, List<Integer> docIds,
                                  Map<Integer, Snippet> into) throws IOException {
        if (docIds.isEmpty()) {
            return;
        }
        // The highlighter expects ascending doc ids and answers in the same order.
        int[] ids = docIds.stream().mapToInt(Integer::intValue).sorted().toArray();
        Object[] found = highlighter.snippets(BODY, query, ids, 3);
        for (int i = 0; i < ids.length; i++) {
            if (found[i] instanceof Snippet snippet) {
                into.put(ids[i], snippet);
            }
        }
    }

    /** Releases the index and deletes its files; searches must have finished. */
    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            directory.close();
        }
    }

    private static FieldType bodyType() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    private static Map<String, Float> orderedBoosts() {
        Map<String, Float> boosts = new LinkedHashMap<>();
        boosts.put(ABOUT, 2.0f);
        boosts.put(HEADING, 2.0f);
        boosts.put(BODY, 1.0f);
        return java.util.Collections.unmodifiableMap(boosts);
    }

    /** Replaces words the index has never seen with the known words they are most likely a typo of. */
    private static final class TypoTolerance {
        private final Vocabulary vocabulary;

        TypoTolerance(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
        }

        Query apply(Query query) {
            if (query instanceof TermQuery tq) {
                return vocabulary.contains(tq.getTerm().text()) ? tq : corrected(tq.getTerm());
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

        /**
         * Short words get no leeway (one letter turns "pasta" into "past"); longer ones one or two edits, with
         * the first letter fixed and at most two corrections, so a typo does not flood results.
         */
        private Query corrected(Term typo) {
            int length = typo.text().length();
            int edits = length >= 8 ? 2 : length >= 6 ? 1 : 0;
            List<String> words = vocabulary.corrections(typo.text(), edits);
            if (words.isEmpty()) {
                return new TermQuery(typo);
            }
            SynonymQuery.Builder either = new SynonymQuery.Builder(typo.field());
            words.forEach(word -> either.addTerm(new Term(typo.field(), word)));
            return either.build();
        }
    }
}
