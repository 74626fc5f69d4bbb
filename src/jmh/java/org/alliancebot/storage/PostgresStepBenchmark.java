package org.alliancebot.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the one round trip that PostgreSQL's path makes before an answer can be decided costs by itself: the
 * {@code answer_step} function (the chat's lock, the looks at the outbox and the inbox, the arrival recorded, the
 * session read), against a bare {@code SELECT 1} and the lock alone, each in a transaction then rolled back, over
 * loopback to the embedded server the storage tests use, one connection, 200 chats in turn. It is the floor under
 * the load harness's PostgreSQL figures: no answer's calls may start before this returns, since only then is it
 * known that nothing of the chat waits before it on another instance. Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="PostgresStepBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PostgresStepBenchmark {

    private static final int CHATS = 200;
    private static final String STATE = "{\"node\":\"fit/start\"," + "\"trail\":\"x\"".repeat(40) + "}";

    /** {@code select1}: the bare round trip; {@code lock}: the chat's row lock; {@code answerStep}: the whole look. */
    @Param({"select1", "lock", "answerStep"})
    public String statement;

    private Connection connection;
    private PreparedStatement prepared;
    private long chat;
    private long update = 1;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        connection = Databases.postgres().getConnection();
        try (Statement setUp = connection.createStatement()) {
            for (int c = 0; c < CHATS; c++) {
                setUp.execute("INSERT INTO chat_locks (chat_id) VALUES (" + c + ")");
                setUp.execute("INSERT INTO sessions (chat_id, state, updated_at) VALUES ('" + c + "', '" + STATE
                        + "', now())");
            }
        }
        connection.setAutoCommit(false);
        prepared = connection.prepareStatement(switch (statement) {
            case "select1" -> "SELECT 1";
            case "lock" -> "SELECT chat_id FROM chat_locks WHERE chat_id = ? FOR UPDATE";
            case "answerStep" -> "SELECT * FROM answer_step(?, ?, ?, ?, ?, ?)";
            default -> throw new IllegalArgumentException(statement);
        });
    }

    @Benchmark
    public boolean step() throws SQLException {
        chat = (chat + 1) % CHATS;
        if (!statement.equals("select1")) {
            prepared.setLong(1, chat);
        }
        if (statement.equals("answerStep")) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            prepared.setNull(2, Types.BIGINT);
            prepared.setLong(3, update++);
            prepared.setTimestamp(4, now);
            prepared.setTimestamp(5, now);
            prepared.setString(6, "benchmark");
        }
        boolean found;
        try (var rows = prepared.executeQuery()) {
            found = rows.next();
        }
        connection.rollback();
        return found;
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        prepared.close();
        connection.close();
    }
}
