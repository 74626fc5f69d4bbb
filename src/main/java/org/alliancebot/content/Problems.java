package org.alliancebot.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every problem found while loading and checking content, so that editors see them all at once rather
 * than one per run.
 */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();

    public void error(Location at, String format, Object... args) {
        found.add(new Problem(Problem.Severity.ERROR, at, format.formatted(args)));
    }

    public void warning(Location at, String format, Object... args) {
        found.add(new Problem(Problem.Severity.WARNING, at, format.formatted(args)));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    /**
     * Adds the schema's findings where the loader found nothing on the same line: there the loader's own message,
     * written for this exact mistake, says it better.
     */
    public void addWhereNothingElse(List<Problem> schemaProblems) {
        List<Problem> before = List.copyOf(found);
        for (Problem problem : schemaProblems) {
            boolean covered = before.stream().anyMatch(p -> p.at().file().equals(problem.at().file())
                    && p.at().line() == problem.at().line());
            if (!covered) {
                found.add(problem);
            }
        }
    }

    public boolean hasErrors() {
        return found.stream().anyMatch(Problem::isError);
    }

    /** Sorted by file and position, each reported once. */
    public List<Problem> list() {
        List<Problem> sorted = new ArrayList<>(found.stream().distinct().toList());
        Collections.sort(sorted);
        return List.copyOf(sorted);
    }
}
