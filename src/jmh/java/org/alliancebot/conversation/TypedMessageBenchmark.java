package org.alliancebot.conversation;

import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A typed message end to end, as the bot handles it: the safety check (the phrase rules, then the message's
 * embedding against the example bank), then hybrid search (BM25 and the embedding again for kNN), then the reply.
 * Messages cycle through ordinary questions, off-topic ones and messages that fire. Sample-time mode reports the
 * median and p99. Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="TypedMessageBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class TypedMessageBenchmark {

    static final List<String> MESSAGES = List.of(
            "I think I have a crush on my therapist",
            "he reminds me of my ex and I get defensive in every session",
            "honestly what is transference lol",
            "how do i tell my therapist i want to stop",
            "is it normal to feel nothing after my first session",
            "my therapist keeps checking her phone while i talk",
            "whats the weather in paris tomorrow",
            "best pasta recipe",
            "everything feels pointless lately",
            "i want to kill myself",
            "my therapist asked me to keep our sessions secret from my husband",
            "sorry if this is dumb but how do i know if my counsellor is any good");

    private Conversation conversation;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Snapshot snapshot = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
        conversation = new Conversation(() -> snapshot, new CaffeineSessionStore(Duration.ofHours(1), 1_000),
                Conversation.searchAnswers(), FloodGuard.unlimited(), ChatLogIds.random(), Duration.ofHours(24));
    }

    @Benchmark
    public List<Reply> typed() {
        String message = MESSAGES.get(next);
        next = (next + 1) % MESSAGES.size();
        return conversation.handle(new ChatId("bench"), new Input.Text(message));
    }
}
