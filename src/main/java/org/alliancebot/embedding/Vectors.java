package org.alliancebot.embedding;

/** Arithmetic on embedding vectors. */
public final class Vectors {

    private Vectors() {
    }

    /** The dot product: for unit vectors, their cosine similarity, from -1 (opposite) to 1 (the same). */
    public static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " dimensions");
        }
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The vector scaled to unit length; a zero vector is returned as it is. */
    public static float[] normalised(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += x * x;
        }
        if (squares == 0) {
            return v;
        }
        float scale = (float) (1 / Math.sqrt(squares));
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = v[i] * scale;
        }
        return unit;
    }
}
