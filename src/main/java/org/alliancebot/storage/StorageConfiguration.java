package org.alliancebot.storage;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.SessionStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the durable stores from one data source: sessions (behind the Caffeine cache when this instance is the
 * only one), the update journal, and the retention clean-up. Plain construction; the system package wires it.
 */
public final class StorageConfiguration {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JdbcSessionStore durable;
    /**
     * The store the journal holds an answer's session writes in: below the cache when alone, for the group commit;
     * the sessions' store itself when shared.
     */
    private final DeferredSessionStore deferred;
    private final boolean alone;
    private final CachedSessionStore cached;

    /**
     * @param cacheSessions whether this process is alone on the database (an embedded H2 file), so it may cache
     *                      sessions and answer a chat without looking for other instances' work
     */
    public StorageConfiguration(DataSource dataSource, TransactionTemplate transactions, Clock clock,
                                Duration idle, long maxSessions, boolean cacheSessions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = transactions;
        this.clock = clock;
        this.durable = new JdbcSessionStore(jdbc, clock);
        this.deferred = new DeferredSessionStore(durable);
        this.alone = cacheSessions;
        this.cached = cacheSessions ? new CachedSessionStore(new CaffeineSessionStore(idle, maxSessions), deferred)
                : null;
    }

    public SessionStore sessions() {
        return cached != null ? cached : deferred;
    }

    public JdbcUpdateJournal journal() {
        return new JdbcUpdateJournal(jdbc, transactions, clock, chat -> {
            if (cached != null) {
                cached.evict(ChatId.of(chat));
            }
        }, Duration.ofMinutes(2), deferred, alone);
    }

    public JdbcCounts counts() {
        return new JdbcCounts(jdbc, transactions, clock);
    }

    /** The scheduled clean-up: idle sessions past their retention, handled updates after a day, old counts. */
    public String cleanUp(Duration sessionRetention) {
        int sessions = durable.deleteIdle(sessionRetention);
        int updates = new JdbcUpdateJournal(jdbc, transactions, clock, chat -> { }).purgeDone(Duration.ofDays(1));
        int counts = counts().deleteOld();
        return sessions + " idle session(s), " + updates + " handled update(s) and " + counts
                + " count(s) older than " + JdbcCounts.KEPT_DAYS + " days deleted";
    }
}
