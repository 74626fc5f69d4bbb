package org.alliancebot.conversation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.alliancebot.content.ContentFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the content folder and, once files have stopped changing for a moment, asks the holder to reload.
 * Editors save several files in a row, and editors' tools write files in several steps; the quiet period turns
 * a burst of changes into one reload.
 */
public final class ContentWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ContentWatcher.class);

    private final SnapshotHolder holder;
    private final Duration quiet;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean running = true;

    public ContentWatcher(SnapshotHolder holder, Duration quiet) {
        this.holder = holder;
        this.quiet = quiet;
        try {
            this.watcher = FileSystems.getDefault().newWatchService();
            registerAll(holder.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + holder.dir(), e);
        }
        this.thread = Thread.ofPlatform().daemon().name("content-watcher").start(this::run);
    }

    /** Watches every folder of the content, through links as the loader reads it. */
    private void registerAll(Path root) throws IOException {
        for (Path dir : ContentFolder.folders(root)) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        }
    }

    private void run() {
        while (running) {
            try {
                WatchKey key = watcher.take();
                drain(key);
                // Keep collecting until the folder has been quiet for a moment, then reload once.
                WatchKey more;
                while ((more = watcher.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                registerAll(holder.dir());
                holder.reload();
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException | IOException e) {
                // A folder deleted mid-walk, a file half written: the next change tries again.
                log.warn("Reloading content failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private static void drain(WatchKey key) {
        for (WatchEvent<?> ignored : key.pollEvents()) {
            // Which file changed does not matter: the whole folder is loaded and checked as one.
        }
        key.reset();
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watch service failed", e);
        }
        thread.interrupt();
    }
}
