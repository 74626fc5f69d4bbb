package org.alliancebot.storage;

import java.util.Optional;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.alliancebot.conversation.SessionStore;

/**
 * The Caffeine cache in front of the database: reads are served from memory, writes go to the database first.
 * Only for a single instance: with several, another instance may change a session this cache still holds.
 */
public final class CachedSessionStore implements SessionStore {

    private final CaffeineSessionStore cache;
    private final SessionStore durable;

    public CachedSessionStore(CaffeineSessionStore cache, SessionStore durable) {
        this.cache = cache;
        this.durable = durable;
    }

    @Override
    public Optional<Session> get(ChatId chat) {
        Optional<Session> cached = cache.get(chat);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Session> stored = durable.get(chat);
        stored.ifPresent(session -> cache.put(chat, session));
        return stored;
    }

    @Override
    public void put(ChatId chat, Session session) {
        durable.put(chat, session);
        cache.put(chat, session);
    }

    @Override
    public void delete(ChatId chat) {
        durable.delete(chat);
        cache.delete(chat);
    }

    /** Drops a cached session, for when the transaction that wrote it rolled back. */
    public void evict(ChatId chat) {
        cache.delete(chat);
    }
}
