package org.alliancebot.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.safety.SafetyCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code safety-check [--json] [--content DIR] TEXT...}: whether a phrase would get the crisis response or a
 * check-in, and which rule or example says so. The JSON form is a contract: {@code {"text": ..., "category":
 * ...|null, "rule": ...|null, "tier": "respond"|"check-in"|null, "score": ...|null}}, exit 0 either way. For a
 * phrase rule {@code score} is null; for the meaning tier it is the similarity of the nearest crisis example,
 * whose id {@code rule} names.
 */
@Command(name = "safety-check", mixinStandardHelpOptions = true,
        description = "Check a phrase against the safety rules, as the bot checks every typed message.")
final class SafetyCheckCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--json", description = "print one JSON object instead of text for a person")
    private boolean json;

    @Mixin
    private LoadedContent loadedContent;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "the phrase, as a person would type it")
    private List<String> words = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // Made first, so the model loads while the content is read and checked.
        Embeddings embeddings = Models.embeddings();
        var content = loadedContent.content();
        if (content.isEmpty()) {
            return 1;
        }
        String text = String.join(" ", words);
        Optional<SafetyCheck.Verdict> verdict = SafetyCheck.of(content.get().safety(),
                content.get().safetyExamples(), embeddings).check(text);
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("text", text);
            object.put("category", verdict.map(SafetyCheck.Verdict::category).orElse(null));
            object.put("rule", verdict.map(SafetyCheck.Verdict::rule).orElse(null));
            object.put("tier", verdict.map(v -> v.tier().label()).orElse(null));
            object.put("score", verdict.map(SafetyCheck.Verdict::score).map(Models::rounded).orElse(null));
            out.println(JSON.writeValueAsString(object));
        } else {
            out.println(verdict.map(SafetyCheckCommand::describe)
                    .orElse("nothing fires: the bot would answer this as usual"));
        }
        out.flush();
        return 0;
    }

    private static String describe(SafetyCheck.Verdict verdict) {
        String action = verdict.tier() == SafetyCheck.Tier.RESPOND ? "the " + verdict.category() + " response"
                : "a check-in about " + verdict.category();
        return verdict.byRule() ? action + " (rule " + verdict.rule() + ")"
                : action + " (nearest example " + verdict.rule() + ", similarity " + Models.rounded(verdict.score())
                        + ")";
    }
}
