package org.alliancebot.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.telegram.Outgoing;
import org.alliancebot.telegram.TelegramJson;
import org.alliancebot.telegram.UpdateJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
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
    /**
     * Holds the session writes of an answer being decided: alone, for the group commit; shared on PostgreSQL, to
     * write them in one statement with the outbox row, the session having been read with the lock. Null when the
     * sessions are not this journal's to hold (tests of the journal alone).
     */
    private final DeferredSessionStore sessions;
    /** Whether the database is PostgreSQL, known at the first step (the journal is made before any connection). */
    private volatile Boolean onPostgres;
    /** Shared: whether the last step's transaction committed; false until one has, as for the group commit. */
    private volatile boolean committing;
    /**
     * Alone on its database: the highest update id an earlier run recorded, and the ids this run has recorded
     * lately. A newer update that is not among them cannot be a re-delivery, so it is answered without looking.
     * Read at the first answer, since the journal is made before the schema is migrated.
     */
    private volatile long highestEarlier = NOT_READ;
    private static final long NOT_READ = Long.MIN_VALUE;
    private final Cache<Long, Boolean> recordedLately = Caffeine.newBuilder().maximumSize(10_000).build();
    /**
     * Alone on its database: the highest update id this run has been handed, to answer or to record. An update
     * above it and above {@link #highestEarlier} cannot be in the inbox, so it cannot be a re-delivery.
     */
    private final AtomicLong highestHanded = new AtomicLong(Long.MIN_VALUE);
    /**
     * Alone on its database: how many lanes are answering a new update right now, the sign of load that decides
     * whether an answer's rows are written beside its calls or in the batch. The group commit's own
     * {@link GroupCommit#idle()} is no such sign: it is true for a moment between any two batches.
     */
    private final AtomicInteger answering = new AtomicInteger();
    /**
     * Up to this many lanes answering at once, a new answer's rows are written beside its calls: two at once is
     * common even at 100 presses a second, and taking the batch then lengthened the tail; more means load.
     */
    private static final int ANSWERING_BESIDE_AT_MOST = 2;
    /** On PostgreSQL, where an answer's calls are made while the answering thread's transaction writes its rows. */
    private static final Executor BESIDE = task -> Thread.ofVirtual().name("send-beside").start(task);
    /** Writes and commits a new answer's rows on the H2 file while the thread that decided it makes its calls. */
    private static final Executor WRITE_BESIDE = task -> Thread.ofVirtual().name("write-beside").start(task);
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
        this(jdbc, transactions, clock, onRollback, takeOverAfter, alone, alone != null);
    }

    /**
     * @param sessions the sessions' database store, which the journal holds writes in while it decides
     * @param alone    whether no other process can use the database (see the other constructor)
     */
    JdbcUpdateJournal(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, LongConsumer onRollback,
                      Duration takeOverAfter, DeferredSessionStore sessions, boolean alone) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.onRollback = onRollback;
        this.takeOverAfter = takeOverAfter;
        this.groupCommit = alone ? new GroupCommit(jdbc, transactions) : null;
        this.sessions = sessions;
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
        highestHanded.accumulateAndGet(updateId, Math::max);
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
        long handedBefore = arrived == null ? Long.MAX_VALUE
                : highestHanded.getAndAccumulate(arrived.getUpdateId(), Math::max);
        if (arrival != null && groupCommit != null && !unsettled.contains(chatId)) {
            answerAlone(chatId, arrival, handedBefore, recorded);
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
     *
     * <p>The calls travel while the rows are written ({@link #sendsBeside}) when that can cost at most what a crash
     * after the commit already costs, one repeated answer: the update is certainly new, the chat has no sent row
     * left in the outbox, and the database's last commit went through. Telegram is told the update is kept only
     * after the commit either way; a crash before it leaves the update unconfirmed, so Telegram delivers it again
     * and it is answered again, from the session as it was.
     */
    private void answerAlone(long chatId, Arrival arrival, long handedBefore, Runnable recorded) {
        answering.incrementAndGet();
        try {
            answerAloneCounted(chatId, arrival, handedBefore, recorded);
        } finally {
            answering.decrementAndGet();
        }
    }

    private void answerAloneCounted(long chatId, Arrival arrival, long handedBefore, Runnable recorded) {
        long updateId = arrival.updateId();
        if (recordedLately.getIfPresent(updateId) != null || updateId <= highestEarlier() && jdbc.queryForObject(
                "SELECT COUNT(*) FROM inbox WHERE update_id = ?", Integer.class, updateId) > 0) {
            recorded.run();
            return;
        }
        boolean certainlyNew = updateId > handedBefore && updateId > highestEarlier();
        Timestamp now = Timestamp.from(clock.instant());
        Answer answer;
        DeferredSessionStore.Deferred deferred = sessions.defer();
        try (deferred) {
            answer = arrival.answer().get();
        } catch (RuntimeException e) {
            onRollback.accept(chatId);
            throw e;
        }
        boolean beside = certainlyNew && sendsBeside(chatId, answer);
        if (beside && answering.get() <= ANSWERING_BESIDE_AT_MOST && groupCommit.idle()) {
            // Nothing to wait for but the write itself: the calls go from here, the write on another thread.
            sendBesideTheWrite(chatId, updateId, answer, deferred, now, recorded);
            return;
        }
        // Under load the write joins a batch, and this thread, already running, takes it; the calls go on another.
        CompletableFuture<Void> sending = beside ? CompletableFuture.runAsync(answer.send(), BESIDE) : null;
        boolean kept;
        try {
            // Encoded only now, with the calls on their way if they go beside.
            kept = groupCommit.write(new GroupCommit.Answered(updateId, chatId, now, owner, deferred.rows(),
                    answer.calls()));
        } catch (RuntimeException | Error e) {
            onRollback.accept(chatId); // the cached session changed with a decision that was not kept
            awaitQuietly(sending); // so that answering it again cannot overtake these calls
            throw e;
        }
        recordedLately.put(updateId, Boolean.TRUE);
        Throwable confirming = confirm(recorded);
        Throwable sendFailure = null;
        try {
            if (sending != null) {
                await(sending); // the chat's next update, or this one answered again, goes after these calls
            } else if (kept) {
                answer.send().run();
            }
        } catch (Throwable e) {
            sendFailure = e;
        }
        settle(chatId, updateId, answer, kept, sendFailure, confirming);
    }

    /**
     * The calls go out on this thread, which is already running, while another writes and commits the rows (and
     * then tells Telegram the update is kept): the answer does not wait for a thread to be scheduled, and the
     * session is encoded off its path. Returns or throws only once both are done, so the chat's next update goes
     * after both. A failure to tell Telegram (the {@code recorded} callback) is thrown only after the commit's
     * bookkeeping, so it is never taken for a failed write.
     */
    private void sendBesideTheWrite(long chatId, long updateId, Answer answer, DeferredSessionStore.Deferred deferred,
                                    Timestamp now, Runnable recorded) {
        Throwable[] confirming = new Throwable[1];
        CompletableFuture<Boolean> writing;
        try {
            writing = CompletableFuture.supplyAsync(() -> {
                boolean kept = groupCommit.write(new GroupCommit.Answered(updateId, chatId, now, owner,
                        deferred.rows(), answer.calls()));
                recordedLately.put(updateId, Boolean.TRUE);
                confirming[0] = confirm(recorded); // seen by the caller after join()
                return kept;
            }, WRITE_BESIDE);
        } catch (RuntimeException | Error e) {
            onRollback.accept(chatId); // nothing was written: the decision is not kept
            throw e;
        }
        Throwable sendFailure = null;
        try {
            answer.send().run();
        } catch (Throwable e) {
            sendFailure = e;
        }
        boolean kept;
        try {
            kept = writing.join();
        } catch (CompletionException e) {
            onRollback.accept(chatId); // the cached session changed with a decision that was not kept
            Throwable failure = e.getCause() == null ? e : e.getCause();
            if (sendFailure != null) {
                failure.addSuppressed(sendFailure);
            }
            throw unchecked(failure);
        }
        settle(chatId, updateId, answer, kept, sendFailure, confirming[0]);
    }

    /** Runs the callback that tells Telegram an update is kept; what it threw, or null. */
    private static Throwable confirm(Runnable recorded) {
        try {
            recorded.run();
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    /**
     * After an answer's commit and its calls: a re-delivery's decision is dropped; an answer whose calls failed
     * stays in the outbox, unsent, and its chat's next update must not go before it, nor beside; a sent one's row
     * goes with the next batch. A failure to confirm is thrown last, once this bookkeeping is done, so that it is
     * never taken for a failed write.
     */
    private void settle(long chatId, long updateId, Answer answer, boolean kept, Throwable sendFailure,
                        Throwable confirming) {
        if (!kept) {
            onRollback.accept(chatId); // a re-delivery after all: its decision is dropped
            if (sendFailure != null) {
                log.warn("Calls answering a re-delivery failed ({})", sendFailure.getClass().getSimpleName());
            }
        } else if (sendFailure != null) {
            unsettled.add(chatId);
            if (confirming != null) {
                sendFailure.addSuppressed(confirming);
            }
            throw unchecked(sendFailure);
        } else if (!answer.isEmpty()) {
            groupCommit.sent(updateId, chatId);
        }
        if (confirming != null) {
            throw unchecked(confirming);
        }
    }

    /**
     * Whether an answer's calls may be made while its rows are written, rather than after: only when a crash in
     * between would leave this chat with one answer to repeat, not two (no sent row of an earlier answer still in
     * the outbox), and while commits go through (after a failed one, answers are kept first until one succeeds,
     * so a failing database repeats only the answers in flight when it began to fail).
     */
    private boolean sendsBeside(long chatId, Answer answer) {
        return !answer.isEmpty() && groupCommit.committing() && !groupCommit.holdsSentRow(chatId);
    }

    private static void await(CompletableFuture<?> work) {
        try {
            work.join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    /** What failed inside a future, as it was thrown. */
    private static RuntimeException unwrapped(CompletionException e) {
        return e.getCause() == null ? e : unchecked(e.getCause());
    }

    /** A failure to rethrow: an Error is thrown here, a checked exception wrapped. */
    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("an answer failed", failure);
    }

    private static void awaitQuietly(CompletableFuture<Void> sending) {
        if (sending != null) {
            try {
                sending.join();
            } catch (CompletionException e) {
                log.warn("Calls made beside a failed write failed too ({})", e.getCause().getClass().getSimpleName());
            }
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

    /** An answer's calls, and how to send them. */
    private static final class Answer {
        static final Answer NONE = new Answer(null, () -> { });

        private final Outgoing outgoing;
        private final Runnable send;
        private String calls;

        Answer(Outgoing outgoing, Runnable send) {
            this.outgoing = outgoing;
            this.send = send;
        }

        boolean isEmpty() {
            return outgoing == null;
        }

        Runnable send() {
            return send;
        }

        /**
         * The calls as kept in the outbox, {@code null} when there is nothing to send; written out on first use,
         * by whichever thread writes the rows, so that calls sent beside the write never wait for it. The calls
         * are only read, by this and by the sending, so both may run at once.
         */
        String calls() {
            if (outgoing != null && calls == null) {
                calls = outgoing.toJson();
            }
            return calls;
        }
    }

    private static Answer kept(Outgoing outgoing, Answerer answerer) {
        return outgoing.isEmpty() ? Answer.NONE : new Answer(outgoing, () -> answerer.send(outgoing));
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
            Beside beside = new Beside();
            try {
                step = transactions.execute(status -> step(chatId, now, done, answerRecorded, sendKept, beside));
                committing = true;
            } catch (RuntimeException e) {
                committing = false;
                awaitQuietly(beside.sending); // so that answering it again cannot overtake these calls
                if (!(e instanceof DataAccessException)) {
                    throw e;
                }
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

    /** Calls made while the transaction that keeps them commits: set by the step that starts them. */
    private static final class Beside {
        CompletableFuture<Void> sending;
    }

    /**
     * What a step finds under the chat's lock: the earliest answer not yet sent, else the earliest update waiting
     * to be answered; whether the update that has just arrived was recorded as done (null when that is left to the
     * step), and then the chat's session as stored (null when not read).
     */
    private record Look(Map<String, Object> unsent, Map<String, Object> earliest, Boolean arrivalKept,
                        Stored session) {
    }

    /** A chat's session as read with the lock: its encoded state, or null when none is stored. */
    private record Stored(String state) {
    }

    /** One transaction under the chat's lock: delete what was just sent, then find and decide what comes next. */
    private Step step(long chatId, Arrival arrival, long sent, Function<String, Answer> answerRecorded,
                      Function<String, Runnable> sendKept, Beside beside) {
        rollbackEvicts(chatId);
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp deadBefore = Timestamp.from(now.toInstant().minus(takeOverAfter));
        Look look = onPostgres() ? lookInOneCall(chatId, arrival, sent, now, deadBefore)
                : look(chatId, sent, deadBefore);
        // An answer decided and not yet sent goes before anything newer.
        if (look.unsent() != null) {
            Map<String, Object> row = look.unsent();
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
        Map<String, Object> earliest = look.earliest();
        long earliestId = earliest == null ? Long.MAX_VALUE : ((Number) earliest.get("update_id")).longValue();
        if (arrival != null && earliestId > arrival.updateId()) {
            // The usual case: nothing waits before it, so it is recorded already answered and its JSON never kept.
            boolean kept = look.arrivalKept() != null ? look.arrivalKept()
                    : jdbc.update("INSERT INTO inbox (update_id, chat_id, received_at, done_at, received_by) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", arrival.updateId(), chatId, now, now, owner) != 0;
            if (!kept) {
                return new Step.Again(); // a re-delivery
            }
            if (look.session() != null && sessions != null) {
                return keepWithSession(chatId, arrival, look.session(), now, beside);
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

    /** The look, one statement at a time. */
    private Look look(long chatId, long sent, Timestamp deadBefore) {
        // Waits while another worker or instance holds this chat.
        jdbc.queryForList("SELECT chat_id FROM chat_locks WHERE chat_id = ? FOR UPDATE", Long.class, chatId);
        if (sent >= 0) {
            jdbc.update("DELETE FROM outbox WHERE update_id = ?", sent);
        }
        List<Map<String, Object>> unsent = jdbc.queryForList("SELECT update_id, calls, owner, "
                + "CASE WHEN claimed_at < ? THEN 1 ELSE 0 END AS stale FROM outbox WHERE chat_id = ? "
                + "ORDER BY update_id LIMIT 1", deadBefore, chatId);
        if (!unsent.isEmpty()) {
            return new Look(unsent.getFirst(), null, null, null);
        }
        List<Map<String, Object>> pending = jdbc.queryForList("SELECT update_id, received_by, "
                + "CASE WHEN received_at < ? THEN 1 ELSE 0 END AS stale FROM inbox "
                + "WHERE chat_id = ? AND done_at IS NULL ORDER BY update_id LIMIT 1", deadBefore, chatId);
        return new Look(null, pending.isEmpty() ? null : pending.getFirst(), null, null);
    }

    /**
     * The look on PostgreSQL, in one round trip: the function the V4 migration made takes the lock, deletes the
     * sent row, looks, records the arrival as done when nothing waits before it, and reads the session.
     */
    private Look lookInOneCall(long chatId, Arrival arrival, long sent, Timestamp now, Timestamp deadBefore) {
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM answer_step(?, ?, ?, ?, ?, ?)", chatId,
                new SqlParameterValue(Types.BIGINT, sent >= 0 ? sent : null),
                new SqlParameterValue(Types.BIGINT, arrival == null ? null : arrival.updateId()), now, deadBefore,
                owner);
        Map<String, Object> unsent = row.get("unsent_id") == null ? null : Map.of("update_id", row.get("unsent_id"),
                "calls", row.get("unsent_calls"), "owner", row.get("unsent_owner"), "stale", row.get("unsent_stale"));
        Map<String, Object> earliest = row.get("pending_id") == null ? null : new HashMap<>(Map.of(
                "update_id", row.get("pending_id"), "stale", row.get("pending_stale")));
        if (earliest != null) {
            earliest.put("received_by", row.get("pending_by")); // may be null: recorded before the column existed
        }
        Boolean kept = (Boolean) row.get("arrival_kept");
        Stored session = Boolean.TRUE.equals(kept) ? new Stored((String) row.get("session_state")) : null;
        return new Look(unsent, earliest, kept, session);
    }

    private boolean onPostgres() {
        Boolean known = onPostgres;
        if (known == null) {
            known = jdbc.execute((java.sql.Connection connection) ->
                    "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()));
            onPostgres = known;
        }
        return known;
    }

    /**
     * The arrival's answer, decided from the session read with the lock, its session writes held and then written
     * with its outbox row in one statement. Its calls start on their way first, while that statement and the commit
     * travel, when a crash in between can cost no more than one repeated answer: the update is new (just recorded),
     * no answer of this chat is left in the outbox (the look found none), and the last commit went through. Telegram
     * is told the update is kept only after the commit either way.
     */
    private Step keepWithSession(long chatId, Arrival arrival, Stored stored, Timestamp now, Beside beside) {
        ChatId chat = ChatId.of(chatId);
        Answer answer;
        DeferredSessionStore.Deferred deferred = sessions.defer(chat,
                Optional.ofNullable(stored.state()).map(SessionCodec::decode));
        try (deferred) {
            answer = arrival.answer().get();
        }
        if (!answer.isEmpty() && committing) {
            beside.sending = CompletableFuture.runAsync(answer.send(), BESIDE);
        }
        List<GroupCommit.SessionRow> rows = deferred.rows();
        if (rows.size() == 1 && rows.getFirst().state() != null && rows.getFirst().chatId().equals(chat.value())
                && !answer.isEmpty()) {
            jdbc.update("WITH kept AS (INSERT INTO sessions (chat_id, state, updated_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (chat_id) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at) "
                    + "INSERT INTO outbox (update_id, chat_id, calls, owner, claimed_at) VALUES (?, ?, ?, ?, ?)",
                    chat.value(), rows.getFirst().state(), now, arrival.updateId(), chatId, answer.calls(), owner, now);
            return sendStep(arrival.updateId(), answer, beside);
        }
        for (GroupCommit.SessionRow row : rows) {
            if (row.state() == null) {
                sessions.durable().delete(new ChatId(row.chatId()));
            } else {
                sessions.durable().put(row.chatId(), row.state());
            }
        }
        return keep(chatId, arrival.updateId(), answer, now, beside);
    }

    private static Step.Send sendStep(long updateId, Answer answer, Beside beside) {
        CompletableFuture<Void> sending = beside.sending;
        return new Step.Send(updateId, true, sending == null ? answer.send() : () -> await(sending));
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
        return keep(chatId, updateId, answer, now, new Beside());
    }

    /** Keeps the answer's calls in the outbox; they are sent after the commit, or awaited if already on their way. */
    private Step keep(long chatId, long updateId, Answer answer, Timestamp now, Beside beside) {
        if (answer.isEmpty()) {
            return new Step.Again();
        }
        jdbc.update("INSERT INTO outbox (update_id, chat_id, calls, owner, claimed_at) VALUES (?, ?, ?, ?, ?)",
                updateId, chatId, answer.calls(), owner, now);
        return sendStep(updateId, answer, beside);
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
