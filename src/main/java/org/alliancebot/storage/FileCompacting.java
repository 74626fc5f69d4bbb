package org.alliancebot.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link H2FileCompaction}'s steps, five times a second in production, about as much as H2's own background
 * writer would, were it not stopped by {@code WRITE_DELAY=0}. On a thread of its own, so that neither a long
 * retention delete nor a busy pool on Spring's one scheduler thread holds it up. A failure is logged once, not at
 * every step, until a step succeeds again. The bot's wiring and the load harness both run it.
 */
public final class FileCompacting implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileCompacting.class);

    private final H2FileCompaction compaction;
    private final ScheduledExecutorService thread;
    private volatile boolean failing;

    /** @param every the pause between steps; null for none at all (not an H2 file) */
    public FileCompacting(H2FileCompaction compaction, Duration every) {
        this.compaction = compaction;
        this.thread = every == null ? null : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("h2-compaction").daemon().factory());
        if (thread != null) {
            thread.scheduleWithFixedDelay(this::step, 1000, every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One step now, on the caller's thread; never throws. */
    public void step() {
        try {
            compaction.step();
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                log.warn("Compacting the database file failed ({}: {}); trying again at every step",
                        e.getClass().getSimpleName(), e.getMessage());
            }
            failing = true;
        }
    }

    public boolean enabled() {
        return thread != null;
    }

    /** Lets a running step finish: interrupted in the middle of a write, H2 would close the file. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdown();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
