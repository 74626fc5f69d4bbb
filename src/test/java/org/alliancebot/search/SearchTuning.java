package org.alliancebot.search;

import java.nio.file.Path;
import java.util.List;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.TestEmbeddings;

/**
 * Prints hybrid search's figures over a grid of floors and fusion weights, on the tuning set and the earlier
 * held-out set. A tool for choosing {@link RelevanceFloor#DEFAULT}, not a test.
 */
public final class SearchTuning {

    public static void main(String[] args) {
        Embeddings embeddings = TestEmbeddings.miniLm();
        Content content = new ContentLoader().load(Path.of("content")).orThrow();
        LabelledQuestions tuning = LabelledQuestions.load();
        LabelledQuestions dev = LabelledQuestions.heldOut();
        LabelledQuestions own = LabelledQuestions.ownWords();
        RelevanceFloor base = RelevanceFloor.DEFAULT;
        try (ArticleIndex words = ArticleIndex.build(content)) {
            System.out.println("words only: tuning " + Evaluation.of(tuning, ids(words)).row("")
                    + "  dev " + Evaluation.of(dev, ids(words)).row("") + "  own " + Evaluation.of(own, ids(words)).row(""));
        }
        for (float similarity : new float[] {0.30f, 0.35f, 0.40f}) {
            for (float weight : new float[] {0.5f, 1f, 2f}) {
                for (float k : new float[] {0.45f, 0.50f, 0.55f, 0.60f}) {
                    RelevanceFloor floor = new RelevanceFloor(base.minScore(), base.conceptShare(),
                            base.shortAllMatch(), base.maxRequired(), similarity, k, weight, 60);
                    try (ArticleIndex index = ArticleIndex.build(content, floor, embeddings)) {
                        System.out.printf("sim %.2f words %.1f alone %.2f: tuning %s  dev %s  own %s%n", similarity, weight, k,
                                Evaluation.of(tuning, ids(index)).row(""), Evaluation.of(dev, ids(index)).row(""),
                                Evaluation.of(own, ids(index)).row(""));
                    }
                }
            }
        }
    }

    static java.util.function.Function<String, List<String>> ids(ArticleIndex index) {
        return q -> index.search(q, 3).stream().map(SearchResult::id).toList();
    }
}
