package org.alliancebot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Sessions in memory, forgotten after an idle time and bounded in number, so that neither a quiet week nor a
 * flood of new chats can grow memory without limit.
 */
public final class CaffeineSessionStore implements SessionStore {

    private final Cache<ChatId, Session> sessions;

    public CaffeineSessionStore(Duration idle, long maxSessions, Ticker ticker) {
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle time must be positive but was " + idle);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("max sessions must be at least 1 but was " + maxSessions);
        }
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(idle)
                .maximumSize(maxSessions)
                .ticker(ticker)
                .build();
    }

    public CaffeineSessionStore(Duration idle, long maxSessions) {
        this(idle, maxSessions, Ticker.systemTicker());
    }

    @Override
    public Optional<Session> get(ChatId chat) {
        return Optional.ofNullable(sessions.getIfPresent(chat));
    }

    @Override
    public void put(ChatId chat, Session session) {
        sessions.put(chat, session);
    }

    @Override
    public void delete(ChatId chat) {
        sessions.invalidate(chat);
    }

    /** For tests and metrics: sessions currently held, after pending evictions. */
    public long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }
}
