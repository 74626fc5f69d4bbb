package org.alliancebot.system;

import java.util.stream.Collectors;
import org.alliancebot.content.InvalidContentException;
import org.alliancebot.content.Problem;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start-up refused for bad content into the same {@code file:line:column: message} list as validate. */
class InvalidContentFailureAnalyzer extends AbstractFailureAnalyzer<InvalidContentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidContentException cause) {
        String problems = cause.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"));
        return new FailureAnalysis("The content folder has errors, so the bot will not start:\n\n" + problems,
                "Fix the problems above, then check with: java -jar target/alliance-bot.jar validate", cause);
    }
}
