package org.alliancebot.content;

import java.util.List;
import java.util.Optional;

/** Content, when it had no errors, and every problem found while loading it (warnings included). */
public record LoadResult(Optional<Content> content, List<Problem> problems) {

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** The content, or an exception listing every problem when there were errors. */
    public Content orThrow() {
        return content.orElseThrow(() -> new InvalidContentException(problems));
    }
}
