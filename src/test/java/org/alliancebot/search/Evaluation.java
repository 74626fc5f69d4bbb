package org.alliancebot.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Scores a search function on labelled questions: hit@1, hit@3 and MRR over on-topic questions, and the share
 * of off-topic questions that correctly get nothing.
 */
record Evaluation(int onTopic, int offTopic, double hitAt1, double hitAt3, double mrr, double offTopicPrecision,
                  List<String> misses) {

    static Evaluation of(LabelledQuestions set, Function<String, List<String>> search) {
        int on = 0;
        int off = 0;
        int hit1 = 0;
        int hit3 = 0;
        double reciprocal = 0;
        int offCorrect = 0;
        List<String> misses = new ArrayList<>();
        for (LabelledQuestions.Question question : set.questions()) {
            List<String> ids = search.apply(question.q());
            if (question.offTopic()) {
                off++;
                if (ids.isEmpty()) {
                    offCorrect++;
                } else {
                    misses.add("off-topic \"" + question.q() + "\" got " + ids);
                }
                continue;
            }
            on++;
            int rank = 0;
            for (int i = 0; i < ids.size(); i++) {
                if (question.expect().contains(ids.get(i))) {
                    rank = i + 1;
                    break;
                }
            }
            if (rank == 1) {
                hit1++;
            }
            if (rank >= 1 && rank <= 3) {
                hit3++;
            } else {
                misses.add("\"" + question.q() + "\" expected " + question.expect() + " got " + ids);
            }
            if (rank > 0) {
                reciprocal += 1.0 / rank;
            }
        }
        return new Evaluation(on, off, (double) hit1 / on, (double) hit3 / on, reciprocal / on,
                off == 0 ? 1.0 : (double) offCorrect / off, List.copyOf(misses));
    }

    String row(String name) {
        return "| %s | %.3f | %.3f | %.3f | %.3f |".formatted(name, hitAt1, hitAt3, mrr, offTopicPrecision);
    }
}
