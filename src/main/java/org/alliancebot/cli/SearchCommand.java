package org.alliancebot.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.alliancebot.search.SearchResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code search [--json] [--limit N] [--content DIR] QUERY...}: what the bot would find for a question. The JSON
 * form is a contract other tools rely on: one object, {@code {"query": ..., "results": [...], "safety": ...}}, exit
 * code 0 for any query.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search the articles and trees as the bot does, and print the results, best first.")
final class SearchCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--json", description = "print one JSON object instead of text for a person")
    private boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "5", description = "at most N results (default 5)")
    private int limit;

    @Mixin
    private LoadedContent loadedContent;

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "the question, as a person would type it")
    private List<String> words = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String query = String.join(" ", words);
        var loaded = loadedContent.snapshot();
        if (loaded.isEmpty()) {
            return 1;
        }
        var snapshot = loaded.get();
        try (var index = snapshot.index()) {
            List<SearchResult> results = index.search(query, Math.max(0, limit));
            String safety = snapshot.safety().check(query).map(v -> v.category()).orElse(null);
            if (json) {
                out.println(JSON.writeValueAsString(asJson(query, results, safety)));
            } else {
                print(out, query, results);
            }
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> asJson(String query, List<SearchResult> results, String safety) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (SearchResult r : results) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", r.kind().label());
            item.put("id", r.id());
            item.put("title", r.title());
            // Fused scores are small (about 0.01 to 0.05): four decimals keep the ranks apart.
            item.put("score", Math.round(r.score() * 10_000) / 10_000.0);
            item.put("snippet", r.snippet().text());
            items.add(item);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("query", query);
        object.put("results", items);
        // The category the bot's safety check gives the same text, or null: the bot would answer with crisis
        // resources instead of these results.
        object.put("safety", safety);
        return object;
    }

    private static void print(PrintWriter out, String query, List<SearchResult> results) {
        if (results.isEmpty()) {
            out.println("Nothing relevant found for \"" + query + "\".");
            return;
        }
        int rank = 0;
        for (SearchResult r : results) {
            out.printf("%d. %s  [%s %s, score %.4f]%n", ++rank, r.title(), r.kind().label(), r.id(), r.score());
            if (!r.section().isEmpty()) {
                out.println("   section: " + r.section());
            }
            out.println("   " + r.snippet().text());
            out.println();
        }
    }
}
