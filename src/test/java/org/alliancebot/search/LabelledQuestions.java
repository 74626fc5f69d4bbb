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

    private static LabelledQuestions load(String resource) {
        try (InputStream in = LabelledQuestions.class.getResourceAsStream(resource)) {
            List<Question> questions = YAMLMapper.builder().build().readValue(in, new TypeReference<>() { });
            return new LabelledQuestions(questions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
