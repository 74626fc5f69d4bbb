package org.alliancebot.telegram;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work for different chats at once, on virtual threads, and work for one chat strictly in the order it was
 * submitted. Only chats with work in hand hold an entry, so memory follows activity, not history. Nothing a task
 * throws escapes: it is logged by kind and the chat's later work still runs.
 */
final class PerChatExecutor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PerChatExecutor.class);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object idle = new Object();

    void submit(long chatId, Runnable task) {
        pending.incrementAndGet();
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] created = new CompletableFuture[1];
        tails.compute(chatId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            created[0] = previous.thenRunAsync(() -> runSafely(task), threads);
            return created[0];
        });
        // Registered outside compute(): a callback that ran at once inside it would update the same key.
        created[0].whenComplete((ignored, error) -> {
            tails.remove(chatId, created[0]);
            if (pending.decrementAndGet() == 0) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        });
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (Throwable failure) {
            log.error("A chat task failed with {}", failure.getClass().getName());
        }
    }

    /** Whether the chat has work submitted and not yet finished. */
    boolean busy(long chatId) {
        return tails.containsKey(chatId);
    }

    /** Tasks submitted and not yet finished. */
    int pending() {
        return pending.get();
    }

    /** Waits until every submitted task has finished, or the time is up; true when idle. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
