package org.alliancebot.telegram;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Hands updates to their chat's lane and returns at once. This is the long-polling consumer: nothing may escape
 * {@link #consume}, because a RuntimeException thrown there stops the library's poller for good.
 */
final class UpdateDispatcher implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final UpdateHandler handler;
    private final PerChatExecutor lanes;

    UpdateDispatcher(UpdateHandler handler, PerChatExecutor lanes) {
        this.handler = handler;
        this.lanes = lanes;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            dispatch(update);
        }
    }

    void dispatch(Update update) {
        try {
            UpdateHandler.chatOf(update).ifPresent(chat -> lanes.submit(chat, () -> handler.handle(update)));
        } catch (Throwable failure) {
            log.error("Update {} could not be dispatched: {}", update == null ? null : update.getUpdateId(),
                    failure.getClass().getName());
        }
    }
}
