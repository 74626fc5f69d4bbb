package org.alliancebot.telegram;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Where updates wait between arriving and being answered. An update is recorded before Telegram is told it
 * arrived (before the poller confirms its offset, or before a webhook request is answered), so an update once
 * acknowledged is never lost; a chat's updates are answered one at a time, in order, each once; and the calls that
 * answer one are decided and kept first, then made outside any transaction, so no database connection waits on
 * Telegram.
 */
public interface UpdateJournal {

    /** What answers an update: deciding the calls (which may read and change the session), and making them. */
    interface Answerer {
        Outgoing decide(Update update);

        void send(Outgoing outgoing);
    }

    /** Records an update to be answered by a later {@link #handle}; false when it was recorded before. */
    boolean record(long chatId, Update update);

    /**
     * Answers the chat's updates in order, each once: {@code arrived}, if not null, is recorded and decided in one
     * step, and {@code recorded} runs as soon as it is kept (or known as a re-delivery); then everything else
     * recorded for the chat. Each update's calls are sent after its decision is kept, and before the next is
     * decided.
     */
    void handle(long chatId, Update arrived, Runnable recorded, Answerer answerer);

    /** Chats with updates recorded but not yet answered, or answers not yet sent, such as those a crash left. */
    Set<Long> pendingChats();

    /**
     * Called when this instance knows it is the only one (long polling: Telegram refuses a second poller), so
     * answers another process decided and did not finish sending are this one's to send at once.
     */
    default void adoptUnsent() {
    }

    /** Writes down what this journal has put off (such as deleting sent answers); once nothing is in hand. */
    default void flush() {
    }

    /** Flushes and lets go of any thread of its own. */
    default void close() {
        flush();
    }

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
            /** Each chat's updates by id: one that arrives while earlier ones wait is answered after them. */
            private final Map<Long, Queue<Update>> waiting = new ConcurrentHashMap<>();

            @Override
            public boolean record(long chatId, Update update) {
                if (seen.putIfAbsent(update.getUpdateId().longValue(), Boolean.TRUE) != null) {
                    return false;
                }
                // Adding and the removal of an emptied queue are atomic per chat, so no update can be added to a
                // queue that has just been dropped.
                waiting.compute(chatId, (id, queue) -> {
                    Queue<Update> q = queue == null
                            ? new PriorityQueue<>(Comparator.comparingInt(Update::getUpdateId)) : queue;
                    q.add(update);
                    return q;
                });
                return true;
            }

            @Override
            public void handle(long chatId, Update arrived, Runnable recorded, Answerer answerer) {
                try {
                    if (arrived != null) {
                        record(chatId, arrived);
                    }
                } finally {
                    recorded.run();
                }
                while (true) {
                    Update[] next = new Update[1];
                    waiting.computeIfPresent(chatId, (id, queue) -> {
                        next[0] = queue.poll();
                        return queue.isEmpty() ? null : queue;
                    });
                    if (next[0] == null) {
                        return;
                    }
                    answerer.send(answerer.decide(next[0]));
                }
            }

            @Override
            public Set<Long> pendingChats() {
                return Set.copyOf(waiting.keySet());
            }
        };
    }
}
