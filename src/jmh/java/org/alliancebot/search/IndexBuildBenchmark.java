package org.alliancebot.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.alliancebot.content.Content;
import org.alliancebot.embedding.Embedder;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.embedding.MiniLmEmbedder;
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
 * A full index build from loaded content, as at start-up and on every reload: the content vectors read from a warm
 * cache file (as after a restart), then the words and vectors indexed. The set-up embeds every passage once to warm
 * the file, which takes a minute for the generated corpus. Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="IndexBuildBenchmark -f 1"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class IndexBuildBenchmark {

    @Param({"shipped", "generated-2000"})
    public String corpus;

    private Content content;
    private Embedder model;
    private Path cache;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        content = corpus.equals("shipped") ? GeneratedCorpus.shipped() : GeneratedCorpus.of(2_000, 42);
        model = new MiniLmEmbedder();
        cache = Files.createTempDirectory("vector-cache");
        ArticleIndex.build(content, Embeddings.cachedIn(model, cache)).close();
    }

    @Benchmark
    public ArticleIndex build() {
        ArticleIndex index = ArticleIndex.build(content, Embeddings.cachedIn(model, cache));
        index.close();
        return index;
    }
}
