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
import org.alliancebot.embedding.Embeddings;
import org.alliancebot.safety.SafetyCheck;
import org.alliancebot.search.ArticleIndex;
import org.alliancebot.search.SavedIndexes;

/** Content with the search index and safety check built from it: always used, and swapped on reload, as one. */
public record Snapshot(Content content, ArticleIndex index, SafetyCheck safety) {

    /** Builds the index and both safety tiers for content known to be valid. */
    public static Snapshot of(Content content, Embeddings embeddings) {
        return new Snapshot(content, ArticleIndex.build(content, embeddings), safety(content, embeddings));
    }

    /** Words only: search by BM25 and the phrase rules alone, for tests that need no model. */
    public static Snapshot of(Content content) {
        return new Snapshot(content, ArticleIndex.build(content), SafetyCheck.of(content.safety()));
    }

    private static SafetyCheck safety(Content content, Embeddings embeddings) {
        return SafetyCheck.of(content.safety(), content.safetyExamples(), embeddings);
    }

    /**
     * Loads a content folder and builds its index, gathering the problems of both: some (a synonym that is also
     * a stop word) only show once the index is built.
     */
    public static Loaded load(Path dir, Embeddings embeddings) {
        return load(new ContentLoader(), dir, embeddings);
    }

    public static Loaded load(ContentLoader loader, Path dir, Embeddings embeddings) {
        return load(loader, dir, embeddings, SavedIndexes.none());
    }

    /** As {@link #load(Path, Embeddings)}, opening the index from {@code saved} when it holds this version's. */
    public static Loaded load(ContentLoader loader, Path dir, Embeddings embeddings, SavedIndexes saved) {
        LoadResult result = loader.load(dir);
        if (result.content().isEmpty()) {
            return new Loaded(Optional.empty(), result.problems());
        }
        Content content = result.content().get();
        // The safety check first: it holds no files, so if the model fails here nothing is left open.
        SafetyCheck safety = safety(content, embeddings);
        ArticleIndex index = ArticleIndex.build(content, embeddings, saved);
        List<Problem> problems = new ArrayList<>(result.problems());
        problems.addAll(index.problems());
        if (problems.stream().anyMatch(Problem::isError)) {
            index.close();
            return new Loaded(Optional.empty(), List.copyOf(problems));
        }
        return new Loaded(Optional.of(new Snapshot(content, index, safety)), List.copyOf(problems));
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
