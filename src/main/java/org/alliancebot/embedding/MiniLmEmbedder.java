package org.alliancebot.embedding;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * all-MiniLM-L6-v2, quantised, on ONNX Runtime in this process: the model and its tokenizer come inside the jar,
 * nothing is downloaded, and a short message takes a few milliseconds on one CPU core.
 */
public final class MiniLmEmbedder implements Embedder {

    /** Changes whenever the model or the way text is prepared for it changes, so cached vectors are not reused. */
    public static final String MODEL = "all-minilm-l6-v2-q/langchain4j-1.19.0-beta29";

    /**
     * Longer text is cut here: the library splits long text into parts and averages them, so the cost grows with
     * length, and a passage or message is about its start.
     */
    static final int MAX_CHARS = 1_500;

    /**
     * Loading the model takes about half a second. The bot starts it when this embedder is made, on a thread of
     * its own, so that it overlaps with whatever comes next (reading and checking the content) instead of adding
     * to it; {@link #whenFirstNeeded()} waits until a text has to be embedded, which may be never.
     */
    private CompletableFuture<AllMiniLmL6V2QuantizedEmbeddingModel> model;

    /** Starts loading the model now, in the background. */
    public MiniLmEmbedder() {
        startLoading();
    }

    private MiniLmEmbedder(boolean loadNow) {
        if (loadNow) {
            startLoading();
        }
    }

    /**
     * An embedder that loads the model only when it first embeds a text: for work that usually finds every vector
     * in the cache, such as playing the transcripts a second time.
     */
    public static MiniLmEmbedder whenFirstNeeded() {
        return new MiniLmEmbedder(false);
    }

    /** Starts loading the model in the background, unless it has started already. */
    private synchronized void startLoading() {
        if (model == null) {
            model = CompletableFuture.supplyAsync(AllMiniLmL6V2QuantizedEmbeddingModel::new,
                    task -> Thread.ofPlatform().name("load-embedding-model").daemon().start(task));
        }
    }

    /**
     * Waits until a load that has started is over, loaded or failed; returns at once if none has. ONNX Runtime
     * must not be mid-way through creating its session when the JVM exits: its own exit hook frees what the
     * session is being made from, and the JVM crashes (SIGSEGV, exit code 134). A command that needed no model
     * after all (a phrase rule caught the text) calls this before it exits.
     */
    public void awaitLoad() {
        CompletableFuture<AllMiniLmL6V2QuantizedEmbeddingModel> loading;
        synchronized (this) {
            loading = model;
        }
        if (loading != null) {
            loading.exceptionally(failed -> null).join();
        }
    }

    /** Whether loading has started (or finished). */
    synchronized boolean loadStarted() {
        return model != null;
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel loaded() {
        CompletableFuture<AllMiniLmL6V2QuantizedEmbeddingModel> loading;
        synchronized (this) {
            startLoading();
            loading = model;
        }
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("the embedding model could not be loaded", e.getCause());
        }
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public float[] embed(String text) {
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        // The library refuses text it trims to nothing; such text means nothing, and "." stands for it.
        String meaningful = bounded.codePoints().anyMatch(Character::isLetterOrDigit) ? bounded : ".";
        // The model returns unit vectors already; normalising again guards the dot-product contract.
        return Vectors.normalised(loaded().embed(meaningful).content().vector());
    }
}
