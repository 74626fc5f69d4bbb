package org.alliancebot.conversation;

import java.util.ArrayList;
import java.util.List;
import org.alliancebot.content.Article;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.Content;
import org.alliancebot.content.Menu;
import org.alliancebot.content.Node;
import org.alliancebot.content.NodeRef;
import org.alliancebot.content.NodeVersion;
import org.alliancebot.content.Ref;
import org.alliancebot.content.Tree;

/** Turns content into replies: what a node, the menu or a notice looks like, and which buttons go under it. */
final class Replies {

    private Replies() {
    }

    static final Reply.Button MAIN_MENU = new Reply.Button(Phrases.MAIN_MENU, ButtonData.Action.MENU.encode());
    static final Reply.Button RESUME = new Reply.Button(Phrases.RESUME, new ButtonData.Action("resume").encode());

    static Reply welcome(Content content) {
        Menu menu = content.menu();
        return new Reply(Reply.Kind.MENU, menu.welcome().strip() + "\n\n" + menu.disclaimer().strip(),
                menuButtons(content), null);
    }

    static Reply menu(Content content) {
        return new Reply(Reply.Kind.MENU, Phrases.MENU, menuButtons(content), null);
    }

    /** The menu's trees, then its articles. */
    private static List<Reply.Button> menuButtons(Content content) {
        List<Reply.Button> buttons = new ArrayList<>();
        content.trees(content.menu().trees()).stream().map(Replies::startButton).forEach(buttons::add);
        content.menu().articles().stream().map(Ref::id).flatMap(id -> content.article(id).stream())
                .map(Replies::readButton).forEach(buttons::add);
        buttons.add(new Reply.Button(Phrases.GET_HELP, new ButtonData.Action("sos").encode()));
        return buttons;
    }

    static Reply.Button readButton(Article article) {
        return new Reply.Button(article.title(), new ButtonData.ReadArticle(article.id()).encode());
    }

    static Reply.Button startButton(Tree tree) {
        return new Reply.Button(tree.label(), new ButtonData.StartTree(tree.id()).encode());
    }

    /** The reply for a node a person can see: a question, message or outcome. */
    static Reply node(Content content, NodeRef ref, Node node) {
        return switch (node) {
            case Node.Question q -> new Reply(Reply.Kind.STEP, q.text(), pressButtons(ref, node,
                    q.choices().stream().map(Node.Choice::label).toList()), ref);
            case Node.Message m -> new Reply(Reply.Kind.STEP, m.text(),
                    pressButtons(ref, node, List.of(Phrases.CONTINUE)), ref);
            case Node.Outcome o -> {
                List<Reply.Button> buttons = new ArrayList<>();
                o.followUps().forEach(f -> content.tree(f.id()).map(Replies::startButton).ifPresent(buttons::add));
                o.articles().forEach(a -> content.article(a.id()).map(Replies::readButton).ifPresent(buttons::add));
                buttons.add(MAIN_MENU);
                yield new Reply(Reply.Kind.OUTCOME, "**" + o.title().strip() + "**\n\n" + o.text().strip(),
                        buttons, ref);
            }
            case Node.Check c -> throw new IllegalArgumentException("checks are never shown: " + ref);
            case Node.Goto g -> throw new IllegalArgumentException("gotos are never shown: " + ref);
        };
    }

    private static List<Reply.Button> pressButtons(NodeRef ref, Node node, List<String> labels) {
        String version = NodeVersion.of(ref, node);
        List<Reply.Button> buttons = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            buttons.add(new Reply.Button(labels.get(i), new ButtonData.Press(version, ref, i).encode()));
        }
        return buttons;
    }

    /** The one way back a reply offers: to the step the person was at, or to the menu if they were there. */
    static Reply.Button wayBack(Session session) {
        return session.atMenu() ? MAIN_MENU : RESUME;
    }

    /** A note with a way back into the conversation: to the current step, or to the menu. */
    static Reply notice(Session session, String text) {
        return Reply.notice(text, session.atMenu() ? List.of(MAIN_MENU) : List.of(RESUME, MAIN_MENU));
    }
}
