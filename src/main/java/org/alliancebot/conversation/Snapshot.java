package org.alliancebot.conversation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.content.InvalidContentException;
import org.alliancebot.content.LoadResult;
import org.alliancebot.content.Problem;
import org.alliancebot.safety.SafetyCheck;
import org.alliancebot.search.ArticleIndex;

/** Content with the search index and safety check built from it: always used, and swapped on reload, as one. */
public record Snapshot(Content content, ArticleIndex index, SafetyCheck safety) {

    /** Builds the index and safety check for content known to be valid. */
    public static Snapshot of(Content content) {
        return new Snapshot(content, ArticleIndex.build(content), SafetyCheck.of(content.safety()));
    }

    /**
     * Loads a content folder and builds its index, gathering the problems of both: some (a synonym that is also
     * a stop word) only show once the index is built.
     */
    public static Loaded load(Path dir) {
        return load(new ContentLoader(), dir);
    }

    public static Loaded load(ContentLoader loader, Path dir) {
        LoadResult result = loader.load(dir);
        if (result.content().isEmpty()) {
            return new Loaded(Optional.empty(), result.problems());
        }
        Content content = result.content().get();
        ArticleIndex index = ArticleIndex.build(content);
        List<Problem> problems = new ArrayList<>(result.problems());
        problems.addAll(index.problems());
        if (problems.stream().anyMatch(Problem::isError)) {
            index.close();
            return new Loaded(Optional.empty(), List.copyOf(problems));
        }
        return new Loaded(Optional.of(new Snapshot(content, index, SafetyCheck.of(content.safety()))),
                List.copyOf(problems));
    }

    /** A snapshot, when the folder had no errors, and every problem found (warnings included). */
    public record Loaded(Optional<Snapshot> snapshot, List<Problem> problems) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(Problem::isError);
        }

        public Snapshot orThrow() {
            return snapshot.orElseThrow(() -> new InvalidContentException(problems));
        }
    }
}
