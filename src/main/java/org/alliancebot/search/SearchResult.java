package org.alliancebot.search;

/**
 * One answer to a question: an article (its best passage) or a decision tree.
 *
 * @param section      the heading of the article section the snippet comes from, empty for trees
 * @param sectionIndex that section's place in the article, from 0; 0 for trees
 */
public record SearchResult(Kind kind, String id, String title, float score, String section, Snippet snippet,
                           int sectionIndex) {

    public enum Kind {
        ARTICLE, TREE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
