package org.alliancebot.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.Tree;

/**
 * The one entry point every channel uses: hand it what a person did, get back the replies to show. Reads the
 * person's session, acts on the input against one content snapshot, and stores the session again.
 *
 * <p>Thread-safe for different chats; a channel must hand one chat's inputs over one at a time, in order.
 */
public final class Conversation {

    /** Echoed words are cut to this length: enough to recognise, too little to fill a message. */
    private static final int QUOTE_LIMIT = 40;

    private final Supplier<Snapshot> snapshots;
    private final SessionStore sessions;
    private final FreeTextResponder freeText;
    private final Navigator navigator = new Navigator();
    private final Answers answers = new Answers();
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param snapshots the current content and index, read once per input
     * @param freeText  answers typed text that is not a command
     */
    public Conversation(Supplier<Snapshot> snapshots, SessionStore sessions, FreeTextResponder freeText) {
        this.snapshots = snapshots;
        this.sessions = sessions;
        this.freeText = freeText;
        add(new Command("start", "Welcome and main menu", this::start));
        add(new Command("menu", "Show the topics", (turn, arg) -> Result.of(Session.AT_MENU, Replies.menu(turn.content()))));
        add(new Command("back", "Go back one step", (turn, arg) -> navigator.back(turn.content(), turn.session())));
        add(new Command("restart", "Start this topic again", (turn, arg) -> navigator.restart(turn.content(), turn.session())));
        add(new Command("search", "Search the articles: /search your question", this::search));
        add(new Command("help", "How to use this bot", this::help));
    }

    /** A conversation that answers typed text from the articles. */
    public Conversation(Supplier<Snapshot> snapshots, SessionStore sessions) {
        this(snapshots, sessions, new Answers()::answer);
    }

    /** Adds or replaces a command; later features (search, safety, privacy) register theirs here. */
    public void add(Command command) {
        commands.put(command.name(), command);
    }

    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    public List<Reply> handle(ChatId chat, Input input) {
        Snapshot snapshot = snapshots.get();
        Session session = sessions.get(chat).orElse(Session.AT_MENU);
        Result result;
        if (!session.atMenu() && snapshot.content().node(session.at()).isEmpty()) {
            result = afterContentChange(chat, snapshot, session, input);
        } else {
            result = dispatch(new Turn(chat, snapshot, session), input);
        }
        sessions.put(chat, result.session());
        return result.replies();
    }

    private Result dispatch(Turn turn, Input input) {
        return switch (input) {
            case Input.Press press -> press(turn, press.data());
            case Input.Command command -> command(turn, command);
            case Input.Text text -> text(turn, text.text());
        };
    }

    /**
     * The person's step was removed by a content update. Moving on from it (a button, back) cannot mean what
     * they intended, so they get a notice and the start of their tree; anything else is handled from there.
     */
    private Result afterContentChange(ChatId chat, Snapshot snapshot, Session lost, Input input) {
        Result restarted = navigator.restartAfterChange(snapshot.content(), lost);
        boolean movesOn = input instanceof Input.Press
                || input instanceof Input.Command c && Set.of("back", "restart").contains(c.name());
        return movesOn ? restarted : dispatch(new Turn(chat, snapshot, restarted.session()), input);
    }

    private Result press(Turn turn, String data) {
        Optional<ButtonData> parsed = ButtonData.parse(data);
        if (parsed.isEmpty()) {
            return stale(turn);
        }
        return switch (parsed.get()) {
            case ButtonData.Press press -> belongsToCurrentStep(turn, press)
                    ? navigator.press(turn.content(), turn.session(), press) : stale(turn);
            case ButtonData.StartTree start -> turn.content().tree(start.tree())
                    .map(tree -> navigator.start(turn.content(), tree))
                    .orElseGet(() -> stale(turn));
            case ButtonData.ReadArticle read -> turn.content().article(read.article())
                    .map(article -> answers.read(turn, article))
                    .orElseGet(() -> stale(turn));
            case ButtonData.Action action -> switch (action.name()) {
                case "menu" -> Result.of(Session.AT_MENU, Replies.menu(turn.content()));
                case "back" -> navigator.back(turn.content(), turn.session());
                case "restart" -> navigator.restart(turn.content(), turn.session());
                case "resume" -> navigator.redisplay(turn.content(), turn.session());
                default -> stale(turn);
            };
        };
    }

    /** Only the buttons of the step on screen, from the content it was drawn with, may move a person on. */
    private static boolean belongsToCurrentStep(Turn turn, ButtonData.Press press) {
        return press.version().equals(turn.content().version())
                && !turn.session().atMenu()
                && press.node().equals(turn.session().at());
    }

    private Result stale(Turn turn) {
        return navigator.redisplay(turn.content(), turn.session())
                .after(new Reply(Reply.Kind.REFUSED, Phrases.STALE_BUTTON, List.of(), null));
    }

    private Result command(Turn turn, Input.Command input) {
        Command command = commands.get(input.name());
        if (command == null) {
            return Result.of(turn.session(), Replies.notice(turn.session(),
                    Phrases.UNKNOWN_COMMAND.formatted(quoted(input.name())) + "\n\n" + commandList()));
        }
        return command.handler().handle(turn, input.argument());
    }

    private Result text(Turn turn, String text) {
        if (text.isBlank()) {
            return Result.of(turn.session(), Replies.notice(turn.session(), Phrases.EMPTY));
        }
        return freeText.respond(turn, text);
    }

    /** {@code /start} welcomes; {@code /start leaving} (a deep link) opens that tree straight away. */
    private Result start(Turn turn, String argument) {
        Content content = turn.content();
        if (argument.isBlank()) {
            return Result.of(Session.AT_MENU, Replies.welcome(content));
        }
        Optional<Tree> tree = content.tree(argument.strip().toLowerCase(java.util.Locale.ROOT));
        if (tree.isEmpty()) {
            return Result.of(Session.AT_MENU, Replies.welcome(content))
                    .after(Reply.notice(Phrases.UNKNOWN_TREE.formatted(quoted(argument)), List.of()));
        }
        return navigator.start(content, tree.get());
    }

    private Result search(Turn turn, String question) {
        if (question.isBlank()) {
            return Result.of(turn.session(), Replies.notice(turn.session(), Phrases.SEARCH_HOW));
        }
        return answers.answer(turn, question);
    }

    private Result help(Turn turn, String argument) {
        String text = turn.content().menu().help().strip() + "\n\n" + commandList();
        return Result.of(turn.session(), Replies.notice(turn.session(), text));
    }

    /** A person's own words, shortened and escaped so they show exactly as typed and never as formatting. */
    private static String quoted(String typed) {
        String text = typed.strip();
        if (text.codePointCount(0, text.length()) > QUOTE_LIMIT) {
            text = text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
        }
        return Markdown.escapeMarkdown(text);
    }

    private String commandList() {
        List<String> lines = new ArrayList<>();
        commands.values().forEach(c -> lines.add("- /" + c.name() + " – " + c.description()));
        return lines.stream().collect(Collectors.joining("\n"));
    }
}
