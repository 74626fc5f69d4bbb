package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;
import org.springframework.jdbc.core.JdbcTemplate;

/** What compacting an H2 file while it is open does, with the bot's WRITE_DELAY=0 (no background writer). */
class H2FileCompactionTest {

    @TempDir
    Path dir;

    /**
     * The bot's URL options, and chunks rewritable as soon as they are dead (RETENTION_TIME=0), so that a test need
     * not wait H2's 45 s.
     */
    private DataSource file(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;"
                + "RETENTION_TIME=0;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    /**
     * As answers do, {@code rounds} times over: for each of 200 chats, one commit that rewrites its session and adds
     * an update to the inbox. The inbox's last page, still live, is left in chunk after chunk whose other pages died.
     */
    private static void churn(JdbcTemplate jdbc, int rounds, Runnable betweenRounds) {
        for (int round = 0; round < rounds; round++) {
            for (int chat = 0; chat < 200; chat++) {
                int updateId = round * 200 + chat;
                jdbc.update("MERGE INTO sessions (chat_id, state) KEY (chat_id) VALUES (?, ?)",
                        String.valueOf(chat), "state " + round + " of chat " + chat);
                jdbc.update("INSERT INTO inbox (update_id, chat_id) VALUES (?, ?)", updateId, chat);
            }
            betweenRounds.run();
        }
    }

    private static long size(Path dir, String name) throws IOException {
        return Files.size(dir.resolve(name + ".mv.db"));
    }

    private static JdbcTemplate withTables(DataSource source) {
        JdbcTemplate jdbc = new JdbcTemplate(source);
        jdbc.execute("CREATE TABLE sessions (chat_id VARCHAR(32) PRIMARY KEY, state VARCHAR(200))");
        jdbc.execute("CREATE TABLE inbox (update_id BIGINT PRIMARY KEY, chat_id BIGINT)");
        return jdbc;
    }

    private static void shutdown(JdbcTemplate jdbc) {
        jdbc.execute("SHUTDOWN IMMEDIATELY");
    }

    @Test
    void fileWrittenCommitByCommitIsMostlyDeadSpaceWithoutIt() throws Exception {
        DataSource source = file("alone");
        JdbcTemplate jdbc = withTables(source);

        churn(jdbc, 30, () -> { });

        assertThat(new H2FileCompaction(source).fillRate()).hasValueSatisfying(rate -> assertThat(rate).isLessThan(20));
        shutdown(jdbc);
    }

    @Test
    void stepsBetweenCommitsKeepTheFileSmallAndMoreOfItLive() throws Exception {
        DataSource left = file("left");
        JdbcTemplate leftJdbc = withTables(left);
        DataSource compacted = file("compacted");
        JdbcTemplate compactedJdbc = withTables(compacted);
        H2FileCompaction compaction = new H2FileCompaction(compacted);

        churn(leftJdbc, 30, () -> { });
        churn(compactedJdbc, 30, () -> step(compaction));

        // Measured: 2.96 MB and 5% live left alone, 0.28 MB and 33% live compacted.
        assertThat(size(dir, "compacted")).as("the compacted file against the one left alone")
                .isLessThan(size(dir, "left") / 4);
        assertThat(compaction.fillRate()).hasValueSatisfying(rate -> assertThat(rate).isGreaterThan(20));
        assertThat(compactedJdbc.queryForObject("SELECT state FROM sessions WHERE chat_id = '7'", String.class))
                .isEqualTo("state 29 of chat 7");
        shutdown(leftJdbc);
        shutdown(compactedJdbc);
    }

    @Test
    void databaseInMemoryHasNoFileToCompact() throws Exception {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:compaction-" + System.nanoTime());
        memory.setUser("sa");

        assertThat(new H2FileCompaction(memory).step()).isFalse();
        assertThat(new H2FileCompaction(memory).fillRate()).isEmpty();
    }

    @Test
    void otherDatabasesAreLeftAlone() throws Exception {
        DataSource other = Mockito.mock(DataSource.class);
        Connection connection = Mockito.mock(Connection.class);
        Mockito.when(other.getConnection()).thenReturn(connection);

        assertThat(new H2FileCompaction(other).step()).isFalse();
        Mockito.verify(connection).close();
    }

    private static void step(H2FileCompaction compaction) {
        try {
            compaction.step();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
