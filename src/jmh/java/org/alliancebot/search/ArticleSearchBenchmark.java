package org.alliancebot.search;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alliancebot.content.Content;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one search, as a person's question reaches the bot: analysis, query building, the question's
 * embedding, BM25 and kNN search, fusion, collapsing
 * and snippets, for the five results the bot asks for (and the command line shows by default). Questions cycle through the labelled set, on-topic and off-topic alike. Sample-time mode reports
 * the median and p99. Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="ArticleSearchBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ArticleSearchBenchmark {

    @Param({"shipped", "generated-2000"})
    public String corpus;

    private ArticleIndex index;
    private List<String> questions;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Content content = corpus.equals("shipped") ? GeneratedCorpus.shipped() : GeneratedCorpus.of(2_000, 42);
        index = ArticleIndex.build(content, TestEmbeddings.miniLm());
        questions = LabelledQuestions.load().questions().stream().map(LabelledQuestions.Question::q).toList();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        index.close();
    }

    @Benchmark
    public List<SearchResult> search() {
        String question = questions.get(next);
        next = (next + 1) % questions.size();
        return index.search(question, 5);
    }
}
