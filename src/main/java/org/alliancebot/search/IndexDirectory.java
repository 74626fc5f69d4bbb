package org.alliancebot.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.MMapDirectory;

/**
 * Where an index lives: memory-mapped files in a private temporary folder, deleted when the index closes. Lucene
 * reads memory-mapped files about a third faster than its heap directory (measured: docs/benchmarks.md). Where
 * no temporary folder can be made, the index falls back to the heap, slower but just as correct.
 */
final class IndexDirectory implements AutoCloseable {

    /** Folders of indexes not yet closed, removed at exit too, so an index nobody closed leaves nothing behind. */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(IndexDirectory::deleteQuietly),
                "index-folder-cleanup"));
    }

    private final Directory directory;
    /** The folder deleted when the index closes; null for the heap and for a saved index, which stays. */
    private final Path folder;

    private IndexDirectory(Directory directory, Path folder) {
        this.directory = directory;
        this.folder = folder;
    }

    static IndexDirectory create() {
        try {
            Path folder = Files.createTempDirectory("alliance-index-");
            OPEN.add(folder);
            return new IndexDirectory(new Unsynced(new MMapDirectory(folder)), folder);
        } catch (IOException | UnsupportedOperationException e) {
            return new IndexDirectory(new ByteBuffersDirectory(), null);
        }
    }

    /** An index already written in a folder of this run's own, deleted when the index closes. */
    static IndexDirectory owned(Path folder) throws IOException {
        OPEN.add(folder);
        return new IndexDirectory(new MMapDirectory(folder), folder);
    }

    /** An index written to its temporary folder, as {@link #create()} makes one. */
    static IndexDirectory written(Writing writing) {
        IndexDirectory directory = create();
        try {
            writing.writeTo(directory.directory());
            return directory;
        } catch (IOException e) {
            directory.close();
            throw new UncheckedIOException("cannot build the index", e);
        } catch (RuntimeException | Error e) {
            directory.close();
            throw e;
        }
    }

    /**
     * A saved index's folder ({@link SavedIndexes}), read where it is and left in place when the index closes.
     * Written once, by a process that synced it before publishing it, and never changed after.
     */
    static IndexDirectory saved(Path folder) throws IOException {
        return new IndexDirectory(new MMapDirectory(folder), null);
    }

    /** What writes an index's files into a directory, committing them. */
    @FunctionalInterface
    interface Writing {
        void writeTo(Directory directory) throws IOException;
    }

    Directory directory() {
        return directory;
    }

    /**
     * Files that are never flushed to the disk: the index is rebuilt from the content at every start and deleted
     * when it closes, so a crash loses nothing, and Lucene's sync at commit (an fsync per file) is work for
     * nothing: about 8 ms of the shipped content's 50 ms commit in the quick commands (2026-11-30).
     */
    private static final class Unsynced extends FilterDirectory {
        Unsynced(Directory in) {
            super(in);
        }

        @Override
        public void sync(Collection<String> names) {
        }

        @Override
        public void syncMetaData() {
        }
    }

    @Override
    public void close() {
        try {
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the index in " + folder, e);
        } finally {
            if (folder != null) {
                OPEN.remove(folder);
                deleteQuietly(folder);
            }
        }
    }

    static void deleteQuietly(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the operating system clears it in time.
        }
    }
}
