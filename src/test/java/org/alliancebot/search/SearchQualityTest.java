package org.alliancebot.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search quality on the labelled questions, beside the plain baseline. The figures are printed for
 * docs/search-quality.md: {@code mvn -q test -Dtest=SearchQualityTest}.
 */
class SearchQualityTest {

    static Content content;
    static LabelledQuestions questions;

    @BeforeAll
    static void load() {
        content = new ContentLoader().load(Path.of("content")).orThrow();
        questions = LabelledQuestions.load();
    }

    @Test
    void labelledSetIsLargeAndVaried() {
        long offTopic = questions.questions().stream().filter(LabelledQuestions.Question::offTopic).count();
        assertThat(questions.questions()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(offTopic).isGreaterThanOrEqualTo(10);
    }

    @Test
    void searchMeetsItsQualityTargetsAndBeatsTheBaseline() {
        try (ArticleIndex index = ArticleIndex.build(content)) {
            Evaluation ours = Evaluation.of(questions,
                    q -> index.search(q, 3).stream().map(SearchResult::id).toList());
            BaselineSearch baseline = new BaselineSearch(content);
            Evaluation plain = Evaluation.of(questions, q -> baseline.search(q, 3));

            System.out.println("| search | hit@1 | hit@3 | MRR | off-topic precision |");
            System.out.println("|---|---|---|---|---|");
            System.out.println(ours.row("Alliance Bot (passages, synonyms, typos, floor)"));
            System.out.println(plain.row("baseline (StandardAnalyzer BM25, whole articles)"));
            System.out.println("questions: " + ours.onTopic() + " on-topic, " + ours.offTopic() + " off-topic");
            ours.misses().forEach(m -> System.out.println("  miss: " + m));

            LabelledQuestions heldOut = LabelledQuestions.heldOut();
            Evaluation oursHeldOut = Evaluation.of(heldOut,
                    q -> index.search(q, 3).stream().map(SearchResult::id).toList());
            Evaluation plainHeldOut = Evaluation.of(heldOut, q -> baseline.search(q, 3));
            System.out.println("held-out set (" + oursHeldOut.onTopic() + " on-topic, " + oursHeldOut.offTopic()
                    + " off-topic):");
            System.out.println(oursHeldOut.row("Alliance Bot"));
            System.out.println(plainHeldOut.row("baseline"));
            oursHeldOut.misses().forEach(m -> System.out.println("  held-out miss: " + m));

            assertThat(ours.hitAt3()).as("hit@3").isGreaterThanOrEqualTo(0.90);
            assertThat(ours.mrr()).as("MRR").isGreaterThanOrEqualTo(0.75);
            assertThat(ours.offTopicPrecision()).as("off-topic precision").isGreaterThanOrEqualTo(0.9);
            assertThat(ours.mrr()).as("MRR above the baseline").isGreaterThan(plain.mrr());
        }
    }
}
