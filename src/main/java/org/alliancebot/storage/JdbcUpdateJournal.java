package org.alliancebot.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.alliancebot.telegram.Outgoing;
import org.alliancebot.telegram.TelegramJson;
import org.alliancebot.telegram.UpdateJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The inbox and outbox tables as the Telegram channel's journal. Each update is answered in one short
 * transaction that holds its chat's row lock: it records the update as done, writes the session, and keeps the
 * calls that answer it in the outbox. The calls are made after the commit, with no connection held, and the
 * outbox row goes in the next transaction, which answers the chat's next update if one is waiting.
 *
 * <ul>
 *   <li>Nothing is lost: a crash after the commit leaves the calls in the outbox, sent after the restart (those
 *       already made may then be made a second time); a crash before it leaves the update unanswered, or, if it
 *       had not been recorded, unconfirmed to Telegram, which delivers it again.</li>
 *   <li>Once per update: the inbox keeps each update id, so re-deliveries are recognised.</li>
 *   <li>In order per chat, across instances: while one instance's answer to a chat is unsent, another records
 *       that chat's new updates and leaves them; the owner answers them once it has sent its own. An owner that
 *       died is taken over once its claim is older than {@code takeOverAfter}.</li>
 * </ul>
 */
public final class JdbcUpdateJournal implements UpdateJournal {

    private static final Logger log = LoggerFactory.getLogger(JdbcUpdateJournal.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final LongConsumer onRollback;
    private final Duration takeOverAfter;
    /** Names this instance on the outbox rows it is sending. */
    private final String owner = UUID.randomUUID().toString();
    /** Chats whose lock row exists (rows are never deleted), so the row is not looked for on every update. */
    private final Cache<Long, Boolean> lockRows = Caffeine.newBuilder().maximumSize(100_000).build();
    /**
     * Alone on its database: writes the answers decided at the same moment in one transaction and deletes sent
     * rows along with them, and answers clean chats without looking around.
     */
    private final GroupCommit groupCommit;
    /** Alone on its database: holds the session writes of an answer being decided, for the group commit. */
    private final DeferredSessionStore sessions;
    /**
     * Alone on its database: the highest update id an earlier run recorded, and the ids this run has recorded
     * lately. A newer update that is not among them cannot be a re-delivery, so it is answered without looking.
     * Read at the first answer, since the journal is made before the schema is migrated.
     */
    private volatile long highestEarlier = NOT_READ;
    private static final long NOT_READ = Long.MIN_VALUE;
    private final Cache<Long, Boolean> recordedLately = Caffeine.newBuilder().maximumSize(10_000).build();
    /**
     * Alone on its database: chats that may have updates recorded to wait, or answers a crash left unsent, so the
     * next update must not be answered before them. Marked before anything is recorded to wait.
     */
    private final Set<Long> unsettled = ConcurrentHashMap.newKeySet();

    /**
     * @param onRollback    told the chat whose transaction rolled back, to drop state cached from it
     * @param takeOverAfter how old another instance's claim on an unsent answer must be before it counts as dead
     * @param alone         the sessions' database store when no other process can use the database (an embedded
     *                      H2 file, which H2 itself locks to one process), else null: a chat with nothing waiting
     *                      is then answered with no look at the outbox or the inbox, its rows written in a group
     *                      commit with other chats' and its session writes held for it; sent rows are deleted in
     *                      batches, off the chat's way
     */
    JdbcUpdateJournal(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, LongConsumer onRollback,
                      Duration takeOverAfter, DeferredSessionStore alone) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.onRollback = onRollback;
        this.takeOverAfter = takeOverAfter;
        this.groupCommit = alone != null ? new GroupCommit(jdbc, transactions) : null;
        this.sessions = alone;
    }

    /** Shared with other instances, with production's take-over time. */
    public JdbcUpdateJournal(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock,
                             LongConsumer onRollback) {
        this(jdbc, transactions, clock, onRollback, Duration.ofMinutes(2), null);
    }

    @Override
    public boolean record(long chatId, Update update) {
        return record(update.getUpdateId(), chatId, TelegramJson.write(update));
    }

    /** Records an update already in Telegram's JSON; false for a re-delivery. */
    boolean record(long updateId, long chatId, String payload) {
        unsettled.add(chatId);
        try {
            jdbc.update("INSERT INTO inbox (update_id, chat_id, payload, received_at, received_by) "
                    + "VALUES (?, ?, ?, ?, ?)", updateId, chatId, payload, Timestamp.from(clock.instant()), owner);
            recordedLately.put(updateId, Boolean.TRUE); // only once it is kept: a re-delivery may then be confirmed
            return true;
        } catch (DuplicateKeyException again) {
            recordedLately.put(updateId, Boolean.TRUE);
            return false;
        }
    }

