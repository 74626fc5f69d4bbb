package org.alliancebot.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.alliancebot.conversation.SessionStore;

/**
 * The sessions' database store as the journal sees it: under the session cache when this process is alone on its
 * H2 file, or on its own when instances share PostgreSQL. While the journal decides an answer, the session writes
 * that decision makes are held ({@link #defer}) and written with the update's other rows (by {@link GroupCommit},
 * or in one statement with the outbox row), and a session the journal has already read is not read again; at any
 * other time reads and writes go to the database at once.
 */
final class DeferredSessionStore implements SessionStore {

    /** A session to keep, or to forget when {@code session} is null. */
    record Write(ChatId chat, Session session) {
    }

    /** The writes held on this thread since {@link #defer}; closing stops holding. */
    final class Deferred implements AutoCloseable {
        private final List<Write> writes = new ArrayList<>(1);
        /** A chat whose stored session was read already, and that session; null when none was. */
        private final ChatId read;
        private final Optional<Session> stored;

        private Deferred(ChatId read, Optional<Session> stored) {
            this.read = read;
            this.stored = stored;
        }

        /** Each chat's last write, as the rows to commit: a later write replaces an earlier one. */
        List<GroupCommit.SessionRow> rows() {
            Map<ChatId, Write> last = new LinkedHashMap<>();
            writes.forEach(write -> last.put(write.chat(), write));
            return last.values().stream().map(write -> new GroupCommit.SessionRow(write.chat().value(),
                    write.session() == null ? null : SessionCodec.encode(write.session()))).toList();
        }

        @Override
        public void close() {
            deferring.remove();
        }
    }

    private final JdbcSessionStore durable;
    private final ThreadLocal<Deferred> deferring = new ThreadLocal<>();

    DeferredSessionStore(JdbcSessionStore durable) {
        this.durable = durable;
    }

    /** Holds this thread's session writes until the returned scope closes. */
    Deferred defer() {
        return defer(null, null);
    }

    /** The same, with {@code chat}'s stored session already read as {@code stored}. */
    Deferred defer(ChatId chat, Optional<Session> stored) {
        Deferred deferred = new Deferred(chat, stored);
        deferring.set(deferred);
        return deferred;
    }

    JdbcSessionStore durable() {
        return durable;
    }

    @Override
    public Optional<Session> get(ChatId chat) {
        Deferred deferred = deferring.get();
        if (deferred != null) {
            for (int i = deferred.writes.size() - 1; i >= 0; i--) {
                Write held = deferred.writes.get(i);
                if (held.chat().equals(chat)) {
                    return Optional.ofNullable(held.session()); // what this decision wrote last
                }
            }
            if (chat.equals(deferred.read)) {
                return deferred.stored;
            }
        }
        return durable.get(chat);
    }

    @Override
    public void put(ChatId chat, Session session) {
        Deferred deferred = deferring.get();
        if (deferred != null) {
            deferred.writes.add(new Write(chat, session));
        } else {
            durable.put(chat, session);
        }
    }

    @Override
    public void delete(ChatId chat) {
        Deferred deferred = deferring.get();
        if (deferred != null) {
            deferred.writes.add(new Write(chat, null));
        } else {
            durable.delete(chat);
        }
    }
}
