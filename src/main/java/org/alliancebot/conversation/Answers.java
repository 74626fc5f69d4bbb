package org.alliancebot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alliancebot.content.Article;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.MessageSplitter;
import org.alliancebot.content.Tree;
import org.alliancebot.search.SearchResult;

/**
 * Answers typed questions from the articles, and sends whole articles. Used for free text and {@code /search},
 * inside a tree or out of one; the person's place in a tree is kept and offered back.
 */
final class Answers {

    /** Articles found for one question: the answer and up to two others offered as buttons. */
    static final int MAX_ANSWERS = 3;
    /** About how long an answer's passage may be before it is cut, in characters: a phone screen or so. */
    static final int ANSWER_LENGTH = 700;
    /** Results read from the index: three articles and room for a matching tree ranked among them. */
    private static final int RESULTS_READ = 5;

    /**
     * One answer, as a person would give it: the best passage in the editor's own Markdown (lists, emphasis and
     * links as written, nothing bolded for matching), cut at a paragraph, list item or sentence near
     * {@link #ANSWER_LENGTH} characters; then the next best matches and the matching tree as buttons.
     */
    Result answer(Turn turn, String question) {
        List<SearchResult> results = turn.snapshot().index().search(question, RESULTS_READ);
        List<SearchResult> articles = results.stream()
                .filter(r -> r.kind() == SearchResult.Kind.ARTICLE).limit(MAX_ANSWERS).toList();
        if (articles.isEmpty()) {
            return nothingFound(turn, results);
        }
        Content content = turn.content();
        SearchResult best = articles.getFirst();
        Optional<Article> article = content.article(best.id());
        if (article.isEmpty() || best.sectionIndex() >= article.get().sections().size()) {
            return nothingFound(turn, results);
        }
        List<Reply.Button> buttons = new ArrayList<>();
        buttons.add(readArticleButton(best.id()));
        for (SearchResult other : articles.subList(1, articles.size())) {
            buttons.add(new Reply.Button(Phrases.ALSO.formatted(other.title()),
                    new ButtonData.Passage(other.id(), other.sectionIndex()).encode()));
        }
        matchingTree(content, results, best).map(Answers::walkThrough).ifPresent(buttons::add);
        if (!turn.session().atMenu()) {
            buttons.add(Replies.RESUME);
        }
        return Result.of(turn.session(), passageReply(article.get(), best.sectionIndex(), buttons));
    }

    /** A passage offered under an answer, shown the same way, with its article and tree to go on with. */
    Result passage(Turn turn, ButtonData.Passage passage) {
        Content content = turn.content();
        Optional<Article> article = content.article(passage.article());
        if (article.isEmpty() || passage.section() >= article.get().sections().size()) {
            return nothingFound(turn, List.of());
        }
        List<Reply.Button> buttons = new ArrayList<>();
        buttons.add(readArticleButton(article.get().id()));
        content.trees(article.get().trees()).stream().findFirst().map(Answers::walkThrough).ifPresent(buttons::add);
        buttons.add(Replies.wayBack(turn.session()));
        return Result.of(turn.session(), passageReply(article.get(), passage.section(), buttons));
    }

    private static Reply.Button walkThrough(Tree tree) {
        return new Reply.Button(Phrases.WALK_THROUGH.formatted(tree.label()),
                new ButtonData.StartTree(tree.id()).encode());
    }

    private static Reply passageReply(Article article, int sectionIndex, List<Reply.Button> buttons) {
        Article.Section section = article.sections().get(sectionIndex);
        PassageCut.Cut cut = PassageCut.of(section.text().strip(), ANSWER_LENGTH);
        String text = cut.text() + (cut.cut() ? "\n\n" + Phrases.MORE_IN_ARTICLE : "");
        return new Reply(Reply.Kind.ANSWER, passage(article.title(), section.heading(), text), buttons, null);
    }

