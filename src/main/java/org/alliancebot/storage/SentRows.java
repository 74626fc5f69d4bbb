package org.alliancebot.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outbox rows whose calls have been made, deleted in batches by one thread of their own: one transaction for all
 * the rows sent in the last moment instead of one per answer, and none on a chat's way to its next update. If the
 * process dies first, those answers are sent again after the restart (at most one per chat, its latest).
 */
final class SentRows implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentRows.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LinkedBlockingQueue<Long> sent = new LinkedBlockingQueue<>();
    private final Thread deleter;
    private volatile boolean running = true;

    SentRows(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.deleter = Thread.ofPlatform().name("outbox-sent").daemon().start(this::deleteAsSent);
    }

    void add(long updateId) {
        sent.add(updateId);
    }

    private void deleteAsSent() {
        while (running) {
            try {
                Long first = sent.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    delete(first);
                }
            } catch (InterruptedException e) {
                return;
            } catch (DataAccessException e) {
                log.warn("Deleting sent answers failed ({}); they may be sent again after a restart",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Deletes every row reported sent so far, on the caller's thread: afterwards none of them is in the outbox. */
    synchronized void flush() {
        delete(null);
    }

    private synchronized void delete(Long first) {
        List<Object[]> batch = new ArrayList<>();
        if (first != null) {
            batch.add(new Object[] {first});
        }
        Long next;
        while (batch.size() < BATCH && (next = sent.poll()) != null) {
            batch.add(new Object[] {next});
        }
        if (!batch.isEmpty()) {
            transactions.executeWithoutResult(status ->
                    jdbc.batchUpdate("DELETE FROM outbox WHERE update_id = ?", batch));
        }
        if (!sent.isEmpty()) {
            delete(null);
        }
    }

    @Override
    public void close() {
        running = false;
        deleter.interrupt();
        try {
            flush();
        } catch (DataAccessException e) {
            log.warn("Deleting sent answers at shutdown failed ({})", e.getClass().getSimpleName());
        }
    }
}
