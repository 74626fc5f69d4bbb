package org.alliancebot.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The labelled questions in {@code src/test/resources/search/questions.yaml}: editors add to it as they find gaps. */
record LabelledQuestions(List<Question> questions) {

    /** @param expect every id that is a right answer; empty when the question is off-topic */
    record Question(String q, List<String> expect) {
        boolean offTopic() {
            return expect.isEmpty();
        }
    }

    /** The tuning set: thresholds and weights were chosen on it. */
    static LabelledQuestions load() {
        return load("/search/questions.yaml");
    }

    /** Questions written without sight of the search code or the tuning set, and never tuned against. */
    static LabelledQuestions heldOut() {
        return load("/search/heldout.yaml");
    }

    /**
     * Held-out round 2: people's own words (feelings, situations, slang), written blind; measured once (blind),
     * then used to choose among designs, so no longer a blind measure.
     */
    static LabelledQuestions ownWords() {
        return load("/search/heldout-2.yaml");
    }

    /** Held-out round 3: people's own words, written blind after the meaning tier was tuned; never tuned against. */
    static LabelledQuestions ownWordsRound3() {
        return load("/search/heldout-3.yaml");
    }

    /** The same questions, each rewritten by {@code change}; off-topic ones are left out. */
    LabelledQuestions onTopic(java.util.function.UnaryOperator<String> change) {
        return new LabelledQuestions(questions.stream().filter(q -> !q.offTopic())
                .map(q -> new Question(change.apply(q.q()), q.expect())).toList());
    }

    private static LabelledQuestions load(String resource) {
        try (InputStream in = LabelledQuestions.class.getResourceAsStream(resource)) {
            List<Question> questions = YAMLMapper.builder().build().readValue(in, new TypeReference<>() { });
            return new LabelledQuestions(questions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
