package org.alliancebot.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * Keeps an embedded H2 file from growing without end. Every commit must reach the file before Telegram is told an
 * update is kept, so the bot's URL sets {@code WRITE_DELAY=0}; that also stops H2's background writer, the only
 * thing that rewrites half-empty chunks while the database is open. Each commit leaves a chunk in which a page or
 * two (the inbox's last page, say) stays live, so without it the file grew by 7–8 KB per answered update until
 * the next restart. One {@link #step()} rewrites a bounded amount of live data from the emptiest old chunks, as the
 * background writer would, so that they die and their space is used again; the store's own lock keeps it safe
 * beside commits.
 */
public final class H2FileCompaction {

    /** Below this share of live data in the file's chunks, a step rewrites some. */
    static final int TARGET_FILL_RATE = 80;
    /** Live bytes one step may rewrite: small enough that a commit waiting for the store's lock barely notices. */
    static final int WRITE_LIMIT = 256 * 1024;

    private final DataSource dataSource;

    public H2FileCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rewrites up to {@link #WRITE_LIMIT} live bytes when the chunks are less than {@link #TARGET_FILL_RATE}% full.
     *
     * @return whether any chunk was rewritten
     * @throws SQLException if no connection could be had
     */
    public boolean step() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return store(connection).map(store -> store.compact(TARGET_FILL_RATE, WRITE_LIMIT)).orElse(false);
        }
    }

    /** The share of live data in the file's chunks, in percent; empty when the database is not an H2 file. */
    public Optional<Integer> fillRate() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return store(connection).map(store -> store.getFileStore().getChunksFillRate());
        }
    }

    /** The store under an embedded H2 file's connection; empty for anything else (PostgreSQL, H2 in memory). */
    private static Optional<MVStore> store(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)
                || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return Optional.empty();
        }
        Store store = session.getDatabase().getStore();
        MVStore mvStore = store == null ? null : store.getMvStore();
        return mvStore == null || mvStore.getFileStore() == null ? Optional.empty() : Optional.of(mvStore);
    }
}
