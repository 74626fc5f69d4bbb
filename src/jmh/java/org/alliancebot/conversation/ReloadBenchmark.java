package org.alliancebot.conversation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.alliancebot.content.ContentCopy;
import org.alliancebot.content.ContentLoader;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Content reload of the shipped content. {@code reload}: load, check, build the index and swap, as the watcher
 * calls it. {@code editToServed}: end to end, from saving a tree file to the new version being served, through
 * the file watcher and its quiet period (200 ms, the default). Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="ReloadBenchmark -f 1"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
@Fork(1)
public class ReloadBenchmark {

    private Path content;
    private Path fit;
    private String original;
    private SnapshotHolder holder;
    private ContentWatcher watcher;
    private int edit;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        content = ContentCopy.of(Path.of("content"));
        fit = content.resolve("trees/fit.yaml");
        original = Files.readString(fit);
        holder = new SnapshotHolder(content, new ContentLoader(), Clock.systemUTC(), TestEmbeddings.miniLm());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        holder.close();
        ContentCopy.delete(content);
    }

    private void change() throws IOException {
        edit++;
        Files.writeString(fit, original.replace("There are no wrong answers.", "There are no wrong answers " + edit
                + "."));
    }

    @Benchmark
    public boolean reload() throws IOException {
        change();
        return holder.reload();
    }

    @Benchmark
    public String editToServed() throws Exception {
        if (watcher == null) {
            watcher = new ContentWatcher(holder, Duration.ofMillis(200));
        }
        String before = holder.get().content().version();
        change();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (holder.get().content().version().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the edit was not served within 10 s");
            }
            Thread.onSpinWait();
        }
        return holder.get().content().version();
    }
}
