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
 * beside commits, each of which still writes everything unsaved before it returns. The file stops growing; it
 * shrinks only when the database is closed.
 */
public final class H2FileCompaction {

    /** Below this share of live data in the file's chunks, a step rewrites some. */
    static final int TARGET_FILL_RATE = 80;
    /** Live bytes one step may rewrite: small enough that a commit waiting for the store's lock barely notices. */
    static final int WRITE_LIMIT = 256 * 1024;

    private final DataSource dataSource;
    /** Found once through a connection, and again only if the database was closed and opened anew. */
    private volatile MVStore store;

    public H2FileCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rewrites up to {@link #WRITE_LIMIT} live bytes when the chunks are less than {@link #TARGET_FILL_RATE}% full,
     * and nothing when H2 does it itself (a database in memory, one written with a delay, or one opened read-only).
     *
     * @return whether any chunk was rewritten
     * @throws SQLException          if no connection could be had to find the store
     * @throws IllegalStateException if the data source does not lead to an embedded H2 database, so that nothing
     *                               would ever be compacted
     */
    public boolean step() throws SQLException {
        MVStore mvStore = store();
        return ownWorkIn(mvStore) && mvStore.compact(TARGET_FILL_RATE, WRITE_LIMIT);
    }

    /** The share of live data in the file's chunks, in percent; empty when the database has no file. */
    public Optional<Integer> fillRate() throws SQLException {
        MVStore mvStore = store();
        return mvStore.getFileStore() == null ? Optional.empty()
                : Optional.of(mvStore.getFileStore().getChunksFillRate());
    }

    /** Whether the file's chunks are this class's to rewrite: H2's background writer is off and the file writable. */
    private static boolean ownWorkIn(MVStore mvStore) {
        return mvStore.getFileStore() != null && mvStore.getAutoCommitDelay() == 0
                && !mvStore.getFileStore().isReadOnly();
    }

    private MVStore store() throws SQLException {
        MVStore known = store;
        if (known == null || known.isClosed()) {
            try (Connection connection = dataSource.getConnection()) {
                known = storeBehind(connection);
            }
            store = known;
        }
        return known;
    }

    private static MVStore storeBehind(Connection connection) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            Store store = session.getDatabase().getStore();
            if (store != null && store.getMvStore() != null) {
                return store.getMvStore();
            }
        }
        throw new IllegalStateException("the data source does not lead to an embedded H2 database");
    }
}
