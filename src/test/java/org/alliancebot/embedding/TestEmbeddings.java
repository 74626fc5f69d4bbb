package org.alliancebot.embedding;

/** Embeddings for tests: the real model, loaded once per test JVM and shared, with content vectors in memory. */
public final class TestEmbeddings {

    private static volatile Embeddings miniLm;

    private TestEmbeddings() {
    }

    /** The real model, as the bot runs it. */
    public static Embeddings miniLm() {
        Embeddings shared = miniLm;
        if (shared == null) {
            synchronized (TestEmbeddings.class) {
                shared = miniLm;
                if (shared == null) {
                    shared = Embeddings.inMemory(new MiniLmEmbedder());
                    miniLm = shared;
                }
            }
        }
        return shared;
    }

    /** A fast stand-in that understands nothing but shared words. */
    public static Embeddings fake() {
        return Embeddings.inMemory(new FakeEmbedder());
    }
}
