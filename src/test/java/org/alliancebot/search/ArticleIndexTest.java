package org.alliancebot.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.List;
import org.alliancebot.content.Content;
import org.alliancebot.content.ContentFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleIndexTest {

    @TempDir
    Path dir;

    Content content;
    ArticleIndex index;

    @BeforeEach
    void build() {
        content = ContentFixture.withArticlesIn(dir).content();
        index = ArticleIndex.build(content);
    }

    @AfterEach
    void close() {
        index.close();
    }

    List<String> ids(String query) {
        return index.search(query, 5).stream().map(SearchResult::id).toList();
    }

    @Nested
    class Analysis {

        @Test
        void synonymsFindWordsTheArticleNeverUses() {
            assertThat(ids("angry at my shrink")).first().isEqualTo("anger");
        }

        @Test
        void multiWordSynonymsWork() {
            assertThat(ids("how to break up with a counsellor")).first().isEqualTo("ending");
        }

        @Test
        void britishAndAmericanSpellingsFindTheSame() {
            assertThat(ids("behavior at the last session")).isEqualTo(ids("behaviour at the last session"))
                    .first().isEqualTo("ending");
        }

        @Test
        void wordFormsMatchThroughStemming() {
            assertThat(ids("ending therapy")).first().isEqualTo("ending");
            assertThat(ids("anger")).isEqualTo(ids("angry"));
        }

        @Test
        void typosStillFindTheirArticle() {
            assertThat(ids("tranference")).first().isEqualTo("anger");
            assertThat(ids("angry at my therapsit")).first().isEqualTo("anger");
        }

        @Test
        void typoToleranceDoesNotFloodResults() {
            assertThat(ids("tranference")).containsExactly("anger");
        }

        @Test
        void shortWordsGetNoTypoLeeway() {
            assertThat(ids("ned")).isEmpty();
            assertThat(ids("therapist pasta")).as("pasta is not a typo of past").isEmpty();
        }
    }

    @Nested
    class Relevance {

        @Test
        void offTopicQuestionsFindNothing() {
            assertThat(ids("what's the weather in paris")).isEmpty();
            assertThat(ids("best pasta recipe")).isEmpty();
        }

        @Test
        void chatFillerAloneFindsNothing() {
            assertThat(ids("hi hello thanks")).isEmpty();
        }

        @Test
        void oneSharedWordOfATwoWordQuestionIsNotEnough() {
            assertThat(ids("therapist pasta")).isEmpty();
        }

        @Test
        void resultsCollapseToOnePerArticleWithTheBestPassage() {
            List<SearchResult> results = index.search("angry transference therapist", 5);

            assertThat(results).extracting(SearchResult::id).doesNotHaveDuplicates();
            assertThat(results.getFirst().section()).isEqualTo("Is it normal to be angry at my therapist?");
        }

        @Test
        void treesAreFoundByTheirTriggers() {
            assertThat(index.search("tired sleep", 5)).anySatisfy(r -> {
                assertThat(r.kind()).isEqualTo(SearchResult.Kind.TREE);
                assertThat(r.id()).isEqualTo("sleep");
                assertThat(r.title()).isEqualTo("Is my sleep getting in the way?");
            });
        }

        @Test
        void limitIsRespected() {
            assertThat(index.search("therapist end angry", 1)).hasSize(1);
            assertThat(index.search("therapist", 0)).isEmpty();
        }

        @Test
        void resultsAreBestFirst() {
            List<SearchResult> results = index.search("therapist end angry transference", 5);

            assertThat(results).extracting(SearchResult::score).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        }
    }

    @Nested
    class Snippets {

        @Test
        void shortSectionIsShownWholeWithMatchesMarked() {
            SearchResult result = index.search("transference", 1).getFirst();

            assertThat(result.snippet().text())
                    .isEqualTo("Transference is when feelings from the past land on the therapist in the room.");
            assertThat(result.snippet().highlights()).first()
                    .isEqualTo(new Snippet.Range(0, "Transference".length()));
        }

        @Test
        void markdownIsRemovedFromSnippets() {
            assertThat(index.search("angry at my therapist", 1).getFirst().snippet().text())
                    .contains("feel angry with").doesNotContain("**");
        }

        @Test
        void longSectionIsCutBetweenWordsToTheLimit(@TempDir Path other) {
            String sentence = "Feelings about a therapist can change from week to week and that is normal. ";
            String body = "## Long\n\n" + sentence.repeat(40);
            Content longContent = ContentFixture.withArticlesIn(other)
                    .write("articles/ending.md", ContentFixture.ENDING.replace(
                            "## How do I end therapy?", body + "\n## How do I end therapy?"))
                    .content();
            try (ArticleIndex longIndex = ArticleIndex.build(longContent)) {
                Snippet snippet = longIndex.search("feelings week normal", 1).getFirst().snippet();

                assertThat(snippet.text().length()).isLessThanOrEqualTo(Snippet.MAX_LENGTH + 1);
                assertThat(snippet.text()).matches("(?s)(… )?Feelings.*[a-z.]( …)?…?");
                assertThat(sentence.repeat(40)).contains(snippet.text().replace("…", "").strip().split(" … ")[0]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\"", "AND OR NOT", "title:foo", "*", "?~^", "\\", "(((", "+-&&||!",
            "👍👍👍", "مرحبا معالجي", "\u0000\u0001", "a\u202Eb", "/start", "therapist~2", "\"unclosed phrase"})
    void anyTextIsSearchedWithoutError(String text) {
        assertThatCode(() -> index.search(text, 5)).doesNotThrowAnyException();
    }

    @Test
    void manyThreadsSearchAtOnceAndAgree() throws Exception {
        List<String> expected = ids("angry at my shrink");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<List<String>>>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> ids("angry at my shrink")));
            }
            for (var future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        }
    }

    @Test
    void veryLongTextIsBounded() {
        assertThat(index.search("angry therapist ".repeat(5_000), 5)).isNotEmpty();
    }

    @Test
    void synonymLineUsingAStopWordIsReported(@TempDir Path other) {
        Content bad = ContentFixture.withArticlesIn(other)
                .write("search/synonyms.txt", "therapist, counsellor\nhate, can't stand\n")
                .write("search/stopwords.txt", "can't\n")
                .content();
        try (ArticleIndex badIndex = ArticleIndex.build(bad)) {
            assertThat(badIndex.problems()).singleElement().satisfies(p -> {
                assertThat(p.at().file()).endsWith("search/synonyms.txt");
                assertThat(p.at().line()).isEqualTo(2);
                assertThat(p.message()).contains("cannot be used");
            });
            assertThat(badIndex.search("counsellor angry", 1)).isNotEmpty();
        }
    }
}