    /** Where the answer to a question lies, to be shown later without keeping the question. */
    ButtonData.CheckIn.Then then(Turn turn, String question) {
        List<SearchResult> results = turn.snapshot().index().search(question, 1);
        if (results.isEmpty()) {
            return ButtonData.CheckIn.Then.NOTHING;
        }
        SearchResult best = results.getFirst();
        return best.kind() == SearchResult.Kind.TREE ? ButtonData.CheckIn.Then.tree(best.id())
                : ButtonData.CheckIn.Then.passage(best.id(), best.sectionIndex());
    }

    /** Shows what {@link #then} found: the passage with its article and tree, the tree, or that nothing was. */
    Result after(Turn turn, ButtonData.CheckIn.Then then) {
        Content content = turn.content();
        Optional<Article> article = then.kind().equals("a") ? content.article(then.id()) : Optional.empty();
        if (article.isPresent() && then.section() < article.get().sections().size()) {
            return passage(turn, new ButtonData.Passage(article.get().id(), then.section()));
        }
        Optional<Tree> tree = then.kind().equals("t") ? content.tree(then.id()) : Optional.empty();
        if (tree.isPresent()) {
            return Result.of(turn.session(), Reply.notice(Markdown.escapeMarkdown(tree.get().about()),
                    List.of(Replies.startButton(tree.get()), Replies.wayBack(turn.session()))));
        }
        return nothingFound(turn, List.of());
    }

    /** A passage as an answer shows it: the article's title, the section's heading if it has one, then the text. */
    private static String passage(String title, String heading, String markdown) {
        String underTitle = heading.isEmpty() ? "" : "\\\n*" + Markdown.escapeMarkdown(heading) + "*";
        return "**" + Markdown.escapeMarkdown(title) + "**" + underTitle + "\n\n" + markdown;
    }

    private static Reply.Button readArticleButton(String article) {
        return new Reply.Button(Phrases.READ_ARTICLE, new ButtonData.ReadArticle(article).encode());
    }

    /** A tree the search found, else the best article's own related tree. */
    private static Optional<Tree> matchingTree(Content content, List<SearchResult> results, SearchResult best) {
        Optional<Tree> found = treeFound(content, results);
        if (found.isPresent()) {
            return found;
        }
        return content.article(best.id()).stream()
                .flatMap(a -> content.trees(a.trees()).stream())
                .findFirst();
    }

    /** The best tree among the results, if the search found one. */
    private static Optional<Tree> treeFound(Content content, List<SearchResult> results) {
        return results.stream()
                .filter(r -> r.kind() == SearchResult.Kind.TREE)
                .findFirst()
                .flatMap(r -> content.tree(r.id()));
    }

    private static Result nothingFound(Turn turn, List<SearchResult> results) {
        Content content = turn.content();
        List<Reply.Button> buttons = new ArrayList<>();
        // A tree can match where no article does: offer it before the general menu.
        treeFound(content, results).map(Replies::startButton).ifPresent(buttons::add);
        if (!turn.session().atMenu()) {
            buttons.add(Replies.RESUME);
        }
        content.trees(content.menu().trees()).stream().map(Replies::startButton)
                .filter(b -> !buttons.contains(b)).forEach(buttons::add);
        return Result.of(turn.session(), Reply.notice(Phrases.NOTHING_FOUND, buttons));
    }

    /** The whole article, in as many messages as it needs, with related topics under the last. */
    Result read(Turn turn, Article article) {
        Content content = turn.content();
        List<String> parts = MessageSplitter.split(article.toMarkdown());
        List<Reply.Button> buttons = new ArrayList<>();
        content.trees(article.trees()).stream().map(Replies::startButton).forEach(buttons::add);
        buttons.add(Replies.wayBack(turn.session()));
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            replies.add(new Reply(Reply.Kind.ARTICLE, parts.get(i),
                    i == parts.size() - 1 ? buttons : List.of(), null));
        }
        return new Result(turn.session(), replies);
    }
}
