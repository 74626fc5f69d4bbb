package org.alliancebot.search;

/**
 * Decides when search has nothing worth showing. Two tests: enough of the question's concepts must match (so one
 * shared everyday word is not enough), and the best score must clear a floor. Both were chosen on the labelled
 * questions in {@code src/test/resources/search} (see docs/search-quality.md).
 *
 * @param minScore       the lowest score worth showing
 * @param conceptShare   of a question with three or more concepts, the share that must match
 * @param shortAllMatch  whether a question of one or two concepts must match them all
 * @param maxRequired    the most concepts ever required: a long, rambling message tells a story, and only a few
 *                       of its words name the topic
 * @param minSimilarity  the lowest cosine similarity between question and passage worth fusing with the words'
 *                       ranking
 * @param aloneSimilarity the lowest similarity for a result the words did not find: meaning alone must be surer
 * @param wordsWeight    how much the words' ranking counts in the fusion, against 1 for the meaning's
 * @param fusionK        reciprocal rank fusion's constant: larger makes lower ranks count nearly as much as the top
 */
record RelevanceFloor(float minScore, double conceptShare, boolean shortAllMatch, int maxRequired,
                      float minSimilarity, float aloneSimilarity, float wordsWeight, int fusionK) {

    static final RelevanceFloor DEFAULT = new RelevanceFloor(2.0f, 0.5, true, 3, 0.35f, 0.55f, 2.0f, 60);

    boolean clears(float score) {
        return score >= minScore;
    }

    boolean clearsMeaning(float cosine) {
        return cosine >= minSimilarity;
    }

    boolean clearsMeaningAlone(float cosine) {
        return cosine >= aloneSimilarity;
    }

    float fusionWeight(boolean words) {
        return words ? wordsWeight : 1.0f;
    }

    int conceptsRequired(int concepts) {
        if (concepts <= 2) {
            return shortAllMatch ? concepts : 1;
        }
        return Math.min(maxRequired, Math.max(2, (int) Math.ceil(concepts * conceptShare)));
    }
}
