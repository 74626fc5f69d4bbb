package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.jdbc.core.JdbcTemplate;

/** What compacting an H2 file while it is open does, with the bot's WRITE_DELAY=0 (no background writer). */
class H2FileCompactionTest {

    @TempDir
    Path dir;

    private final List<JdbcTemplate> open = new ArrayList<>();

    @AfterEach
    void shutDown() {
        for (JdbcTemplate jdbc : open) {
            try {
                jdbc.execute("SHUTDOWN IMMEDIATELY");
            } catch (RuntimeException alreadyShut) {
                // the test shut it itself
            }
        }
    }

    /**
     * The bot's URL options, and chunks rewritable as soon as they are dead (RETENTION_TIME=0), so that a test need
     * not wait H2's 45 s.
     */
    private static String url(Path dir, String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;"
                + "RETENTION_TIME=0;DB_CLOSE_DELAY=-1";
    }

    private DataSource file(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url(dir, name));
        h2.setUser("sa");
        return h2;
    }

    private JdbcTemplate withTables(DataSource source) {
        JdbcTemplate jdbc = new JdbcTemplate(source);
        open.add(jdbc);
        jdbc.execute("CREATE TABLE sessions (chat_id VARCHAR(32) PRIMARY KEY, state VARCHAR(200))");
        jdbc.execute("CREATE TABLE inbox (update_id BIGINT PRIMARY KEY, chat_id BIGINT)");
        return jdbc;
    }

    /**
     * As answers do, {@code rounds} times over, for each of 200 chats: rewrites its session and adds an update to
     * the inbox, each statement committing on its own. The inbox's last page, still live, is left in chunk after
     * chunk whose other pages died.
     */
    private static void churn(JdbcTemplate jdbc, int rounds, Runnable betweenRounds) {
        for (int round = 0; round < rounds; round++) {
            for (int chat = 0; chat < 200; chat++) {
                jdbc.update("MERGE INTO sessions (chat_id, state) KEY (chat_id) VALUES (?, ?)",
                        String.valueOf(chat), "state " + round + " of chat " + chat);
                jdbc.update("INSERT INTO inbox (update_id, chat_id) VALUES (?, ?)", round * 200 + chat, chat);
            }
            betweenRounds.run();
        }
    }

    private long size(String name) throws IOException {
        return Files.size(dir.resolve(name + ".mv.db"));
    }

    /** Closes the database as a killed process would, with nothing saved or compacted at the end. */
    private static void kill(JdbcTemplate jdbc) {
        jdbc.execute("SHUTDOWN IMMEDIATELY");
    }

    private void assertEverythingSurvivedAReopen(String name, int rounds) {
        JdbcTemplate reopened = new JdbcTemplate(file(name));
        open.add(reopened);
        assertThat(reopened.queryForObject("SELECT COUNT(*) FROM inbox", Integer.class)).isEqualTo(rounds * 200);
        assertThat(reopened.queryForObject("SELECT state FROM sessions WHERE chat_id = '7'", String.class))
                .isEqualTo("state " + (rounds - 1) + " of chat 7");
    }

    private static boolean step(H2FileCompaction compaction) {
        try {
            return compaction.step();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fileWrittenCommitByCommitIsMostlyDeadSpaceWithoutIt() throws Exception {
        DataSource source = file("alone");
        JdbcTemplate jdbc = withTables(source);

        churn(jdbc, 30, () -> { });

        assertThat(new H2FileCompaction(source).fillRate()).hasValueSatisfying(rate -> assertThat(rate).isLessThan(20));
    }

    @Test
    void stepsBetweenCommitsKeepTheFileSmallAndMoreOfItLive() throws Exception {
        JdbcTemplate left = withTables(file("left"));
        DataSource compacted = file("compacted");
        JdbcTemplate compactedJdbc = withTables(compacted);
        H2FileCompaction compaction = new H2FileCompaction(compacted);

        churn(left, 30, () -> { });
        churn(compactedJdbc, 30, () -> step(compaction));

        // Measured: 2.96 MB and 5% live left alone, 0.28 MB and 33% live compacted.
        assertThat(size("compacted")).as("the compacted file against the one left alone")
                .isLessThan(size("left") / 4);
        assertThat(compaction.fillRate()).hasValueSatisfying(rate -> assertThat(rate).isGreaterThan(20));
    }

    @Test
    void everyCommitSurvivesAKillAfterStepsBetweenThem() {
        JdbcTemplate jdbc = withTables(file("killed"));
        H2FileCompaction compaction = new H2FileCompaction(file("killed"));

        churn(jdbc, 30, () -> step(compaction));
        kill(jdbc);

        assertEverythingSurvivedAReopen("killed", 30);
    }

    @Test
    void stepsRunningBesideCommitsLoseNoneOfThem() throws Exception {
        JdbcTemplate jdbc = withTables(file("beside"));
        H2FileCompaction compaction = new H2FileCompaction(file("beside"));
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger rewrites = new AtomicInteger();
        CompletableFuture<Void> compacting = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                if (step(compaction)) {
                    rewrites.incrementAndGet();
                }
            }
        });

        churn(jdbc, 30, () -> { });
        writing.set(false);
        compacting.join();
        kill(jdbc);

        assertThat(rewrites).as("steps that rewrote chunks while commits went on").hasPositiveValue();
        assertEverythingSurvivedAReopen("beside", 30);
    }

    @Test
    void findsTheFileBehindTheBotsConnectionPool() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(dir, "pooled"));
        config.setUsername("sa");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcTemplate jdbc = withTables(pool);
            H2FileCompaction compaction = new H2FileCompaction(pool);

            churn(jdbc, 10, () -> { });

            assertThat(compaction.step()).as("chunks rewritten").isTrue();
        }
    }

    @Test
    void fileWrittenWithADelayIsLeftToH2sOwnWriter() throws Exception {
        JdbcDataSource delayed = new JdbcDataSource();
        delayed.setURL("jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=500;RETENTION_TIME=0;DB_CLOSE_DELAY=-1");
        delayed.setUser("sa");
        JdbcTemplate jdbc = withTables(delayed);

        churn(jdbc, 10, () -> { });

        assertThat(new H2FileCompaction(delayed).step()).isFalse();
    }

    @Test
    void databaseInMemoryHasNoFileToCompact() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:compaction-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        memory.setUser("sa");
        open.add(new JdbcTemplate(memory));

        assertThat(new H2FileCompaction(memory).step()).isFalse();
        assertThat(new H2FileCompaction(memory).fillRate()).isEmpty();
    }

    @Test
    void dataSourceThatLeadsToNoH2DatabaseIsReportedNotSkipped() throws Exception {
        DataSource other = Mockito.mock(DataSource.class);
        Connection connection = Mockito.mock(Connection.class);
        Mockito.when(other.getConnection()).thenReturn(connection);

        assertThatThrownBy(() -> new H2FileCompaction(other).step())
                .hasMessageContaining("does not lead to an embedded H2 database");
        Mockito.verify(connection).close();
    }
}
