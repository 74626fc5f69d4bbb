package org.alliancebot.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.alliancebot.telegram.UpdateJournal;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox table as the Telegram channel's journal. An update is handled in one transaction that holds its
 * chat's row lock, writes the session, sends the replies and marks the update done: a crash before the commit
 * leaves the update pending and it is handled again after a restart (the replies in flight may then be sent a
 * second time; none is lost), and no two workers or instances ever handle one chat at the same time.
 */
public final class JdbcUpdateJournal implements UpdateJournal {

    private static final Logger log = LoggerFactory.getLogger(JdbcUpdateJournal.class);
    /** Telegram's own objects carry Jackson 2 annotations, so they are written with Jackson 2, as the library does. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LongConsumer onRollback;

    /** @param onRollback told the chat whose transaction rolled back, to drop state cached from it */
    public JdbcUpdateJournal(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
                             LongConsumer onRollback) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.onRollback = onRollback;
    }

    @Override
    public boolean record(long chatId, Update update) {
        return record(update.getUpdateId(), chatId, write(update));
    }

    /** Records an update already in Telegram's JSON; false for a re-delivery. */
    boolean record(long updateId, long chatId, String payload) {
        try {
            jdbc.update("INSERT INTO inbox (update_id, chat_id, payload, received_at) VALUES (?, ?, ?, ?)", updateId,
                    chatId, payload, Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException again) {
            return false;
        }
    }

    @Override
    public void drain(long chatId, Consumer<Update> handler) {
        drainPayloads(chatId, payload -> handler.accept(read(payload)));
    }

    /** Drains the chat's recorded updates as their JSON. */
    void drainPayloads(long chatId, Consumer<String> handler) {
        ensureLockRow(chatId);
        try {
            while (Boolean.TRUE.equals(transactions.execute(status -> handleNext(chatId, handler)))) {
                // one update per transaction, so each is committed as soon as it is handled
            }
        } catch (DataAccessException e) {
            log.error("Handling recorded updates failed ({}); they stay pending", e.getClass().getSimpleName());
        }
    }

    private boolean handleNext(long chatId, Consumer<String> handler) {
        // Waits while another worker or instance holds this chat.
        jdbc.queryForList("SELECT chat_id FROM chat_locks WHERE chat_id = ? FOR UPDATE", Long.class, chatId);
        List<Map<String, Object>> next = jdbc.queryForList("SELECT update_id, payload FROM inbox "
                + "WHERE chat_id = ? AND done_at IS NULL ORDER BY update_id LIMIT 1", chatId);
        if (next.isEmpty()) {
            return false;
        }
        long updateId = ((Number) next.getFirst().get("update_id")).longValue();
        Object payload = next.getFirst().get("payload");
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    onRollback.accept(chatId);
                }
            }
        });
        handler.accept(payload instanceof java.sql.Clob clob ? read(clob) : String.valueOf(payload));
        jdbc.update("UPDATE inbox SET done_at = ?, payload = NULL WHERE update_id = ?",
                Timestamp.from(clock.instant()), updateId);
        return true;
    }

    private static String write(Update update) {
        try {
            return JSON.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an update could not be written as JSON", e);
        }
    }

    private static Update read(String payload) {
        try {
            return JSON.readValue(payload, Update.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded update could not be read back", e);
        }
    }

    private static String read(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read a recorded update", e);
        }
    }

    /** The lock row is made once per chat, in its own transaction, so creating it never aborts the work. */
    private void ensureLockRow(long chatId) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM chat_locks WHERE chat_id = ?", Integer.class,
                chatId);
        if (exists == null || exists == 0) {
            try {
                jdbc.update("INSERT INTO chat_locks (chat_id) VALUES (?)", chatId);
            } catch (DuplicateKeyException raced) {
                // another worker made it first
            }
        }
    }

    @Override
    public Set<Long> pendingChats() {
        return Set.copyOf(jdbc.queryForList("SELECT DISTINCT chat_id FROM inbox WHERE done_at IS NULL", Long.class));
    }

    /** Forgets handled updates older than {@code age}; returns how many. */
    public int purgeDone(Duration age) {
        return jdbc.update("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?",
                Timestamp.from(clock.instant().minus(age)));
    }
}
