package org.alliancebot.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Hands each update to its chat's lane, which records it and decides its answer in one step, or, when the lane is
 * still busy with an earlier update, records it at once for the lane to answer next. This is the long-polling
 * consumer: it returns once every update is kept, which is when the library confirms the offset to Telegram; and
 * nothing may escape {@link #consume}, because a RuntimeException thrown there stops the library's poller for
 * good.
 */
final class UpdateDispatcher implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final UpdateJournal.Answerer handler;
    private final PerChatExecutor lanes;
    private final UpdateJournal journal;
    private final TelegramMetrics metrics;
    /** Each chat's latest update handed over and not yet kept: a later update of the chat is kept after it. */
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> keeping = new ConcurrentHashMap<>();

    UpdateDispatcher(UpdateJournal.Answerer handler, PerChatExecutor lanes, UpdateJournal journal) {
        this(handler, lanes, journal, TelegramMetrics.NONE);
    }

    UpdateDispatcher(UpdateJournal.Answerer handler, PerChatExecutor lanes, UpdateJournal journal,
                     TelegramMetrics metrics) {
        this.handler = new MeasuredAnswerer(handler, metrics);
        this.lanes = lanes;
        this.journal = journal;
        this.metrics = metrics;
    }

    @Override
    public void consume(List<Update> updates) {
        List<CompletableFuture<Void>> recorded = new ArrayList<>(updates.size());
        for (Update update : updates) {
            try {
                recorded.add(accept(update));
            } catch (Throwable failure) {
                log.error("Update {} could not be dispatched: {}", update == null ? null : update.getUpdateId(),
                        failure.getClass().getName());
            }
        }
        // The offset is confirmed when this returns: every update must be kept by then.
        try {
            CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException failure) {
            log.error("An update of this poll could not be kept: {}", failure.getCause().getClass().getName());
        }
    }

    /**
     * One update, polled or delivered by webhook: recorded once, then answered once in its chat's lane. The
     * future completes once the update is kept (or known as a re-delivery), which is when Telegram may be told.
     */
    CompletableFuture<Void> accept(Update update) {
        metrics.updateReceived();
        Optional<Long> chatOf = UpdateHandler.chatOf(update);
        if (chatOf.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long chat = chatOf.get();
        if (lanes.busy(chat)) {
            // The lane is still on an earlier update, perhaps waiting on Telegram: kept here, answered after it.
            CompletableFuture<Void> after = recordAfterTheEarlier(chat, update);
            if (after != null) {
                return after;
            }
            recordAndDrain(chat, update);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        keeping.put(chat, recorded);
        recorded.whenComplete((ignored, failure) -> keeping.remove(chat, recorded));
        lanes.submit(chat, () -> {
            try {
                journal.handle(chat, update, () -> recorded.complete(null), handler);
            } catch (RuntimeException | Error failure) {
                if (recorded.isDone()) {
                    throw failure;
                }
                log.error("Update {} could not be answered as it arrived ({}); recording it to answer later",
                        update.getUpdateId(), failure.getClass().getSimpleName());
                recordAndDrain(chat, update);
            } finally {
                recorded.complete(null); // never left pending: consume() waits for it
            }
        });
        return recorded;
    }

    /**
     * Records the update once the chat's earlier update in hand is kept, or returns null when none is in hand. Not
     * kept before the earlier one: were the process to die in between, this one would be answered first after the
     * restart, and the earlier one (which Telegram delivers again) after it. The earlier one's answer may already be
     * on its way, so this may well be a press on it. Chained in one step per chat, so that updates arriving at once
     * (webhook requests) are recorded in the order they were chained; never completed exceptionally, as the futures
     * consume() joins must not be.
     */
    private CompletableFuture<Void> recordAfterTheEarlier(long chat, Update update) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] chained = new CompletableFuture[1];
        keeping.compute(chat, (id, earlier) -> {
            if (earlier == null || earlier.isDone()) {
                return earlier;
            }
            // Asynchronous, so that nothing runs inside compute() even if the earlier one is kept meanwhile.
            chained[0] = earlier.thenRunAsync(() -> recordAndDrain(chat, update), AFTER_THE_EARLIER);
            return chained[0];
        });
        CompletableFuture<Void> after = chained[0];
        if (after != null) {
            after.whenComplete((ignored, failure) -> keeping.remove(chat, after));
        }
        return after;
    }

    private static final Executor AFTER_THE_EARLIER = task -> Thread.ofVirtual().name("record-after").start(task);

    /** Records an update for its chat's lane to answer next. */
    private void recordAndDrain(long chat, Update update) {
        if (record(chat, update)) {
            drainLater(chat);
        }
    }

    /**
     * Records an update, retrying a failing journal a few times. If it still fails (even with an Error) the update
     * is answered from memory rather than confirmed to Telegram and dropped: it is lost only if the app also
     * crashes before answering it, rather than certainly.
     */
    private boolean record(long chat, Update update) {
        Throwable last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return journal.record(chat, update);
            } catch (RuntimeException | Error e) {
                last = e;
            }
        }
        log.error("Update {} could not be recorded ({}); answering it from memory", update.getUpdateId(),
                last.getClass().getSimpleName());
        lanes.submit(chat, () -> handler.send(handler.decide(update)));
        return false;
    }

    void drainLater(long chat) {
        lanes.submit(chat, () -> journal.handle(chat, null, () -> { }, handler));
    }

    /** Picks up updates recorded and not answered, and answers not sent, such as those a restart left. */
    void resumePending() {
        journal.pendingChats().forEach(this::drainLater);
    }
}
