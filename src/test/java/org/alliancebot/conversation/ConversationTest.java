package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.alliancebot.content.ButtonData;
import org.alliancebot.content.ContentFixture;
import org.alliancebot.content.NodeRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationTest implements PersonInChat {

    static final String WALK = """
            id: walk
            title: A walk through every kind of node
            label: Walk
            about: Used by tests.
            start: first
            nodes:
              first:
                question: First question?
                choices:
                  - label: Red
                    next: second
                    flags: [red]
                    score: 2
                  - label: Blue
                    next: second
              second:
                question: Second question?
                choices:
                  - label: "Yes"
                    next: note
                    score: 1
                  - label: "No"
                    next: note
              note:
                message: A short *note*.
                next: weigh
              weigh:
                check:
                  - if: { flag: red, score-at-least: 3 }
                    next: both
                  - if: { score-at-least: 1 }
                    next: some
                else: away
              both:
                outcome: Both
                text: Red and yes.
                follow-ups: [sleep]
              some:
                outcome: Some
                text: Something.
              away:
                goto: sleep/fine
            """;

    @TempDir
    Path dir;

    final ChatId chat = new ChatId("42");
    final CaffeineSessionStore store = new CaffeineSessionStore(Duration.ofHours(1), 100);
    final AtomicReference<Snapshot> content = new AtomicReference<>();
    Conversation conversation;

    @BeforeEach
    void setUp() {
        content.set(Snapshot.of(ContentFixture.validIn(dir)
                .write("menu.yaml", ContentFixture.MENU.replace("[sleep]", "[sleep, walk]"))
                .write("trees/walk.yaml", WALK)
                .content()));
        conversation = new Conversation(content::get, store);
    }

    @Override
    public Conversation conversation() {
        return conversation;
    }

    @Override
    public ChatId chat() {
        return chat;
    }

    static List<String> labels(List<Reply> replies) {
        return replies.getLast().buttons().stream().map(Reply.Button::label).toList();
    }

    static String text(List<Reply> replies) {
        return String.join("\n", replies.stream().map(Reply::text).toList());
    }

    Session session() {
        return store.get(chat).orElseThrow();
    }

    @Nested
    class Starting {

        @Test
        void startShowsWelcomeDisclaimerAndTheMenu() {
            List<Reply> replies = typed("/start");

            assertThat(replies).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(Reply.Kind.MENU);
                assertThat(r.text()).contains("Hello there.", "not therapy or an emergency service");
            });
            assertThat(labels(replies)).containsExactly("Sleep and therapy", "Walk", "Get help now");
        }

        @Test
        void startWithTreeIdOpensThatTreeDirectly() {
            List<Reply> replies = typed("/start walk");

            assertThat(replies).singleElement().satisfies(r -> {
                assertThat(r.text()).isEqualTo("First question?");
                assertThat(r.node()).isEqualTo(new NodeRef("walk", "first"));
            });
        }

        @Test
        void startWithUnknownTreeSaysSoAndShowsTheMenu() {
            List<Reply> replies = typed("/start nosuch");

            assertThat(text(replies)).contains("I don't have a topic called \"nosuch\"", "Hello there.");
            assertThat(session().atMenu()).isTrue();
        }

        @Test
        void menuButtonStartsItsTree() {
            List<Reply> replies = press(typed("/start"), "Walk");

            assertThat(replies.getLast().text()).isEqualTo("First question?");
            assertThat(labels(replies)).containsExactly("Red", "Blue");
        }
    }

    @Nested
    class Walking {

        @Test
        void choiceMovesToItsNextNode() {
            List<Reply> replies = press(typed("/start walk"), "Red");

            assertThat(replies.getLast().text()).isEqualTo("Second question?");
            assertThat(session().flags()).containsExactly("red");
            assertThat(session().score()).isEqualTo(2);
        }

        @Test
        void messageOffersContinue() {
            List<Reply> replies = press(press(typed("/start walk"), "Red"), "Yes");

            assertThat(replies.getLast().text()).isEqualTo("A short *note*.");
            assertThat(labels(replies)).containsExactly("Continue");
        }

        @Test
        void checkRoutesOnFlagAndScoreTogether() {
            List<Reply> replies = press(press(press(typed("/start walk"), "Red"), "Yes"), "Continue");

            assertThat(replies.getLast().kind()).isEqualTo(Reply.Kind.OUTCOME);
            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("walk", "both"));
            assertThat(replies.getLast().text()).startsWith("**Both**").contains("Red and yes.");
        }

        @Test
        void checkTakesTheFirstRuleThatHolds() {
            List<Reply> replies = press(press(press(typed("/start walk"), "Blue"), "Yes"), "Continue");

            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("walk", "some"));
        }

        @Test
        void checkFallsBackToElseAndGotoContinuesInAnotherTree() {
            List<Reply> replies = press(press(press(typed("/start walk"), "Blue"), "No"), "Continue");

            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("sleep", "fine"));
        }

        @Test
        void outcomeOffersFollowUpsThenMainMenu() {
            List<Reply> replies = press(press(press(typed("/start walk"), "Red"), "Yes"), "Continue");

            assertThat(labels(replies)).containsExactly("Sleep and therapy", "Main menu");
        }

        @Test
        void followUpStartsThatTreeFresh() {
            List<Reply> outcome = press(press(press(typed("/start walk"), "Red"), "Yes"), "Continue");
            List<Reply> replies = press(outcome, "Sleep and therapy");

            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("sleep", "tired"));
            assertThat(session().flags()).isEmpty();
            assertThat(session().history()).isEmpty();
        }

        @Test
        void mainMenuButtonReturnsToTheMenu() {
            List<Reply> outcome = press(press(press(typed("/start walk"), "Red"), "Yes"), "Continue");
            List<Reply> replies = press(outcome, "Main menu");

            assertThat(replies.getLast().kind()).isEqualTo(Reply.Kind.MENU);
            assertThat(session().atMenu()).isTrue();
        }
    }

    @Nested
    class GoingBack {

        @Test
        void backWalksTheWholePathOneStepAtATime() {
            press(press(press(typed("/start walk"), "Red"), "Yes"), "Continue");

            assertThat(typed("/back").getLast().text()).isEqualTo("A short *note*.");
            assertThat(typed("/back").getLast().text()).isEqualTo("Second question?");
            assertThat(typed("/back").getLast().text()).isEqualTo("First question?");
            List<Reply> atStart = typed("/back");
            assertThat(text(atStart)).contains("This is the first step");
            assertThat(atStart.getLast().text()).isEqualTo("First question?");
        }

        @Test
        void backUndoesFlagsAndScoreSetOnTheWay() {
            press(typed("/start walk"), "Red");
            List<Reply> first = typed("/back");
            assertThat(session().flags()).isEmpty();
            assertThat(session().score()).isZero();

            List<Reply> replies = press(press(press(first, "Blue"), "Yes"), "Continue");

            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("walk", "some"));
        }

        @Test
        void backSkipsChecksAndGotos() {
            press(press(press(typed("/start walk"), "Blue"), "No"), "Continue");

            assertThat(typed("/back").getLast().node()).isEqualTo(new NodeRef("walk", "note"));
        }

        @Test
        void backAtTheMenuSaysSo() {
            typed("/start");

            assertThat(text(typed("/back"))).contains("You're at the main menu");
        }

        @Test
        void restartBeginsTheTreeAgainWithNoAnswers() {
            press(press(typed("/start walk"), "Red"), "Yes");

            List<Reply> replies = typed("/restart");

            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("walk", "first"));
            assertThat(session().flags()).isEmpty();
            assertThat(session().history()).isEmpty();
        }
    }

    @Nested
    class ButtonsThatDoNotBelong {

        @Test
        void pressOnAnEarlierMessageIsRefusedAndTheCurrentStepShownAgain() {
            List<Reply> first = typed("/start walk");
            press(first, "Red");
            Session before = session();

            List<Reply> replies = press(first, "Blue");

            assertThat(text(replies)).contains("That button belongs to an earlier step");
            assertThat(replies.getLast().text()).isEqualTo("Second question?");
            assertThat(session()).isEqualTo(before);
        }

        @Test
        void pressDrawnWithOtherContentVersionIsRefused() {
            typed("/start walk");
            String old = new ButtonData.Press("0badc0de", new NodeRef("walk", "first"), 0).encode();

            List<Reply> replies = send(new Input.Press(old));

            assertThat(text(replies)).contains("earlier step");
            assertThat(session().at()).isEqualTo(new NodeRef("walk", "first"));
            assertThat(session().flags()).isEmpty();
        }

        @Test
        void forgedDataIsRefused() {
            typed("/start walk");

            for (String forged : List.of("", "p:", "drop table", "p:" + content.get().content().version() + ":walk:first:9",
                    "s:nosuch", "a:launch", "x".repeat(500), "p:ZZZZZZZZ:walk:first:0")) {
                List<Reply> replies = send(new Input.Press(forged));
                assertThat(text(replies)).as(forged).contains("earlier step");
                assertThat(session().at()).as(forged).isEqualTo(new NodeRef("walk", "first"));
            }
        }

        @Test
        void nodeButtonPressedAtTheMenuIsRefused() {
            List<Reply> first = typed("/start walk");
            typed("/menu");

            List<Reply> replies = press(first, "Red");

            assertThat(replies.getLast().kind()).isEqualTo(Reply.Kind.MENU);
            assertThat(session().atMenu()).isTrue();
        }

        @Test
        void staleButtonAfterReloadRestartsTreeWithNotice() {
            press(typed("/start walk"), "Red");
            content.set(Snapshot.of(ContentFixture.validIn(dir)
                    .write("menu.yaml", ContentFixture.MENU.replace("[sleep]", "[sleep, walk]"))
                    .write("trees/walk.yaml", WALK.replace("second", "later"))
                    .content()));

            List<Reply> replies = typed("/back");

            assertThat(text(replies)).contains("I've been updated");
            assertThat(replies.getLast().node()).isEqualTo(new NodeRef("walk", "first"));
        }
    }

    @Nested
    class TypedText {

        @Test
        void freeTextWithNoAnswerSaysSoAndOffersTheWayBack() {
            typed("/start walk");

            List<Reply> replies = typed("is it normal to be angry at my therapist?");

            assertThat(replies).singleElement().satisfies(r -> assertThat(r.text()).contains("I don't have a good answer"));
            assertThat(labels(replies)).containsExactly("Back to where I was", "Sleep and therapy", "Walk");
        }

        @Test
        void resumeShowsTheCurrentStepAgain() {
            press(typed("/start walk"), "Red");

            List<Reply> replies = press(typed("hello"), "Back to where I was");

            assertThat(replies.getLast().text()).isEqualTo("Second question?");
        }

        @Test
        void blankTextGetsAGentleReply() {
            assertThat(text(send(new Input.Text("   ")))).contains("didn't catch anything");
        }

        @Test
        void unknownCommandListsTheKnownOnes() {
            List<Reply> replies = typed("/dance");

            assertThat(text(replies)).contains("I don't know the command /dance", "/menu", "/back", "/restart",
                    "/help");
        }

        @Test
        void echoedWordsAreEscapedAndShortened() {
            List<Reply> replies = typed("/start **bold**" + "x".repeat(100));

            assertThat(text(replies)).contains("\\*\\*bold\\*\\*").contains("…").doesNotContain("x".repeat(50));
        }

        @Test
        void helpShowsTheEditorsHelpAndTheCommands() {
            assertThat(text(typed("/help"))).contains("Tap a button.", "/start", "/back");
        }

        @Test
        void sessionHoldsNothingThePersonTyped() {
            typed("/start walk");
            typed("my secret words");

            assertThat(session().toString()).doesNotContain("secret");
        }
    }

    @Test
    void eachChatHasItsOwnSession() {
        press(typed("/start walk"), "Red");
        ChatId other = new ChatId("other");

        conversation.handle(other, Input.fromTyped("/start sleep"));

        assertThat(store.get(other).orElseThrow().at()).isEqualTo(new NodeRef("sleep", "tired"));
        assertThat(session().at()).isEqualTo(new NodeRef("walk", "second"));
    }

    @Test
    void commandsAreListedForChannelsToRegister() {
        assertThat(conversation.commands()).extracting(Command::name)
                .containsExactly("start", "menu", "back", "restart", "search", "sos", "country", "privacy", "forget",
                        "help");
    }
}
