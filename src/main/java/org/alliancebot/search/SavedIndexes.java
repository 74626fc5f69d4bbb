package org.alliancebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.alliancebot.content.Build;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search indexes kept on disk, one for each content version, model and build of the bot, so that a command run
 * again on content it has indexed before (no served file changed since) opens the index instead of building it.
 * Editors run {@code test} and {@code search} again and again, and building the shipped content's index was a fifth
 * of what {@code test} took (docs/benchmarks.md).
 *
 * <p>An index is written in a folder of its own, synced, and only then renamed to its key, so a folder under its
 * key is whole. One that still fails to open is deleted and built again. The few used last are kept; the rest are
 * deleted when a new one is saved. Without a build identity (run from an IDE's classes) nothing is saved, since a
 * change to the code that builds indexes would not change the key.
 */
public final class SavedIndexes {

    private static final Logger log = LoggerFactory.getLogger(SavedIndexes.class);

    /** Bumped when what is indexed changes in a way a build identity would not show. */
    private static final String FORMAT = "article-index-2";
    /** How many saved indexes are kept: the content being edited, and a few versions to go back to. */
    static final int KEPT = 4;
    private static final String BUILDING = ".building-";
    /** A folder still being written after this long was left by a process that died. */
    private static final Duration ABANDONED = Duration.ofHours(1);

    private static final SavedIndexes NONE = new SavedIndexes(null, "");

    private final Path dir;
    private final String build;

    private SavedIndexes(Path dir, String build) {
        this.dir = dir;
        this.build = build;
    }

    /** Nothing saved: every index is built in a temporary folder and deleted when it closes. */
    public static SavedIndexes none() {
        return NONE;
    }

    /** Indexes saved in {@code dir} for this build of the bot; none at all when the build cannot be named. */
    public static SavedIndexes in(Path dir) {
        return Build.identity().map(build -> in(dir, build)).orElse(NONE);
    }

    /** Indexes saved in {@code dir} under the given build identity (tests name their own). */
    static SavedIndexes in(Path dir, String build) {
        return new SavedIndexes(dir, build);
    }

    boolean saves() {
        return dir != null;
    }

    /** The key an index is saved under: everything the index's files depend on. */
    String key(String contentVersion, String model) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(FORMAT, Version.LATEST.toString(), build, contentVersion, model)) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The index saved under this key, if there is one. */
    Optional<IndexDirectory> find(String key) {
        if (!saves()) {
            return Optional.empty();
        }
        Path folder = dir.resolve(key);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try {
            // Marks it used, so that it is among the last deleted.
            Files.setLastModifiedTime(folder, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // A read-only folder: the index can still be read.
        }
        try {
            return Optional.of(IndexDirectory.saved(folder));
        } catch (IOException e) {
            discard(key, e);
            return Optional.empty();
        }
    }

    /** Deletes a saved index that could not be opened, so that it is built again. */
    void discard(String key, Exception cause) {
        log.warn("The saved search index {} could not be opened ({}); building it again", key, cause.toString());
        IndexDirectory.deleteQuietly(dir.resolve(key));
    }

    /**
     * Writes an index with {@code writing} and saves it under the key; returns it opened from where it was saved.
     * When it cannot be saved (a full or read-only disk), it is written to a temporary folder as if nothing were
     * saved, and a warning says why.
     */
    IndexDirectory write(String key, IndexDirectory.Writing writing) {
        if (!saves()) {
            return IndexDirectory.written(writing);
        }
        Path building = null;
        try {
            Files.createDirectories(dir);
            building = Files.createTempDirectory(dir, key + BUILDING);
            readableByAll(building);
            try (Directory directory = new MMapDirectory(building)) {
                // Lucene's commit syncs every file and the folder, so the rename below publishes a whole index.
                writing.writeTo(directory);
            }
            Path folder = dir.resolve(key);
            try {
                Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                if (!Files.isDirectory(folder)) {
                    throw e;
                }
                // The folder exists: another process saved the same index first (Linux says "Directory not
                // empty"), or one this process cannot open or delete is in the way. This run uses the copy it
                // has just written, deleted when it closes, and leaves that folder alone.
                IndexDirectory own = IndexDirectory.owned(building);
                building = null;
                return own;
            }
            building = null;
            prune(folder);
            return IndexDirectory.saved(folder);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not save the search index in {} ({}); building it in a temporary folder", dir,
                    e.toString());
            return IndexDirectory.written(writing);
        } finally {
            if (building != null) {
                IndexDirectory.deleteQuietly(building);
            }
        }
    }

    /**
     * A temporary folder is made readable by its owner alone; a saved index is read by whoever runs a command in
     * the folder (the bot's user, an editor), as the files Lucene writes in it are.
     */
    private static void readableByAll(Path folder) {
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: its own defaults apply.
        }
    }

    /**
     * Keeps the one just saved and the others used last, and deletes folders left half-written by a process that
     * died.
     */
    private void prune(Path saved) throws IOException {
        Instant abandoned = Instant.now().minus(ABANDONED);
        List<Path> folders;
        try (Stream<Path> listed = Files.list(dir)) {
            folders = listed.filter(Files::isDirectory).toList();
        }
        folders.stream().filter(folder -> !folder.getFileName().toString().contains(BUILDING))
                .filter(folder -> !folder.equals(saved))
                .sorted(Comparator.comparing(SavedIndexes::lastModified).reversed())
                .skip(KEPT - 1)
                .forEach(IndexDirectory::deleteQuietly);
        folders.stream().filter(folder -> folder.getFileName().toString().contains(BUILDING))
                .filter(folder -> lastModified(folder).toInstant().isBefore(abandoned))
                .forEach(IndexDirectory::deleteQuietly);
    }

    private static FileTime lastModified(Path folder) {
        try {
            return Files.getLastModifiedTime(folder);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Override
    public String toString() {
        return saves() ? "SavedIndexes[" + dir + "]" : "SavedIndexes[none]";
    }
}
