package org.alliancebot.embedding;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the model in tests: each word is hashed to a dimension, so texts are as similar as the words
 * they share. Deterministic, instant, and counts its calls.
 */
public final class FakeEmbedder implements Embedder {

    static final int DIMENSIONS = 1024;

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String model() {
        return "fake-bag-of-words";
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        calls.incrementAndGet();
        float[] vector = new float[DIMENSIONS];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), DIMENSIONS)] += 1;
            }
        }
        return Vectors.normalised(vector);
    }

    public int calls() {
        return calls.get();
    }
}
