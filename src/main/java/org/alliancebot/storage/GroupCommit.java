package org.alliancebot.storage;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the answers that different chats' lanes decided at the same moment in one transaction, alone on an H2
 * file. H2 writes every page a commit changed, so a commit per answer rewrote the same inbox, outbox and session
 * pages again and again; one per batch writes them once. No thread of its own is on the way: the first writer to
 * find the writer's lock free writes everything waiting, its own answer among them, while the others wait for it,
 * so a lone answer is written at once by the thread that brought it (its lane, or the thread that writes while the
 * lane makes the answer's calls). Outbox rows already sent are deleted in the same transaction (and every 0.2 s
 * when nothing else is written).
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final Duration SWEEP_EVERY = Duration.ofMillis(200);

    /**
     * One answered update's rows: the inbox mark, its chats' sessions as last written (encoded already, so that
     * one answer's bad state cannot fail the others'), and the calls to keep (null for none).
     */
    record Answered(long updateId, long chatId, Timestamp at, String owner, List<SessionRow> sessions,
                    String calls) {
    }

    /** A chat's session as kept ({@code state} encoded), or forgotten when {@code state} is null. */
    record SessionRow(String chatId, String state) {
    }

    /** An answer whose calls were made: its outbox row is to be deleted. */
    private record Sent(long updateId, long chatId) {
    }

    /** An answer waiting to be written; its fields are read and written under the writer's lock. */
    private static final class Waiting {
        final Answered answered;
        boolean written;
        /** False when the inbox already held the update: nothing of it was written. */
        boolean kept;
        RuntimeException failure;

        void fail(Throwable cause) {
            failure = cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("writing answers failed", cause);
        }

        Waiting(Answered answered) {
            this.answered = answered;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReentrantLock writer = new ReentrantLock();
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    /** Chats with a sent row not yet deleted (a commit that may still roll back counts as not deleted). */
    private final Map<Long, Integer> undeleted = new ConcurrentHashMap<>();
    /** Whether the last transaction committed; false until one has, so a failing database is not assumed well. */
    private volatile boolean committing;
    private final Duration sweepEvery;
    private final Thread sweeper;
    private volatile boolean running = true;

    GroupCommit(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this(jdbc, transactions, SWEEP_EVERY);
    }

    /** With sent rows deleted every {@code sweepEvery} when nothing else is written: tests wait longer. */
    GroupCommit(JdbcTemplate jdbc, TransactionTemplate transactions, Duration sweepEvery) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sweepEvery = sweepEvery;
        this.sweeper = Thread.ofPlatform().name("outbox-sent").daemon().start(this::sweep);
    }

    /**
     * Returns once the answer is committed, with whatever else was waiting.
     *
     * @return false if the update was in the inbox already (a re-delivery): then nothing of it was written
     * @throws DataAccessException (or another runtime exception) if the transaction that held it failed: nothing
     *                             of it was kept
     */
    boolean write(Answered answered) {
        Waiting mine = new Waiting(answered);
        waiting.add(mine);
        writer.lock();
        try {
            while (!mine.written && mine.failure == null) {
                writeWaiting();
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.kept;
    }

    /** An answer's calls were made: its outbox row goes with the next batch. */
    void sent(long updateId, long chatId) {
        undeleted.merge(chatId, 1, Integer::sum);
        sent.add(new Sent(updateId, chatId));
    }

    /** Whether the chat has an answer's row in the outbox that was sent and is not yet deleted for good. */
    boolean holdsSentRow(long chatId) {
        return undeleted.containsKey(chatId);
    }

    /**
     * Whether no batch is being written and none is forming: an answer written now is written alone, at once.
     * A hint only, read without the lock.
     */
    boolean idle() {
        return !writer.isLocked() && waiting.isEmpty();
    }

    /** Whether the last transaction committed (none has yet: false). */
    boolean committing() {
        return committing;
    }

    /** Deletes every row reported sent so far, on the caller's thread: afterwards none of them is in the outbox. */
    void flush() {
        writer.lock();
        try {
            List<Sent> rows = drain(sent);
            if (!rows.isEmpty()) {
                try {
                    transactions.executeWithoutResult(status -> deleteSent(rows));
                } catch (RuntimeException e) {
                    committing = false;
                    keepForLater(rows);
                    throw e;
                }
                committing = true;
                deleted(rows);
            }
        } finally {
            writer.unlock();
        }
    }

    private void writeWaiting() {
        List<Waiting> batch = new ArrayList<>();
        Waiting next;
        while ((next = waiting.poll()) != null) {
            batch.add(next);
        }
        List<Sent> sentRows = drain(sent);
        try {
            transactions.executeWithoutResult(status -> {
                deleteSent(sentRows);
                insert(batch);
            });
            committing = true;
            deleted(sentRows);
            batch.forEach(w -> w.written = true);
        } catch (Throwable e) {
            committing = false;
            // Every answer taken must end written or failed, else its lane would wait for it for ever.
            batch.forEach(w -> w.fail(e));
            keepForLater(sentRows);
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** How many answers wait to be written: for tests that hold the writer. */
    int waiting() {
        return waiting.size();
    }

    private void insert(List<Waiting> batch) {
        List<Object[]> inbox = new ArrayList<>(batch.size());
        for (Waiting w : batch) {
            Answered a = w.answered;
            inbox.add(new Object[] {a.updateId(), a.chatId(), a.at(), a.at(), a.owner()});
        }
        int[] inserted = jdbc.batchUpdate("INSERT INTO inbox (update_id, chat_id, received_at, done_at, received_by) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", inbox);
        List<Object[]> outbox = new ArrayList<>(batch.size());
        List<Object[]> sessionRows = new ArrayList<>(batch.size());
        List<Object[]> forgotten = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Waiting w = batch.get(i);
            w.kept = inserted[i] != 0;
            if (!w.kept) {
                continue;
            }
            Answered a = w.answered;
            if (a.calls() != null) {
                outbox.add(new Object[] {a.updateId(), a.chatId(), a.calls(), a.owner(), a.at()});
            }
            for (SessionRow row : a.sessions()) {
                if (row.state() == null) {
                    forgotten.add(new Object[] {row.chatId()});
                } else {
                    sessionRows.add(new Object[] {row.chatId(), row.state(), a.at()});
                }
            }
        }
        if (!sessionRows.isEmpty()) {
            jdbc.batchUpdate("MERGE INTO sessions (chat_id, state, updated_at) KEY (chat_id) VALUES (?, ?, ?)",
                    sessionRows);
        }
        if (!forgotten.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM sessions WHERE chat_id = ?", forgotten);
        }
        if (!outbox.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO outbox (update_id, chat_id, calls, owner, claimed_at) VALUES (?, ?, ?, ?, ?)",
                    outbox);
        }
    }

    private void deleteSent(List<Sent> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM outbox WHERE update_id = ?",
                    rows.stream().map(row -> new Object[] {row.updateId()}).toList());
        }
    }

    /** Sent rows whose delete committed. */
    private void deleted(List<Sent> rows) {
        rows.forEach(row -> undeleted.computeIfPresent(row.chatId(), (chat, count) -> count == 1 ? null : count - 1));
    }

    /** Sent rows whose delete rolled back, to be deleted by a later batch. */
    private void keepForLater(List<Sent> sentRows) {
        sent.addAll(sentRows);
    }

    private static List<Sent> drain(Queue<Sent> queue) {
        List<Sent> rows = new ArrayList<>();
        Sent next;
        while ((next = queue.poll()) != null) {
            rows.add(next);
        }
        return rows;
    }

    /** Deletes sent rows when no answer has carried them along for a moment. */
    private void sweep() {
        while (running) {
            try {
                Thread.sleep(sweepEvery);
                if (!sent.isEmpty()) {
                    flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Kept for the next try: the sweep must outlive a busy pool or a failed commit.
                log.warn("Deleting sent answers failed ({}); they may be sent again after a restart",
                        e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        // Not interrupted: it may be writing to H2's file, which an interrupt can close.
        running = false;
        try {
            sweeper.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Deleting sent answers at shutdown failed ({})", e.getClass().getSimpleName());
        }
    }
}
