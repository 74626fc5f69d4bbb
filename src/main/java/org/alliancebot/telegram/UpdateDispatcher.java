package org.alliancebot.telegram;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Records each update in the journal, then hands its chat's recorded updates to the chat's lane. This is the
 * long-polling consumer: it returns once every update is recorded, which is when the library confirms the offset
 * to Telegram; and nothing may escape {@link #consume}, because a RuntimeException thrown there stops the
 * library's poller for good.
 */
final class UpdateDispatcher implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final UpdateHandler handler;
    private final PerChatExecutor lanes;
    private final UpdateJournal journal;

    UpdateDispatcher(UpdateHandler handler, PerChatExecutor lanes, UpdateJournal journal) {
        this.handler = handler;
        this.lanes = lanes;
        this.journal = journal;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                accept(update);
            } catch (Throwable failure) {
                log.error("Update {} could not be dispatched: {}", update == null ? null : update.getUpdateId(),
                        failure.getClass().getName());
            }
        }
    }

    /** One update, polled or delivered by webhook: recorded once, then handled once in its chat's lane. */
    void accept(Update update) {
        UpdateHandler.chatOf(update).ifPresent(chat -> {
            if (record(chat, update)) {
                drainLater(chat);
            }
        });
    }

    /**
     * Records an update, retrying a failing journal a few times. If it still fails the update is handled from
     * memory: it is lost only if the app also crashes before handling it, rather than certainly.
     */
    private boolean record(long chat, Update update) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return journal.record(chat, update);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        log.error("Update {} could not be recorded ({}); handling it from memory", update.getUpdateId(),
                last.getClass().getSimpleName());
        lanes.submit(chat, () -> handler.handle(update));
        return false;
    }

    void drainLater(long chat) {
        lanes.submit(chat, () -> journal.drain(chat, handler::handle));
    }

    /** Picks up updates recorded before a restart and not handled. */
    void resumePending() {
        journal.pendingChats().forEach(this::drainLater);
    }
}
