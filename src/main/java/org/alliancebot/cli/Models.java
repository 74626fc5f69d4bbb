package org.alliancebot.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.MiniLmEmbedder;

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

    /** Cached in ./data where that can be written, else in memory only, as in a read-only folder. */
    static Embeddings embeddings() {
        boolean writable = Files.isDirectory(CACHE_DIR) ? Files.isWritable(CACHE_DIR)
                : Files.isWritable(Path.of("").toAbsolutePath());
        return writable ? Embeddings.cachedIn(new MiniLmEmbedder(), CACHE_DIR)
                : Embeddings.inMemory(new MiniLmEmbedder());
    }
}
