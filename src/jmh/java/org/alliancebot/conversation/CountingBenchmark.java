package org.alliancebot.conversation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alliancebot.embedding.TestEmbeddings;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What counting adds to a press: the same press and back through the fit tree with counting off and on (the
 * counts of a turn read from the session before and after, then added in memory; writing them down happens every
 * few seconds on another thread and is not part of a press). Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="CountingBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CountingBenchmark {

    @Param({"false", "true"})
    public boolean counting;

    private Conversation conversation;
    private final ChatId chat = new ChatId("bench");
    private String firstChoice;

    @Setup(Level.Trial)
    public void setUp() {
        Snapshot snapshot = Snapshot.load(Path.of("content"), TestEmbeddings.fake()).orThrow();
        Tally tally = counting ? new DailyCounts(Clock.systemUTC()) : Tally.NONE;
        conversation = new Conversation(() -> snapshot, new CaffeineSessionStore(Duration.ofHours(1), 1_000),
                Conversation.searchAnswers(), FloodGuard.unlimited(), ChatLogIds.random(), Duration.ofHours(24),
                tally);
        List<Reply> menu = conversation.handle(chat, new Input.Command("start", "fit"));
        firstChoice = menu.getLast().buttons().getFirst().data();
    }

    /** One press on, then one back: two turns, each counted when counting is on. */
    @Benchmark
    public List<Reply> pressAndBack() {
        conversation.handle(chat, new Input.Press(firstChoice));
        return conversation.handle(chat, new Input.Command("back", ""));
    }
}
