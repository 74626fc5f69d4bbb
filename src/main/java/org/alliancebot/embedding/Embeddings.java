package org.alliancebot.embedding;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors for the two kinds of text the bot reads, kept apart on purpose. What a person typed is embedded for the
 * moment it is needed and never kept. Content (passages, trees, safety examples) is embedded once and cached, in
 * memory and optionally in a file, keyed by a hash of the model and the text: a restart or a reload embeds only
 * what changed.
 */
public final class Embeddings {

    private static final Logger log = LoggerFactory.getLogger(Embeddings.class);
    private static final int MAGIC = 0x41425631; // "ABV1"
    private static final int KEY_BYTES = 32;
    private static final int HEADER_BYTES = 8;

    private final Embedder embedder;
    private final Store store;
    /** True only for {@link #forTranscripts()}: the "typed" text is an editor's, so it is content. */
    private final boolean typedIsContent;

    private Embeddings(Embedder embedder, Store store, boolean typedIsContent) {
        this.embedder = embedder;
        this.store = store;
        this.typedIsContent = typedIsContent;
    }

    private Embeddings(Embedder embedder, Optional<Path> file) {
        this(embedder, new Store(file, embedder.model()), false);
        file.ifPresent(f -> {
            if (!read(f)) {
                rewrite(f);
            }
        });
    }

    /** Content vectors kept in memory only (tests, one-off commands on a read-only folder). */
    public static Embeddings inMemory(Embedder embedder) {
        return new Embeddings(embedder, Optional.empty());
    }

    /** Content vectors also kept in a file in {@code dir}, one file per model, created when first needed. */
    public static Embeddings cachedIn(Embedder embedder, Path dir) {
        String name = "vectors-" + hex(sha256(embedder.model())).substring(0, 12) + ".bin";
        return new Embeddings(embedder, Optional.of(dir.resolve(name)));
    }

    /**
     * The same vectors, for playing editors' sample conversations (the transcripts in {@code tests/}): what a
     * transcript types was written by an editor and ships with the content, so here {@link #ofTyped} is cached
     * like content, and a second run needs no model at all. Never for what real people type.
     */
    public Embeddings forTranscripts() {
        return new Embeddings(embedder, store, true);
    }

    public String model() {
        return embedder.model();
    }

    public int dimensions() {
        return embedder.dimensions();
    }

    /**
     * The vector of something a person typed: computed now, held by no one but the caller. (For a transcript's
     * lines, see {@link #forTranscripts()}.)
     */
    public float[] ofTyped(String text) {
        return typedIsContent ? ofContent(List.of(text)).getFirst() : embedder.embed(text);
    }

    /** The vectors of content texts, in order: from the cache where it has them, embedded (and cached) if not. */
    public List<float[]> ofContent(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        Map<Key, float[]> fresh = new LinkedHashMap<>();
        for (String text : texts) {
            Key key = key(text);
            float[] vector = store.cache.get(key);
            if (vector == null) {
                vector = fresh.get(key);
            }
            if (vector == null) {
                vector = embedder.embed(text);
                fresh.put(key, vector);
            }
            vectors.add(vector);
        }
        if (!fresh.isEmpty()) {
            store.cache.putAll(fresh);
            store.embeddedContent.addAndGet(fresh.size());
            store.file.ifPresent(f -> append(f, fresh));
        }
        return vectors;
    }

    /** How many content texts this process has had to embed (the rest came from the cache). */
    public int embeddedContent() {
        return store.embeddedContent.get();
    }

    private Key key(String text) {
        MessageDigest digest = modelDigest();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        return Key.read(ByteBuffer.wrap(digest.digest()));
    }

    /** A digest that has taken in the model's name: copied for each text rather than made and fed anew. */
    private MessageDigest modelDigest() {
        try {
            return (MessageDigest) store.modelDigest.clone();
        } catch (CloneNotSupportedException e) {
            return modelDigest(embedder.model());
        }
    }

    /** A new digest fed the model's name and a zero byte, so that no model's text can pass for another model's. */
    private static MessageDigest modelDigest(String model) {
        byte[] name = model.getBytes(StandardCharsets.UTF_8);
        MessageDigest digest = digest();
        digest.update(Arrays.copyOf(name, name.length + 1));
        return digest;
    }

