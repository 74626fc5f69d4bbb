package org.alliancebot.content;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content files already found to pass their JSON Schema, remembered in a file by a hash of everything the answer
 * rests on: the build, the schema's text and the file's YAML. A command run again on files that have not changed
 * then skips the schema validator, whose loading and checks were a twentieth of every quick command's time, and
 * editors run those again and again. A file with problems is never remembered, so its problems are found and
 * reported every time; a file edited has a new hash and is checked again.
 *
 * <p>The file holds 32-byte hashes one after another and is only ever appended to. One whose length is not a whole
 * number of hashes (a write cut short) is written again from what this run used, as is one grown past {@link
 * #MAX_ENTRIES}.
 */
public final class PassedSchemas {

    private static final Logger log = LoggerFactory.getLogger(PassedSchemas.class);

    static final int MAX_ENTRIES = 20_000;
    private static final int KEY_BYTES = 32;
    private static final PassedSchemas NONE = new PassedSchemas(null, "");

    private final Path file;
    private final String build;
    private final Set<Key> known = ConcurrentHashMap.newKeySet();
    /** Hashes this run found or added: all that is kept when the file is written again. */
    private final Set<Key> used = ConcurrentHashMap.newKeySet();
    private final List<Key> unsaved = new ArrayList<>();
    private boolean rewrite;

    private PassedSchemas(Path file, String build) {
        this.file = file;
        this.build = build;
    }

    /** Nothing remembered: every file is checked against its schema every time (the bot, tests). */
    public static PassedSchemas none() {
        return NONE;
    }

    /** Remembered in {@code file} for this build; nothing at all when the build cannot be named. */
    public static PassedSchemas in(Path file) {
        return Build.identity().map(build -> in(file, build)).orElse(NONE);
    }

    static PassedSchemas in(Path file, String build) {
        PassedSchemas passed = new PassedSchemas(file, build);
        passed.read();
        return passed;
    }

    private boolean remembers() {
        return file != null;
    }

    /** The hash a file's check is remembered by. */
    Key key(byte[] schema, String yaml) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(build.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(schema);
            digest.update((byte) 0);
            digest.update(yaml.getBytes(StandardCharsets.UTF_8));
            return Key.read(ByteBuffer.wrap(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether a file with this hash passed before. */
    boolean passed(Key key) {
        if (remembers() && known.contains(key)) {
            used.add(key);
            return true;
        }
        return false;
    }

    /** Remembers that a file with this hash passed, to be written by {@link #save()}. */
    synchronized void remember(Key key) {
        if (!remembers()) {
            return;
        }
        used.add(key);
        if (known.add(key)) {
            unsaved.add(key);
        }
    }

    /**
     * Writes what this run learnt. Failing to write (a read-only folder, a full disk) costs only time, at the next
     * run, so it is noted and nothing more.
     */
    public synchronized void save() {
        if (!remembers() || (unsaved.isEmpty() && !rewrite)) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (rewrite || known.size() > MAX_ENTRIES) {
                Path fresh = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(),
                        ".new");
                Files.write(fresh, encode(used));
                Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                rewrite = false;
            } else {
                // One write at the end of the file: the bot and a command in its folder may add at the same time.
                Files.write(file, encode(unsaved), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            unsaved.clear();
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not write {}: {}", file, e.toString());
        }
    }

    private void read() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            rewrite = in.remaining() % KEY_BYTES != 0 || in.remaining() / KEY_BYTES > MAX_ENTRIES;
            while (in.remaining() >= KEY_BYTES) {
                known.add(Key.read(in));
            }
        } catch (IOException e) {
            rewrite = true;
        }
    }

    private static byte[] encode(Collection<Key> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(keys.size() * KEY_BYTES);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Key key : keys) {
                out.writeLong(key.first());
                out.writeLong(key.second());
                out.writeLong(key.third());
                out.writeLong(key.fourth());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A SHA-256 as the four longs of its 32 bytes, in order. */
    record Key(long first, long second, long third, long fourth) {
        static Key read(ByteBuffer in) {
            return new Key(in.getLong(), in.getLong(), in.getLong(), in.getLong());
        }
    }
}
