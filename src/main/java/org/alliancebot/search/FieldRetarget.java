package org.alliancebot.search;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Copies a query built by {@link org.apache.lucene.util.QueryBuilder} for one field onto another field. Covers
 * exactly the query shapes QueryBuilder produces from a token stream: terms, synonyms, phrases (multi-word
 * synonyms) and the boolean and boost queries around them.
 */
final class FieldRetarget {

    private FieldRetarget() {
    }

    static Query to(Query query, String field) {
        return switch (query) {
            case TermQuery tq -> new TermQuery(new Term(field, tq.getTerm().bytes()));
            case SynonymQuery sq -> {
                SynonymQuery.Builder builder = new SynonymQuery.Builder(field);
                sq.getTerms().forEach(t -> builder.addTerm(new Term(field, t.bytes())));
                yield builder.build();
            }
            case PhraseQuery pq -> {
                PhraseQuery.Builder builder = new PhraseQuery.Builder().setSlop(pq.getSlop());
                Term[] terms = pq.getTerms();
                int[] positions = pq.getPositions();
                for (int i = 0; i < terms.length; i++) {
                    builder.add(new Term(field, terms[i].bytes()), positions[i]);
                }
                yield builder.build();
            }
            case BoostQuery bq -> new BoostQuery(to(bq.getQuery(), field), bq.getBoost());
            case BooleanQuery bq -> {
                BooleanQuery.Builder builder = new BooleanQuery.Builder()
                        .setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
                for (BooleanClause clause : bq.clauses()) {
                    builder.add(to(clause.query(), field), clause.occur());
                }
                yield builder.build();
            }
            default -> throw new IllegalArgumentException("QueryBuilder does not produce " + query.getClass());
        };
    }
}
