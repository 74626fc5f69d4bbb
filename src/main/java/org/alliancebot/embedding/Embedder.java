package org.alliancebot.embedding;

/**
 * Turns text into a sentence embedding: a unit-length vector whose dot product with another text's vector says how
 * close the two are in meaning. The engine asks only this, so tests can stand in a fake and the model can change.
 */
public interface Embedder {

    /** Names the model and its version; vectors from different models never mix (the cache keys on it). */
    String model();

    /** The length of every vector this embedder returns. */
    int dimensions();

    /** The text's vector, of unit length. Thread-safe. */
    float[] embed(String text);
}
