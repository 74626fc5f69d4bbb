package org.alliancebot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.PassedSchemas;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.MiniLmEmbedder;
import org.alliancebot.search.SavedIndexes;

/** The embedding model for commands that read meaning, with content vectors cached where the bot keeps them. */
final class Models {

    /** The bot's own default cache folder, so a command run in the bot's folder shares its vectors. */
    static final Path CACHE_DIR = Path.of("data");

    private Models() {
    }

    /** A similarity as tools want it: three decimals, not float noise. */
    static double rounded(float score) {
        return Math.round(score * 1000) / 1000.0;
    }

    /**
     * For commands that embed what is typed at the terminal (search, safety-check): the model starts loading at
     * once, alongside reading the content.
     */
    static Embeddings embeddings() {
        MiniLmEmbedder model = new MiniLmEmbedder();
        LOADING.add(model);
        return embeddings(model);
    }

    /** Models started at once, which must be loaded before the JVM exits ({@link MiniLmEmbedder#awaitLoad}). */
    private static final List<MiniLmEmbedder> LOADING = new CopyOnWriteArrayList<>();

    /** Waits for every model a command started loading: exiting mid-load can crash the JVM. */
    static void awaitLoads() {
        LOADING.forEach(MiniLmEmbedder::awaitLoad);
    }

    /**
     * For playing the transcripts: their lines are editors' content, cached like the rest, so the model is loaded
     * only when some text is not in the cache yet (the first run after an edit).
     */
    static Embeddings forTranscripts() {
        return embeddings(MiniLmEmbedder.whenFirstNeeded()).forTranscripts();
    }

    /**
     * Search indexes saved in ./data/indexes, one per content version, so that a command run again on content it
     * has indexed opens the index instead of building it; none where ./data cannot be written.
     */
    static SavedIndexes savedIndexes() {
        return cacheWritable() ? SavedIndexes.in(CACHE_DIR.resolve("indexes")) : SavedIndexes.none();
    }

    /**
     * Content files known to pass their schema, remembered in ./data so that a command run again skips checking
     * unchanged files against it; nothing remembered where ./data cannot be written.
     */
    static PassedSchemas passedSchemas() {
        return cacheWritable() ? PassedSchemas.in(CACHE_DIR.resolve("schemas-passed.bin")) : PassedSchemas.none();
    }

    /** Content as the quick commands load it: files known to pass their schema are not checked again. */
    static ContentLoader contentLoader(PassedSchemas passed) {
        return new ContentLoader(Clock.systemDefaultZone(), passed);
    }

    /** Cached in ./data where that can be written, else in memory only, as in a read-only folder. */
    private static Embeddings embeddings(MiniLmEmbedder model) {
        return cacheWritable() ? Embeddings.cachedIn(model, CACHE_DIR) : Embeddings.inMemory(model);
    }

    private static boolean cacheWritable() {
        return Files.isDirectory(CACHE_DIR) ? Files.isWritable(CACHE_DIR)
                : Files.isWritable(Path.of("").toAbsolutePath());
    }
}
