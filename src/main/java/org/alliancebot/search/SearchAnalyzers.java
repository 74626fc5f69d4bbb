package org.alliancebot.search;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.alliancebot.content.Problem;
import org.alliancebot.content.SearchTerms;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * The two analysis chains: one for indexing, and the same plus editors' synonyms for queries. Synonyms apply at
 * query time only, so editing the list never needs a different index layout and matches stay exact in the text.
 *
 * <pre>
 * index:  standard tokens → possessives → lowercase → ascii folding → stop words → Porter stem
 * query:  standard tokens → possessives → lowercase → ascii folding → stop words → synonyms → Porter stem
 * </pre>
 */
final class SearchAnalyzers {

    private final CharArraySet stopWords;
    private final List<Problem> problems = new ArrayList<>();
    private final SynonymMap synonyms;
    final Analyzer index;
    final Analyzer query;

    SearchAnalyzers(SearchTerms terms) {
        CharArraySet stops = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stops.addAll(terms.stopWords());
        this.stopWords = CharArraySet.unmodifiableSet(stops);
        this.synonyms = parseSynonyms(terms.synonyms());
        this.index = analyzer(false, true);
        this.query = analyzer(synonyms.fst != null, true);
    }

    private Analyzer analyzer(boolean withSynonyms, boolean stem) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new EnglishPossessiveFilter(tokenizer);
                stream = new LowerCaseFilter(stream);
                stream = new ASCIIFoldingFilter(stream);
                stream = new StopFilter(stream, stopWords);
                if (withSynonyms) {
                    stream = new SynonymGraphFilter(stream, synonyms, true);
                }
                if (stem) {
                    stream = new PorterStemFilter(stream);
                }
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            public int getPositionIncrementGap(String fieldName) {
                // Keeps phrases from matching across two values of a field, such as two trigger phrases.
                return 100;
            }
        };
    }

    /** Problems with synonym lines that only analysis can find, such as a synonym that is also a stop word. */
    List<Problem> problems() {
        return problems;
    }

    /**
     * Synonym lines are read with the chain up to the point where synonyms are applied. When the parser refuses
     * the list, each line is tried on its own, so a line it refuses is reported with its own location and the rest
     * still apply. (The parser reads line by line, so a list it accepts whole has no line it would refuse alone.)
     */
    private SynonymMap parseSynonyms(List<SearchTerms.Line> lines) {
        try (Analyzer beforeSynonyms = analyzer(false, false)) {
            try {
                SolrSynonymParser whole = new SolrSynonymParser(true, true, beforeSynonyms);
                whole.parse(new StringReader(String.join("\n", lines.stream().map(SearchTerms.Line::text).toList())));
                return whole.build();
            } catch (ParseException | IllegalArgumentException e) {
                // Some line is refused: found below, line by line.
            }
            StringBuilder usable = new StringBuilder();
            for (SearchTerms.Line line : lines) {
                try {
                    new SolrSynonymParser(true, true, beforeSynonyms).parse(new StringReader(line.text()));
                    usable.append(line.text()).append('\n');
                } catch (ParseException | IllegalArgumentException e) {
                    problems.add(new Problem(Problem.Severity.ERROR, line.at(),
                            "this synonym line cannot be used: " + rootMessage(e)
                                    + " (is one of its words also a stop word? stop words are dropped first)"));
                }
            }
            SolrSynonymParser parser = new SolrSynonymParser(true, true, beforeSynonyms);
            parser.parse(new StringReader(usable.toString()));
            return parser.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("synonym lines that parse one by one failed together", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e.getMessage() : cause.getMessage();
    }
}
