package org.alliancebot.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.Content;
import org.alliancebot.content.Markdown;
import org.alliancebot.content.NodeVersion;
import org.alliancebot.content.Safety;
import org.alliancebot.content.Tree;
import org.alliancebot.safety.SafetyCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point every channel uses: hand it what a person did, get back the replies to show. Reads the
 * person's session, acts on the input against one snapshot of the content, and stores the session again.
 * Typed text passes the safety check before anything else sees it.
 *
 * <p>Thread-safe for different chats; a channel must hand one chat's inputs over one at a time, in order.
 */
public final class Conversation {

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);

    /** Echoed words are cut to this length: enough to recognise, too little to fill a message. */
    private static final int QUOTE_LIMIT = 40;

    private final Supplier<Snapshot> snapshots;
    private final SessionStore sessions;
    private final FreeTextResponder freeText;
    private final FloodGuard flood;
    private final ChatLogIds logIds;
    private final Duration sessionIdle;
    private final Tally tally;
    private final Navigator navigator = new Navigator();
    private final Answers answers = new Answers();
    private final Map<String, Command> commands = new LinkedHashMap<>();

    /**
     * @param snapshots   the current content, index and safety check, read once per input
     * @param freeText    answers typed text that is not a command, once it has passed the safety check
     * @param sessionIdle how long a session lasts unused, as /privacy tells people
     */
    public Conversation(Supplier<Snapshot> snapshots, SessionStore sessions, FreeTextResponder freeText,
                        FloodGuard flood, ChatLogIds logIds, Duration sessionIdle) {
        this(snapshots, sessions, freeText, flood, logIds, sessionIdle, Tally.NONE);
    }

    /** @param tally counts what people do (never what they wrote), for editors' funnels */
    public Conversation(Supplier<Snapshot> snapshots, SessionStore sessions, FreeTextResponder freeText,
                        FloodGuard flood, ChatLogIds logIds, Duration sessionIdle, Tally tally) {
        this.tally = tally;
        this.snapshots = snapshots;
        this.sessions = sessions;
        this.freeText = freeText;
        this.flood = flood;
        this.logIds = logIds;
        this.sessionIdle = sessionIdle;
        add(new Command("start", "Welcome and main menu", this::start));
        add(new Command("menu", "Show the topics", (turn, arg) -> Result.of(turn.session().toMenu(),
                Replies.menu(turn.content()))));
        add(new Command("back", "Go back one step", (turn, arg) -> navigator.back(turn.content(), turn.session())));
        add(new Command("restart", "Start this topic again", (turn, arg) -> navigator.restart(turn.content(),
                turn.session())));
        add(new Command("search", "Search the articles: /search your question", this::search));
        add(new Command("sos", "Where to get urgent help", (turn, arg) -> sos(turn)));
        add(new Command("country", "Choose your country for crisis numbers", (turn, arg) -> chooseCountry(turn)));
        add(new Command("privacy", "What I keep about you, and why", this::privacy));
        add(new Command("forget", "Delete everything I keep about you", (turn, arg) -> new Result(Session.AT_MENU,
                List.of(Reply.notice(Phrases.FORGOTTEN, List.of())), true)));
        add(new Command("help", "How to use this bot", this::help));
    }

    public Conversation(Supplier<Snapshot> snapshots, SessionStore sessions, FreeTextResponder freeText) {
        this(snapshots, sessions, freeText, new FloodGuard(), ChatLogIds.random(), Duration.ofHours(24));
    }

    /** A conversation that answers typed text from the articles. */
    public Conversation(Supplier<Snapshot> snapshots, SessionStore sessions) {
        this(snapshots, sessions, searchAnswers());
    }

    /** The usual answer to typed text: the best passages of the articles. */
    public static FreeTextResponder searchAnswers() {
        return new Answers()::answer;
    }

    /** Adds or replaces a command. */
    public void add(Command command) {
        commands.put(command.name(), command);
    }

    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    public List<Reply> handle(ChatId chat, Input input) {
        return handle(chat, input, null);
    }

    /** @param languageCode the language the person's app reports, such as {@code en-GB}; may be null */
    public List<Reply> handle(ChatId chat, Input input, String languageCode) {
        switch (flood.admit(chat)) {
            case DROP -> {
                return List.of();
            }
            case NOTICE -> {
                return List.of(Reply.notice(Phrases.SLOW_DOWN, List.of()));
            }
            case ALLOW -> {
            }
        }
        Snapshot snapshot = snapshots.get();
        Session session = sessions.get(chat).orElse(Session.AT_MENU);
        Result result;
        if (!session.atMenu() && snapshot.content().node(session.at()).isEmpty()) {
            result = afterContentChange(new Turn(chat, snapshot, session, languageCode), input);
        } else {
            result = dispatch(new Turn(chat, snapshot, session, languageCode), input);
        }
        TurnCounts.count(tally, session, input, result);
        if (result.forget()) {
            sessions.delete(chat);
            flood.forget(chat);
        } else {
            sessions.put(chat, result.session());
        }
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
    private Result afterContentChange(Turn turn, Input input) {
        Result restarted = navigator.restartAfterChange(turn.content(), turn.session());
        boolean movesOn = input instanceof Input.Press
                || input instanceof Input.Command c && Set.of("back", "restart").contains(c.name());
        return movesOn ? restarted
                : dispatch(new Turn(turn.chat(), turn.snapshot(), restarted.session(), turn.languageCode()), input);
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
                    .map(tree -> navigator.start(turn.content(), turn.session(), tree))
                    .orElseGet(() -> stale(turn));
            case ButtonData.ReadArticle read -> turn.content().article(read.article())
                    .map(article -> answers.read(turn, article))
                    .orElseGet(() -> stale(turn));
            case ButtonData.Passage passage -> answers.passage(turn, passage);
            case ButtonData.Country country -> setCountry(turn, country.code());
            case ButtonData.CheckIn checkIn -> checkedIn(turn, checkIn);
            case ButtonData.Action action -> switch (action.name()) {
                case "menu" -> Result.of(turn.session().toMenu(), Replies.menu(turn.content()));
                case "back" -> navigator.back(turn.content(), turn.session());
                case "restart" -> navigator.restart(turn.content(), turn.session());
                case "resume" -> navigator.redisplay(turn.content(), turn.session());
                case "sos" -> sos(turn);
                case "country" -> chooseCountry(turn);
                default -> stale(turn);
            };
        };
    }

    /**
     * Only the buttons of the step on screen may move a person on, and only while that step means what it meant
     * when the buttons were drawn: a reload that changed the node makes its old buttons stale.
     */
    private static boolean belongsToCurrentStep(Turn turn, ButtonData.Press press) {
        return !turn.session().atMenu()
                && press.node().equals(turn.session().at())
                && turn.content().node(press.node())
                        .map(node -> NodeVersion.of(press.node(), node).equals(press.version()))
                        .orElse(false);
    }

    private Result stale(Turn turn) {
        return navigator.stale(turn.content(), turn.session());
    }

    private Result command(Turn turn, Input.Command input) {
        Command command = commands.get(input.name());
        if (command == null) {
            return Result.of(turn.session(), Replies.notice(turn.session(),
                    Phrases.UNKNOWN_COMMAND.formatted(quoted(input.name())) + "\n\n" + commandList()));
        }
        return command.handler().handle(turn, input.argument());
    }

    /** Typed text: checked for safety first, then answered. */
    private Result text(Turn turn, String typed) {
        String text = TypedText.clean(typed);
        if (text.isBlank()) {
            return Result.of(turn.session(), Replies.notice(turn.session(), Phrases.EMPTY));
        }
        Optional<Result> safety = safetyFirst(turn, text);
        if (safety.isPresent()) {
            return safety.get();
        }
        if (!TypedText.hasWords(text)) {
            return Result.of(turn.session(), Replies.notice(turn.session(), Phrases.NO_WORDS));
        }
        return freeText.respond(turn, text);
    }

    private Result search(Turn turn, String question) {
        String text = TypedText.clean(question);
        if (text.isBlank()) {
            return Result.of(turn.session(), Replies.notice(turn.session(), Phrases.SEARCH_HOW));
        }
        return safetyFirst(turn, text).orElseGet(() -> answers.answer(turn, text));
    }

    /**
     * The safety response when the text suggests danger or misconduct, or a check-in when the meaning tier is less
     * sure: it comes first and alone, with the person's place kept and offered back. Only the rule or example
     * that fired is logged, never the text.
     */
    private Optional<Result> safetyFirst(Turn turn, String text) {
        Optional<SafetyCheck.Verdict> verdict = turn.snapshot().safety().check(text);
        verdict.ifPresent(v -> {
            // The log id is a keyed hash, made only when the line is written (not in the quick commands).
            if (log.isInfoEnabled()) {
                log.info("Safety {} by {} for {}", v.tier().label(), v.rule(), logIds.of(turn.chat()));
            }
            tally.count(Tally.Event.SAFETY, v.category(), v.tier().label());
        });
        return verdict.map(v -> v.tier() == SafetyCheck.Tier.CHECK_IN ? checkIn(turn, v.category(), text)
                : respond(turn, v.category()));
    }

    private Result respond(Turn turn, String category) {
        Safety safety = turn.content().safety();
        String response = turn.country().fill(safety.responses().get(category));
        return Result.of(turn.session(), new Reply(Reply.Kind.SAFETY, response, safetyButtons(turn), null));
    }

    /**
     * One calm question with three answers. Where the answer to their question lies is decided now and carried in
     * the buttons, so that "No, I'm OK" can go on with it without anyone keeping what they wrote.
     */
    private Result checkIn(Turn turn, String category, String text) {
        ButtonData.CheckIn.Then then = answers.then(turn, text);
        String question = turn.country().fill(turn.content().safety().responses()
                .get(Safety.CHECK_IN_PREFIX + category));
        List<Reply.Button> buttons = List.of(
                checkInButton(Phrases.CHECK_IN_YES, ButtonData.CheckIn.Answer.YES, category, then),
                checkInButton(Phrases.CHECK_IN_NO, ButtonData.CheckIn.Answer.NO, category, then),
                checkInButton(Phrases.CHECK_IN_RATHER_NOT_SAY, ButtonData.CheckIn.Answer.RATHER_NOT_SAY, category,
                        then));
        return Result.of(turn.session(), new Reply(Reply.Kind.SAFETY, question, buttons, null));
    }

    private static Reply.Button checkInButton(String label, ButtonData.CheckIn.Answer answer, String category,
                                              ButtonData.CheckIn.Then then) {
        return new Reply.Button(label, new ButtonData.CheckIn(answer, category, then).encode());
    }

    /** Yes: the full response. No: a warm word, then their answer. Rather not say: the resources gently, then it. */
    private Result checkedIn(Turn turn, ButtonData.CheckIn checkIn) {
        if (log.isInfoEnabled()) {
            log.info("Safety check-in ({}) answered {} for {}", checkIn.category(), checkIn.answer(),
                    logIds.of(turn.chat()));
        }
        tally.count(Tally.Event.CHECK_IN_ANSWER, checkIn.category(),
                checkIn.answer().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        Safety safety = turn.content().safety();
        return switch (checkIn.answer()) {
            case YES -> respond(turn, checkIn.category());
            case NO -> answers.after(turn, checkIn.then()).after(Reply.notice(
                    turn.country().fill(safety.responses().get(Safety.CHECK_IN_OK)), List.of()));
            case RATHER_NOT_SAY -> answers.after(turn, checkIn.then()).after(new Reply(Reply.Kind.SAFETY,
                    turn.country().fill(safety.responses().get(Safety.CHECK_IN_UNSAID)), List.of(), null));
        };
    }

    private static List<Reply.Button> safetyButtons(Turn turn) {
        List<Reply.Button> buttons = new ArrayList<>();
        buttons.add(new Reply.Button(Phrases.CHOOSE_COUNTRY, new ButtonData.Action("country").encode()));
        buttons.add(Replies.wayBack(turn.session()));
        return buttons;
    }

    private Result sos(Turn turn) {
        Safety safety = turn.content().safety();
        return Result.of(turn.session(), new Reply(Reply.Kind.SAFETY,
                turn.country().fill(safety.responses().get(Safety.SOS)), safetyButtons(turn), null));
    }

    private Result chooseCountry(Turn turn) {
        List<Reply.Button> buttons = turn.content().safety().countries().values().stream()
                .map(c -> new Reply.Button(c.name(), new ButtonData.Country(c.code()).encode()))
                .toList();
        return Result.of(turn.session(), Reply.notice(Phrases.WHICH_COUNTRY, buttons));
    }

    private Result setCountry(Turn turn, String code) {
        Safety.Country country = turn.content().safety().countries().get(code);
        if (country == null) {
            return stale(turn);
        }
        Session session = turn.session().withCountry(code);
        Turn chosen = new Turn(turn.chat(), turn.snapshot(), session, turn.languageCode());
        return sos(chosen).after(Reply.notice(Phrases.COUNTRY_CHOSEN.formatted(Markdown.escapeMarkdown(country.name())),
                List.of()));
    }

    /** {@code /start} welcomes; {@code /start leaving} (a deep link) opens that tree straight away. */
    private Result start(Turn turn, String argument) {
        Content content = turn.content();
        if (argument.isBlank()) {
            return Result.of(turn.session().toMenu(), Replies.welcome(content));
        }
        Optional<Tree> tree = content.tree(argument.strip().toLowerCase(Locale.ROOT));
        if (tree.isEmpty()) {
            return Result.of(turn.session().toMenu(), Replies.welcome(content))
                    .after(Reply.notice(Phrases.UNKNOWN_TREE.formatted(quoted(argument)), List.of()));
        }
        return navigator.start(content, turn.session(), tree.get());
    }

    private Result privacy(Turn turn, String argument) {
        String idle = sessionIdle.toHours() >= 1 ? sessionIdle.toHours() + " hours" : sessionIdle.toMinutes()
                + " minutes";
        return Result.of(turn.session(), Replies.notice(turn.session(), Phrases.PRIVACY.formatted(idle)));
    }

    private Result help(Turn turn, String argument) {
        String text = turn.content().menu().help().strip() + "\n\n" + commandList();
        return Result.of(turn.session(), Replies.notice(turn.session(), text));
    }

    /** A person's own words, shortened and escaped so they show exactly as typed and never as formatting. */
    private static String quoted(String typed) {
        String text = TypedText.clean(typed).strip();
        if (text.codePointCount(0, text.length()) > QUOTE_LIMIT) {
            text = text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
        }
        return Markdown.escapeMarkdown(text);
    }

    private String commandList() {
        return commands.values().stream()
                .map(c -> "- /" + c.name() + " – " + c.description())
                .collect(Collectors.joining("\n"));
    }
}
