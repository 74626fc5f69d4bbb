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
import org.alliancebot.search.ArticleIndex;

/** Content and the search index built from it: always used, and swapped on reload, as one. */
public record Snapshot(Content content, ArticleIndex index) {

    /** Builds the index for content that is known to be valid; a few milliseconds for the shipped articles. */
    public static Snapshot of(Content content) {
        return new Snapshot(content, ArticleIndex.build(content));
    }

    /**
     * Loads a content folder and builds its index, gathering the problems of both: some (a synonym that is also
     * a stop word) only show once the index is built.
     */
    public static Loaded load(Path dir) {
        LoadResult result = new ContentLoader().load(dir);
        if (result.content().isEmpty()) {
            return new Loaded(Optional.empty(), result.problems());
        }
        ArticleIndex index = ArticleIndex.build(result.content().get());
        List<Problem> problems = new ArrayList<>(result.problems());
        problems.addAll(index.problems());
        if (problems.stream().anyMatch(Problem::isError)) {
            index.close();
            return new Loaded(Optional.empty(), List.copyOf(problems));
        }
        return new Loaded(Optional.of(new Snapshot(result.content().get(), index)), List.copyOf(problems));
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
