package org.alliancebot.conversation;

import java.util.Optional;

/** Keeps each person's {@link Session}. Implementations must be safe to call from many threads. */
public interface SessionStore {

    Optional<Session> get(ChatId chat);

    void put(ChatId chat, Session session);

    /** Forgets the person at once. */
    void delete(ChatId chat);
}
