package org.alliancebot.content;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when content has errors; carries every problem found so the caller can show them all. */
public final class InvalidContentException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidContentException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        return "content has " + errors + (errors == 1 ? " error" : " errors") + ":\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
