package org.alliancebot.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Articles and search word lists: read with their front matter, sections and locations, and checked. */
class ArticleLoadingTest {

    @TempDir
    Path dir;

    ContentFixture fixture() {
        return ContentFixture.withArticlesIn(dir);
    }

    static boolean at(Problem p, String file, int line, String text) {
        return p.at().file().endsWith(file) && p.at().line() == line && p.message().contains(text);
    }

    @Test
    void articleIsReadWithFrontMatterAndSections() {
        LoadResult result = fixture().load();

        assertThat(result.problems()).isEmpty();
        Article anger = result.orThrow().article("anger").orElseThrow();
        assertThat(anger.title()).isEqualTo("Anger at your therapist");
        assertThat(anger.tags()).containsExactly("anger", "transference");
        assertThat(anger.trees()).extracting(Ref::id).containsExactly("sleep");
        assertThat(anger.furtherReading()).containsExactly(
                new Article.Source("Signs of a strong therapeutic alliance", "Counselling Directory"));
        assertThat(anger.reviewed()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(anger.sections()).extracting(Article.Section::heading)
                .containsExactly("Is it normal to be angry at my therapist?", "What is transference?");
        assertThat(anger.sections().get(1).at().line()).isEqualTo(17);
    }

    @Test
    void wholeArticleReadsAsChatMarkdown() {
        String markdown = fixture().content().article("anger").orElseThrow().toMarkdown();

        assertThat(markdown).startsWith("**Anger at your therapist**\n\n**Is it normal to be angry at my therapist?**")
                .contains("*Further reading:*", "- Signs of a strong therapeutic alliance (Counselling Directory)");
    }

    @Test
    void frontMatterProblemsNameTheFilesOwnLines() {
        LoadResult result = fixture().write("articles/anger.md", ContentFixture.ANGER.replace("tags:", "tgas:")).load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 5,
                "unknown key 'tgas' in the front matter (did you mean 'tags'?)"));
    }

    @Test
    void missingFrontMatterIsReported() {
        LoadResult result = fixture().write("articles/anger.md", "## Just text\n\nHello.\n").load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 1, "starts with front matter"));
    }

    @Test
    void unclosedFrontMatterIsReported() {
        LoadResult result = fixture().write("articles/anger.md", "---\nid: anger\n").load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 1, "never closed"));
    }

    @Test
    void reviewedMustBeADate() {
        LoadResult result = fixture().write("articles/anger.md",
                ContentFixture.ANGER.replace("reviewed: 2026-11-23", "reviewed: last week")).load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 10, "YYYY-MM-DD"));
    }

    @Test
    void articleIdMustMatchItsFileName() {
        LoadResult result = fixture().write("articles/anger.md", ContentFixture.ANGER.replace("id: anger", "id: rage"))
                .load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 2, "does not match its file name"));
    }

    @Test
    void outcomeLinkingAMissingArticleIsAnError() {
        LoadResult result = fixture().sleepWith("articles: [anger]", "articles: [angre]").load();

        assertThat(result.problems()).anyMatch(p -> p.isError()
                && at(p, "trees/sleep.yaml", 29, "names article 'angre', which does not exist (did you mean 'anger'?)"));
    }

    @Test
    void articleTreeThatDoesNotExistIsAnError() {
        LoadResult result = fixture().write("articles/anger.md",
                ContentFixture.ANGER.replace("trees: [sleep]", "trees: [slep]")).load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 6, "names tree 'slep'"));
    }

    @Test
    void articleNobodyLinksIsWarned() {
        LoadResult result = fixture().write("menu.yaml", ContentFixture.MENU).load();

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.message()).contains("article 'ending' is not linked from any outcome or the menu");
        });
    }

    @Test
    void linkedArticleTitleMustFitOnAButton() {
        LoadResult result = fixture().write("articles/anger.md", ContentFixture.ANGER.replace(
                "title: Anger at your therapist", "title: " + "A".repeat(41))).load();

        assertThat(result.problems()).anyMatch(p -> at(p, "articles/anger.md", 2, "buttons fit 40 at most"));
    }

    @Test
    void synonymLineWithStrayCommaIsAnError() {
        LoadResult result = fixture().write("search/synonyms.txt", "therapist, counsellor\nquit,, end\n").load();

        assertThat(result.problems()).anyMatch(p -> at(p, "search/synonyms.txt", 2, "stray comma"));
    }

    @Test
    void synonymLineWithOddCharactersIsAnError() {
        LoadResult result = fixture().write("search/synonyms.txt", "quit, le*ave\n").load();

        assertThat(result.problems()).anyMatch(p -> at(p, "search/synonyms.txt", 1, "words only"));
    }

    @Test
    void stopWordsAreOneALine() {
        LoadResult result = fixture().write("search/stopwords.txt", "hi\nhello there\n").load();

        assertThat(result.problems()).anyMatch(p -> at(p, "search/stopwords.txt", 2, "one stop word a line"));
    }
}
