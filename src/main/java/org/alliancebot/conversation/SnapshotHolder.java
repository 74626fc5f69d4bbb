package org.alliancebot.conversation;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.Problem;
import org.alliancebot.embedding.Embeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot being served, swapped whole when content is reloaded: a request reads it once and uses that
 * snapshot to its end, so it sees the old content or the new, never a mix. Invalid content is never swapped in;
 * the last good version keeps serving and the failure is kept for anyone who asks.
 */
public final class SnapshotHolder implements Supplier<Snapshot>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnapshotHolder.class);

    /** An index replaced by a reload is closed after this, when searches that began on it have long finished. */
    static final Duration RETIRE_AFTER = Duration.ofSeconds(30);

    /** What is served now, and what happened at the last attempt to change it. */
    public record Status(String version, Instant loadedAt, long generation, Optional<Failure> lastFailure) {
    }

    /**
     * A reload that was refused, with every problem that caused it; {@code version} names the refused files as
     * a content version would, so the same broken state can be told from a new one.
     */
    public record Failure(Instant at, List<Problem> problems, String version) {
    }

    /** What a reload did: swapped new content in, found nothing to change, or refused the folder's content. */
    public enum Outcome { APPLIED, UNCHANGED, REFUSED }

    /** Told after each reload, on the reloading thread, with the status it left; must be quick and not throw. */
    @FunctionalInterface
    public interface ReloadListener {
        void reloaded(Outcome outcome, Status status);
    }

    private final Path dir;
    private final ContentLoader loader;
    private final Clock clock;
    private final Embeddings embeddings;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<Status> status = new AtomicReference<>();
    private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService retirement = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retire-old-index");
        thread.setDaemon(true);
        return thread;
    });

    /** Loads the folder once; invalid content at start-up throws with every problem, as the app must not start. */
    public SnapshotHolder(Path dir, ContentLoader loader, Clock clock, Embeddings embeddings) {
        this.dir = dir;
        this.loader = loader;
        this.clock = clock;
        this.embeddings = embeddings;
        Snapshot.Loaded loaded = Snapshot.load(loader, dir, embeddings);
        loaded.problems().stream().filter(p -> !p.isError()).forEach(p -> log.warn("{}", p));
        Snapshot first = loaded.orThrow();
        current.set(first);
        status.set(new Status(first.content().version(), clock.instant(), 1, Optional.empty()));
    }

    @Override
    public Snapshot get() {
        return current.get();
    }

    public Status status() {
        return status.get();
    }

    public Path dir() {
        return dir;
    }

    public void onReload(ReloadListener listener) {
        listeners.add(listener);
    }

    /**
     * Loads the folder again and, if it is valid, swaps it in. Returns whether the content now served is the
     * folder's current state (true also when nothing changed).
     */
    public synchronized boolean reload() {
        long started = System.nanoTime();
        Snapshot.Loaded loaded = Snapshot.load(loader, dir, embeddings);
        Status before = status.get();
        if (loaded.hasErrors()) {
            log.warn("Content change refused, still serving {}: {} problem(s)\n{}", before.version(),
                    loaded.problems().stream().filter(Problem::isError).count(),
                    String.join("\n", loaded.problems().stream().map(Problem::toString).toList()));
            status.set(new Status(before.version(), before.loadedAt(), before.generation() + 1,
                    Optional.of(new Failure(clock.instant(), loaded.problems(), refusedVersion(loaded.problems())))));
            tell(Outcome.REFUSED);
            return false;
        }
        Snapshot next = loaded.orThrow();
        if (next.content().version().equals(before.version())) {
            next.index().close();
            if (before.lastFailure().isPresent()) {
                status.set(new Status(before.version(), before.loadedAt(), before.generation() + 1, Optional.empty()));
            }
            tell(Outcome.UNCHANGED);
            return true;
        }
        Snapshot old = current.getAndSet(next);
        status.set(new Status(next.content().version(), clock.instant(), before.generation() + 1, Optional.empty()));
        loaded.problems().forEach(p -> log.warn("{}", p));
        log.info("Content reloaded: now serving {} (was {}), in {} ms", next.content().version(), before.version(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        retirement.schedule(() -> old.index().close(), RETIRE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        tell(Outcome.APPLIED);
        return true;
    }

    /** The refused files' version; when they cannot be read (a folder gone), one made of the problems instead. */
    private String refusedVersion(List<Problem> problems) {
        try {
            return ContentLoader.version(dir);
        } catch (UncheckedIOException e) {
            return "unreadable-" + Integer.toHexString(problems.hashCode());
        }
    }

    private void tell(Outcome outcome) {
        Status now = status.get();
        for (ReloadListener listener : listeners) {
            try {
                listener.reloaded(outcome, now);
            } catch (RuntimeException e) {
                log.warn("A reload listener failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        retirement.shutdownNow();
        current.get().index().close();
    }
}
