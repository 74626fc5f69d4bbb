package org.alliancebot.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The real model, in this process, with nothing downloaded. */
class MiniLmEmbedderTest {

    final Embeddings model = TestEmbeddings.miniLm();

    @Test
    void anEmbedderForWhenFirstNeededLoadsNothingUntilItEmbeds() {
        MiniLmEmbedder lazy = MiniLmEmbedder.whenFirstNeeded();

        Embeddings.inMemory(lazy).ofContent(java.util.List.of());

        assertThat(lazy.loadStarted()).isFalse();
    }

    @Test
    void waitingForALoadThatNeverStartedReturnsAtOnce() {
        MiniLmEmbedder lazy = MiniLmEmbedder.whenFirstNeeded();

        lazy.awaitLoad();

        assertThat(lazy.loadStarted()).isFalse();
    }

    @Test
    void vectorsAreUnitLengthWithTheModelsDimensions() {
        float[] vector = model.ofTyped("is my therapist a good fit for me");

        assertThat(vector).hasSize(384);
        assertThat(Math.sqrt(Vectors.dot(vector, vector))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void sentencesThatMeanTheSameAreCloserThanSentencesThatShareWords() {
        float[] crush = model.ofTyped("i think i have a crush on my therapist");
        float[] attracted = model.ofTyped("i am attracted to my counsellor");
        float[] sharesWords = model.ofTyped("my therapist has a crush on the new receptionist, said my friend");

        assertThat(Vectors.dot(crush, attracted)).isGreaterThan(0.4f);
        assertThat(Vectors.dot(crush, attracted)).isGreaterThan(Vectors.dot(attracted, sharesWords));
    }

    @Test
    void textWithoutLettersOrDigitsStillGetsAVector() {
        assertThat(model.ofTyped("  \u00a0 ?! ")).hasSize(384);
        assertThat(model.ofTyped("🙂🙂")).hasSize(384);
    }

    @Test
    void veryLongTextIsReadFromItsStart() {
        assertThat(model.ofTyped("word ".repeat(5_000))).hasSize(384);
    }
}
