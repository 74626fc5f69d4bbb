package org.alliancebot.search;

import java.io.IOException;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Lucene's unified highlighter, reading match offsets from the index (the body field stores them) and handing
 * back the {@link Snippet}s our formatter builds rather than strings.
 */
final class SnippetHighlighter extends UnifiedHighlighter {

    SnippetHighlighter(Builder builder) {
        super(builder);
    }

    /** One snippet per document, or null where nothing in the field matched. */
    Object[] snippets(String field, Query query, int[] docIds, int maxPassages) throws IOException {
        int[] passages = new int[] {maxPassages};
        return highlightFieldsAsObjects(new String[] {field}, query, docIds, passages).get(field);
    }
}