    /** The group commit, when alone: for tests that hold its writer. */
    GroupCommit groupCommit() {
        return groupCommit;
    }

    @Override
    public void handle(long chatId, Update arrived, Runnable recorded, Answerer answerer) {
        Arrival arrival = arrived == null ? null : new Arrival(arrived.getUpdateId(), () -> TelegramJson.write(arrived),
                () -> kept(answerer.decide(arrived), answerer));
        if (arrival != null && groupCommit != null && !unsettled.contains(chatId)) {
            answerAlone(chatId, arrival, recorded);
            if (!unsettled.contains(chatId)) {
                return;
            }
            arrival = null; // something was recorded to wait meanwhile: answer it too
        }
        run(chatId, arrival, recorded, payload -> kept(answerer.decide(TelegramJson.readUpdate(payload)), answerer),
                calls -> () -> answerer.send(Outgoing.fromJson(calls)));
    }

    /**
     * A chat with nothing waiting, on a database no one else uses: the answer is decided outside any transaction
     * (the session comes from the cache, and its writes are held), then the update's done mark, the session and
     * the calls are committed together with other chats' answers of the same moment. No lock row or look at what
     * waits is needed, since this process's lanes already keep each chat to one worker. A re-delivery is
     * recognised before deciding from the ids this run and the last ones recorded; should one slip past (an id
     * this run recorded long ago), the inbox's key still refuses it and its decision is dropped. The sent row is
     * deleted in a later batch.
     */
    private void answerAlone(long chatId, Arrival arrival, Runnable recorded) {
        long updateId = arrival.updateId();
        if (recordedLately.getIfPresent(updateId) != null || updateId <= highestEarlier() && jdbc.queryForObject(
                "SELECT COUNT(*) FROM inbox WHERE update_id = ?", Integer.class, updateId) > 0) {
            recorded.run();
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        Answer answer;
        List<GroupCommit.SessionRow> writes;
        try (DeferredSessionStore.Deferred deferred = sessions.defer()) {
            answer = arrival.answer().get();
            writes = deferred.rows();
        } catch (RuntimeException e) {
            onRollback.accept(chatId);
            throw e;
        }
        boolean kept;
        try {
            kept = groupCommit.write(new GroupCommit.Answered(updateId, chatId, now, owner, writes, answer.calls()));
        } catch (RuntimeException e) {
            onRollback.accept(chatId); // the cached session changed with a decision that was not kept
            throw e;
        }
        recordedLately.put(updateId, Boolean.TRUE);
        recorded.run();
        if (!kept) {
            onRollback.accept(chatId); // a re-delivery after all: its decision is dropped
            return;
        }
        answer.send().run();
        if (answer.calls() != null) {
            groupCommit.sent(updateId);
        }
    }

    private long highestEarlier() {
        long highest = highestEarlier;
        if (highest == NOT_READ) {
            // Read twice at worst, the second time perhaps with an id of this run: then that one is looked for.
            Long max = jdbc.queryForObject("SELECT MAX(update_id) FROM inbox", Long.class);
            highest = max != null ? max : 0;
            highestEarlier = highest;
        }
        return highest;
    }

    /**
     * Answers the chat's recorded updates as their JSON, with nothing to send: the journal's contract without
     * Telegram, for the storage tests.
     */
    void drainPayloads(long chatId, Consumer<String> handler) {
        run(chatId, null, () -> { }, payload -> {
            handler.accept(payload);
            return Answer.NONE;
        }, calls -> () -> { });
    }

    /** An update that has just arrived: its id, its JSON should it have to wait, and its answer. */
    private record Arrival(long updateId, Supplier<String> payload, Supplier<Answer> answer) {
    }

    /** An answer as kept in the outbox ({@code null} when there is nothing to send), and how to send it. */
    private record Answer(String calls, Runnable send) {
        static final Answer NONE = new Answer(null, () -> { });
    }

    private static Answer kept(Outgoing outgoing, Answerer answerer) {
        return outgoing.isEmpty() ? Answer.NONE : new Answer(outgoing.toJson(), () -> answerer.send(outgoing));
    }

    /** What one transaction left to do: send an answer (and then delete its outbox row), or stop. */
    private sealed interface Step {
        /** Nothing waits for this chat, or only what another live instance received or is sending. */
        record Stop() implements Step {
        }

        /** An update this instance received waits behind another live instance's: look again shortly. */
        record Wait() implements Step {
        }

        /** An answer to send; {@code kept} when it has an outbox row to delete once sent. */
        record Send(long updateId, boolean kept, Runnable send) implements Step {
        }

        /** Nothing to send this time (a re-delivery, an update that needs no answer), but look again. */
        record Again() implements Step {
        }
    }

    private void run(long chatId, Arrival arrival, Runnable recorded, Function<String, Answer> answerRecorded,
                     Function<String, Runnable> sendKept) {
        if (groupCommit != null) {
            // Rows already sent must not look unsent; and from here on this loop answers whatever waits.
            groupCommit.flush();
            unsettled.remove(chatId);
        }
        boolean settled = false;
        try {
            loop(chatId, arrival, recorded, answerRecorded, sendKept);
            settled = true;
        } finally {
            if (!settled && groupCommit != null) {
                unsettled.add(chatId);
            }
        }
    }

    private void loop(long chatId, Arrival arrival, Runnable recorded, Function<String, Answer> answerRecorded,
                      Function<String, Runnable> sendKept) {
        ensureLockRow(chatId);
        Arrival waiting = arrival;
        long sent = -1;
        long pause = 1;
        while (true) {
            Arrival now = waiting;
            long done = sent;
            Step step;
            try {
                step = transactions.execute(status -> step(chatId, now, done, answerRecorded, sendKept));
            } catch (DataAccessException e) {
                if (now != null) {
                    throw e; // not recorded: the caller must not confirm it to Telegram as kept
                }
                log.error("Answering recorded updates failed ({}); they stay pending", e.getClass().getSimpleName());
                if (groupCommit != null) {
                    unsettled.add(chatId);
                }
                return;
            }
            if (now != null) {
                waiting = null;
                recorded.run();
            }
            switch (step) {
                case Step.Stop stop -> {
                    return;
                }
                case Step.Again again -> sent = -1;
                case Step.Wait wait -> {
                    sent = -1;
                    pause(pause);
                    pause = Math.min(pause * 2, 100);
                }
                case Step.Send send -> {
                    send.send().run();
                    sent = send.kept() ? send.updateId() : -1;
                }
            }
        }
    }

    /** Waits outside any transaction while another instance finishes with the chat. */
    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another instance answered the chat", e);
        }
    }

    /** One transaction under the chat's lock: delete what was just sent, then find and decide what comes next. */
    private Step step(long chatId, Arrival arrival, long sent, Function<String, Answer> answerRecorded,
                      Function<String, Runnable> sendKept) {
        // Waits while another worker or instance holds this chat.
        jdbc.queryForList("SELECT chat_id FROM chat_locks WHERE chat_id = ? FOR UPDATE", Long.class, chatId);
        rollbackEvicts(chatId);
        Timestamp now = Timestamp.from(clock.instant());
        if (sent >= 0) {
            jdbc.update("DELETE FROM outbox WHERE update_id = ?", sent);
        }
        Timestamp deadBefore = Timestamp.from(now.toInstant().minus(takeOverAfter));
        // An answer decided and not yet sent goes before anything newer.
        List<Map<String, Object>> unsent = jdbc.queryForList("SELECT update_id, calls, owner, "
                + "CASE WHEN claimed_at < ? THEN 1 ELSE 0 END AS stale FROM outbox WHERE chat_id = ? "
                + "ORDER BY update_id LIMIT 1", deadBefore, chatId);
        if (!unsent.isEmpty()) {
            Map<String, Object> row = unsent.getFirst();
            if (arrival != null) {
                recordWaiting(chatId, arrival, now);
            }
            if (othersLive(row.get("owner"), row.get("stale"))) {
                return waitOrStop(chatId); // its owner is sending it
            }
            long updateId = ((Number) row.get("update_id")).longValue();
            jdbc.update("UPDATE outbox SET owner = ?, claimed_at = ? WHERE update_id = ?", owner, now, updateId);
            return new Step.Send(updateId, true, sendKept.apply(text(row.get("calls"))));
        }
        List<Map<String, Object>> pending = jdbc.queryForList("SELECT update_id, received_by, "
                + "CASE WHEN received_at < ? THEN 1 ELSE 0 END AS stale FROM inbox "
                + "WHERE chat_id = ? AND done_at IS NULL ORDER BY update_id LIMIT 1", deadBefore, chatId);
        Map<String, Object> earliest = pending.isEmpty() ? null : pending.getFirst();
        long earliestId = earliest == null ? Long.MAX_VALUE : ((Number) earliest.get("update_id")).longValue();
        if (arrival != null && earliestId > arrival.updateId()) {
            // The usual case: nothing waits before it, so it is recorded already answered and its JSON never kept.
            int inserted = jdbc.update("INSERT INTO inbox (update_id, chat_id, received_at, done_at, received_by) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", arrival.updateId(), chatId, now, now, owner);
            if (inserted == 0) {
                return new Step.Again(); // a re-delivery
            }
            return keep(chatId, arrival.updateId(), arrival.answer().get(), now);
        }
        if (arrival != null) {
            recordWaiting(chatId, arrival, now); // after the earlier ones
        }
        if (earliest == null) {
            return new Step.Stop();
        }
        if (othersLive(earliest.get("received_by"), earliest.get("stale"))) {
            return waitOrStop(chatId); // the instance that received it answers it
        }
        Object payload = jdbc.queryForObject("SELECT payload FROM inbox WHERE update_id = ?", Object.class,
                earliestId);
        jdbc.update("UPDATE inbox SET done_at = ?, payload = NULL WHERE update_id = ?", now, earliestId);
        return keep(chatId, earliestId, answerRecorded.apply(text(payload)), now);
    }

    /** A rolled-back transaction may have changed a session that is cached: the chat's cached state is dropped. */
    private void rollbackEvicts(long chatId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    onRollback.accept(chatId);
                }
            }
        });
    }

    /** Another instance's row, claimed or received recently enough that the instance may be alive. */
    private boolean othersLive(Object rowOwner, Object stale) {
        return rowOwner != null && !owner.equals(rowOwner) && ((Number) stale).intValue() == 0;
    }

    /** Behind another instance's work: wait if an update this instance received is among the chat's pending. */
    private Step waitOrStop(long chatId) {
        Integer mine = jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE chat_id = ? AND done_at IS NULL "
                + "AND received_by = ?", Integer.class, chatId, owner);
        return mine != null && mine > 0 ? new Step.Wait() : new Step.Stop();
    }

    private Step keep(long chatId, long updateId, Answer answer, Timestamp now) {
        if (answer.calls() == null) {
            return new Step.Again();
        }
        jdbc.update("INSERT INTO outbox (update_id, chat_id, calls, owner, claimed_at) VALUES (?, ?, ?, ?, ?)",
                updateId, chatId, answer.calls(), owner, now);
        return new Step.Send(updateId, true, answer.send());
    }

    private void recordWaiting(long chatId, Arrival arrival, Timestamp now) {
        jdbc.update("INSERT INTO inbox (update_id, chat_id, payload, received_at, received_by) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", arrival.updateId(), chatId, arrival.payload().get(),
                now, owner);
    }

    /** A TEXT column as a string: H2 hands it back as a Clob, PostgreSQL as a String. */
    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot read a recorded update", e);
            }
        }
        return String.valueOf(value);
    }

    /** The lock row is made once per chat, in its own statement, so creating it never aborts the work. */
    private void ensureLockRow(long chatId) {
        if (lockRows.getIfPresent(chatId) != null) {
            return;
        }
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM chat_locks WHERE chat_id = ?", Integer.class,
                chatId);
        if (exists == null || exists == 0) {
            try {
                jdbc.update("INSERT INTO chat_locks (chat_id) VALUES (?)", chatId);
            } catch (DuplicateKeyException raced) {
                // another worker made it first
            }
        }
        lockRows.put(chatId, Boolean.TRUE);
    }

    @Override
    public Set<Long> pendingChats() {
        if (groupCommit != null) {
            groupCommit.flush();
        }
        Set<Long> chats = Set.copyOf(jdbc.queryForList("SELECT chat_id FROM inbox WHERE done_at IS NULL "
                + "UNION SELECT chat_id FROM outbox", Long.class));
        if (groupCommit != null) {
            unsettled.addAll(chats);
        }
        return chats;
    }

    @Override
    public void flush() {
        if (groupCommit != null) {
            groupCommit.flush();
        }
    }

    @Override
    public void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    @Override
    public void adoptUnsent() {
        int adopted = jdbc.update("UPDATE outbox SET owner = ?", owner);
        jdbc.update("UPDATE inbox SET received_by = ? WHERE done_at IS NULL", owner);
        if (adopted > 0) {
            log.info("{} answer(s) left unsent by an earlier run will be sent now", adopted);
        }
    }

    /** Forgets handled updates older than {@code age}; returns how many. */
    public int purgeDone(Duration age) {
        return jdbc.update("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?",
                Timestamp.from(clock.instant().minus(age)));
    }
}