    /**
     * Reads what the file holds. Returns false when the file must be written again: cut short by a crash (its
     * whole entries are kept), holding an entry that is not a unit vector (two writers interleaved, or damage), or
     * written for another model. Either way nothing is lost that cannot be remade.
     */
    private boolean read(Path path) {
        if (!Files.isRegularFile(path)) {
            return true;
        }
        int dimensions = embedder.dimensions();
        long entryBytes = KEY_BYTES + 4L * dimensions;
        try {
            // Read whole and decoded in bulk, which at start-up takes two thirds of the time a float at a time did.
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(path));
            long size = in.remaining();
            if (size < HEADER_BYTES || in.getInt() != MAGIC || in.getInt() != dimensions) {
                log.warn("Ignoring the vector cache {}: written for another model or version", path);
                return false;
            }
            long whole = (size - HEADER_BYTES) / entryBytes;
            boolean sound = (size - HEADER_BYTES) % entryBytes == 0;
            for (long n = 0; n < whole; n++) {
                Key key = Key.read(in);
                float[] vector = new float[dimensions];
                in.asFloatBuffer().get(vector);
                in.position(in.position() + 4 * dimensions);
                float squares = Vectors.dot(vector, vector);
                if (squares != 0 && Math.abs(squares - 1) > 1e-3) {
                    sound = false;
                    continue;
                }
                store.cache.put(key, vector);
            }
            if (!sound) {
                log.warn("The vector cache {} holds a damaged or partial entry; it will be written again", path);
            }
            return sound;
        } catch (IOException e) {
            log.warn("Cannot read the vector cache {}: {}", path, e.toString());
            return false;
        }
    }

    /** Writes the file anew from what is in memory, replacing the old one in one step. */
    private void rewrite(Path path) {
        synchronized (store) {
            rewriteLocked(path);
        }
    }

    private void rewriteLocked(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path fresh = Files.createTempFile(parent, path.getFileName().toString(), ".new");
            Files.write(fresh, encode(Map.copyOf(store.cache), true));
            Files.move(fresh, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot replace the vector cache {}: {}", path, e.toString());
        }
    }

    /**
     * Adds entries to the end of the file in one write, under a file lock: the bot and a command run in its folder
     * may add at the same time. Failing to write only costs time at the next start.
     */
    private void append(Path path, Map<Key, float[]> entries) {
        synchronized (store) {
            appendLocked(path, entries);
        }
    }

    private void appendLocked(Path path, Map<Key, float[]> entries) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND); FileLock lock = channel.lock()) {
                ByteBuffer bytes = ByteBuffer.wrap(encode(entries, channel.size() == 0));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        } catch (IOException | OverlappingFileLockException e) {
            log.warn("Cannot write the vector cache {}: {}", path, e.toString());
        }
    }

    private byte[] encode(Map<Key, float[]> entries, boolean withHeader) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (withHeader) {
                out.writeInt(MAGIC);
                out.writeInt(embedder.dimensions());
            }
            for (Map.Entry<Key, float[]> entry : entries.entrySet()) {
                entry.getKey().writeTo(out);
                for (float x : entry.getValue()) {
                    out.writeFloat(x);
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * A text's SHA-256 (with the model's name), as the four longs of its 32 bytes in order: cheaper to make, compare
     * and hash than its hex, and written to the file as the same 32 bytes.
     */
    private record Key(long first, long second, long third, long fourth) {
        static Key read(ByteBuffer in) {
            return new Key(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }

        void writeTo(DataOutputStream out) throws IOException {
            out.writeLong(first);
            out.writeLong(second);
            out.writeLong(third);
            out.writeLong(fourth);
        }
    }

    /** What an instance and its {@link #forTranscripts()} view share; writes to the file hold its lock. */
    private static final class Store {
        final Optional<Path> file;
        final Map<Key, float[]> cache = new ConcurrentHashMap<>();
        final AtomicInteger embeddedContent = new AtomicInteger();
        /** Fed the model's name once, then only ever copied, so that threads may share it. */
        final MessageDigest modelDigest;

        Store(Optional<Path> file, String model) {
            this.file = file;
            this.modelDigest = modelDigest(model);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(String text) {
        return digest().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
