package org.alliancebot.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where updates wait between arriving and being handled. Recording comes before Telegram is told the update
 * arrived (before the poller confirms its offset, or before a webhook request is answered), so an update once
 * acknowledged is never lost; draining hands a chat's updates over one at a time, in order, each once.
 */
public interface UpdateJournal {

    /** Records an update; false when this update id was recorded before (a re-delivery). */
    boolean record(long chatId, Update update);

    /** Hands the chat's recorded, unhandled updates to {@code handler} in order; each is done once handled. */
    void drain(long chatId, Consumer<Update> handler);

    /** Chats with updates recorded but not yet handled, such as those left by a crash. */
    Set<Long> pendingChats();

    /** Updates kept in memory only: lost on a crash, for the console's tests and single runs without a database. */
    static UpdateJournal inMemory() {
        return new UpdateJournal() {
            private static final int REMEMBERED = 10_000;
            private final Map<Long, Boolean> seen = java.util.Collections.synchronizedMap(
                    new LinkedHashMap<>(16, 0.75f, false) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                            return size() > REMEMBERED;
                        }
                    });
            private final Map<Long, Deque<Update>> waiting = new ConcurrentHashMap<>();

            @Override
            public boolean record(long chatId, Update update) {
                if (seen.putIfAbsent(update.getUpdateId().longValue(), Boolean.TRUE) != null) {
                    return false;
                }
                // Adding and the drain's removal of an emptied queue are atomic per chat, so no update can be
                // added to a queue that has just been dropped.
                waiting.compute(chatId, (id, queue) -> {
                    Deque<Update> q = queue == null ? new ArrayDeque<>() : queue;
                    q.add(update);
                    return q;
                });
                return true;
            }

            @Override
            public void drain(long chatId, Consumer<Update> handler) {
                while (true) {
                    Update[] next = new Update[1];
                    waiting.computeIfPresent(chatId, (id, queue) -> {
                        next[0] = queue.poll();
                        return queue.isEmpty() ? null : queue;
                    });
                    if (next[0] == null) {
                        return;
                    }
                    handler.accept(next[0]);
                }
            }

            @Override
            public Set<Long> pendingChats() {
                return Set.copyOf(waiting.keySet());
            }
        };
    }
}
