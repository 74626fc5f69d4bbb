package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Result;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The real TelegramBots poller and client against a fake Bot API server on 127.0.0.1, with the shipped content:
 * whole conversations, checked reply by reply, and every kind of fault the network brings.
 */
class TelegramBotTest {

    static final long CHAT = 4242;
    static final Snapshot SNAPSHOT = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();

    FakeBotApi telegram;
    TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        telegram = new FakeBotApi();
        Conversation conversation = new Conversation(() -> SNAPSHOT,
                new CaffeineSessionStore(Duration.ofHours(1), 1000), (turn, text) -> {
                    if (text.equals("boom")) {
                        throw new IllegalStateException("a fault in the engine");
                    }
                    if (text.equals("slow")) {
                        sleep(Duration.ofMillis(800));
                    }
                    return new Conversation(() -> SNAPSHOT, new CaffeineSessionStore(Duration.ofHours(1), 1))
                            .handle(turn.chat(), new org.alliancebot.conversation.Input.Command("search", text))
                            .stream().collect(java.util.stream.Collectors.collectingAndThen(
                                    java.util.stream.Collectors.toList(), replies -> new Result(turn.session(), replies)));
                });
        bot = new TelegramBot(telegram.settings(), conversation, Clock.systemUTC());
        bot.startPolling();
    }

    @AfterEach
    void stop() throws Exception {
        bot.stop(false);
        bot.close();
        telegram.close();
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void stopLetsTheUpdateInHandFinishAndReply() throws Exception {
        telegram.sendText(CHAT, "slow");
        telegram.await("sendChatAction", c -> true);

        bot.stop(false);

        assertThat(telegram.sentTo(CHAT)).hasSize(1);
    }

    @Test
    void startRegistersCommandsAndLearnsItsName() throws Exception {
        FakeBotApi.Call commands = telegram.await("setMyCommands", c -> true);

        assertThat(commands.body().path("commands").toString()).contains("\"command\":\"menu\"", "\"command\":\"back\"",
                "\"command\":\"search\"");
        assertThat(bot.username()).contains(FakeBotApi.USERNAME);
    }

    @Test
    void wholeConversationFromStartThroughATreeToAnOutcomeAndASearch() throws Exception {
        telegram.sendText(CHAT, "/start");
        FakeBotApi.Call welcome = telegram.awaitSent(CHAT, 1).getFirst();
        assertThat(welcome.text("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(welcome.text("text")).contains("Alliance Bot", "not an emergency service");
        assertThat(welcome.buttonLabels()).startsWith("Is this therapist a good fit?",
                "Transference or a real problem?", "Leaving a therapist respectfully");

        // A tree, by buttons: each press is answered, the pressed message shows the choice, the next step follows.
        telegram.press(CHAT, "Leaving a therapist respectfully");
        FakeBotApi.Call first = telegram.awaitSent(CHAT, 2).get(1);
        assertThat(first.text("text")).contains("Where are you with this decision?");
        assertThat(telegram.awaitCalls("answerCallbackQuery", 1)).hasSize(1);
        FakeBotApi.Call edited = telegram.await("editMessageText", c -> true);
        assertThat(edited.text("text")).contains("Alliance Bot").endsWith("✓ <b>Leaving a therapist respectfully</b>");
        assertThat(edited.body().has("reply_markup")).isFalse();

        String label = first.buttonLabels().getFirst();
        telegram.press(CHAT, label);
        List<FakeBotApi.Call> sent = telegram.awaitSent(CHAT, 3);
        int presses = 2;
        for (int step = 0; step < 6 && !sent.getLast().buttonLabels().contains("Main menu"); step++) {
            telegram.press(CHAT, sent.getLast().buttonLabels().getFirst());
            presses++;
            sent = telegram.awaitSent(CHAT, sent.size() + 1);
        }
        assertThat(sent.getLast().buttonLabels()).contains("Main menu");
        assertThat(sent.getLast().text("text")).startsWith("<b>");
        assertThat(telegram.awaitCalls("answerCallbackQuery", presses)).hasSize(presses);
        assertThat(telegram.awaitCalls("editMessageText", presses)).hasSize(presses);

        // Free text: a typing indicator, then the answers.
        int before = sent.size();
        telegram.sendText(CHAT, "how do I quit therapy without ghosting");
        telegram.await("sendChatAction", c -> c.text("action").equals("typing"));
        FakeBotApi.Call answer = telegram.awaitSent(CHAT, before + 1).get(before);
        assertThat(answer.text("text")).contains("<b>Leaving a therapist respectfully</b>");
        assertThat(answer.buttonLabels()).contains("Read the article");
    }

    @Test
    void deepLinkOpensATreeDirectly() throws Exception {
        telegram.sendText(CHAT, "/start transference");

        assertThat(telegram.awaitSent(CHAT, 1).getFirst().text("text"))
                .contains("Which comes closest to what you feel towards your therapist?");
    }

    @Test
    void contentAndUserTextAreEscaped() throws Exception {
        telegram.sendText(CHAT, "/start <b>&\"x\"</b>");

        String text = telegram.awaitSent(CHAT, 2).stream().map(c -> c.text("text")).reduce("", String::concat);
        assertThat(text).contains("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;").doesNotContain("<b>&");
    }

    @Test
    void unknownCommandGetsShortHelp() throws Exception {
        telegram.sendText(CHAT, "/dance");

        assertThat(telegram.awaitSent(CHAT, 1).getFirst().text("text")).contains("I don't know the command /dance");
    }

    @Nested
    class OddUpdates {

        @Test
        void stickerGetsAFriendlyReply() throws Exception {
            telegram.sendSticker(CHAT);

            assertThat(telegram.awaitSent(CHAT, 1).getFirst().text("text")).contains("I can only read text messages");
        }

        @Test
        void editedMessagesAreIgnored() throws Exception {
            telegram.editText(CHAT, "/start");
            telegram.sendText(CHAT, "/help");

            List<FakeBotApi.Call> sent = telegram.awaitSent(CHAT, 1);
            Thread.sleep(300);
            assertThat(telegram.sentTo(CHAT)).hasSize(1);
            assertThat(sent.getFirst().text("text")).contains("/back");
        }

        @Test
        void groupCommandForThisBotGetsAnInvitationToAPrivateChat() throws Exception {
            telegram.sendGroupText(-100, "/start@" + FakeBotApi.USERNAME + " leaving");

            FakeBotApi.Call invite = telegram.awaitSent(-100, 1).getFirst();
            assertThat(invite.text("text")).contains("private matters");
            assertThat(invite.body().path("reply_markup").toString())
                    .contains("https://t.me/" + FakeBotApi.USERNAME + "?start=leaving");
        }

        @Test
        void groupChatterAndOtherBotsCommandsAreIgnored() throws Exception {
            telegram.sendGroupText(-100, "hello everyone");
            telegram.sendGroupText(-100, "/start@SomeOtherBot");
            telegram.sendGroupText(-100, "/help");
            telegram.sendText(CHAT, "/help");

            telegram.awaitSent(CHAT, 1);
            Thread.sleep(300);
            assertThat(telegram.sentTo(-100)).isEmpty();
        }

        @Test
        void forgedCallbackIsAnsweredAndRefusedPolitely() throws Exception {
            telegram.sendText(CHAT, "/start");
            telegram.awaitSent(CHAT, 1);
            var message = telegram.latestWithButton(CHAT, "Is this therapist a good fit?").orElseThrow();

            telegram.pressData(CHAT, message, "p:deadbeef:fit:nope:3");

            assertThat(telegram.awaitSent(CHAT, 2).get(1).text("text")).contains("earlier step");
            telegram.await("answerCallbackQuery", c -> true);
            telegram.await("editMessageReplyMarkup", c -> true);
            assertThat(telegram.calls("editMessageText")).isEmpty();
        }

        @Test
        void failureInOneUpdateIsApologisedForAndPollingGoesOn() throws Exception {
            telegram.sendText(CHAT, "boom");
            assertThat(telegram.awaitSent(CHAT, 1).getFirst().text("text")).contains("Sorry, something went wrong");

            telegram.sendText(CHAT, "/help");
            assertThat(telegram.awaitSent(CHAT, 2).get(1).text("text")).contains("/back");
        }
    }

    /** A press makes three calls; only the next step is on the person's path, and one chat's calls keep order. */
    @Nested
    class Presses {

        @BeforeEach
        void openTheMenu() throws Exception {
            telegram.sendText(CHAT, "/start");
            telegram.awaitSent(CHAT, 1);
        }

        @Test
        void nextStepIsSentWithoutWaitingForTheAnswerOrTheEdit() throws Exception {
            telegram.failNext("answerCallbackQuery", FakeBotApi.Fault.SLOW);
            telegram.failNext("editMessageText", FakeBotApi.Fault.SLOW);

            telegram.press(CHAT, "Leaving a therapist respectfully");

            FakeBotApi.Call answer = telegram.await("answerCallbackQuery", c -> true);
            FakeBotApi.Call nextStep = telegram.awaitSent(CHAT, 2).get(1);
            assertThat(nextStep.text("text")).contains("Where are you with this decision?");
            assertThat(Duration.between(answer.at(), nextStep.at())).isLessThan(FakeBotApi.SLOW_BY);
        }

        @Test
        void chatsNextUpdateWaitsUntilThePressHasFinishedAllItsCalls() throws Exception {
            telegram.failNext("editMessageText", FakeBotApi.Fault.SLOW);

            telegram.press(CHAT, "Leaving a therapist respectfully");
            telegram.sendText(CHAT, "/help");

            FakeBotApi.Call edit = telegram.await("editMessageText", c -> true);
            FakeBotApi.Call help = telegram.awaitSent(CHAT, 3).get(2);
            assertThat(help.text("text")).contains("/back");
            assertThat(Duration.between(edit.at(), help.at())).isGreaterThanOrEqualTo(FakeBotApi.SLOW_BY);
        }

        @Test
        void failedAnswerAndEditAreRetriedAndEachArrivesOnce() throws Exception {
            telegram.failNext("answerCallbackQuery", FakeBotApi.Fault.SERVER_ERROR, FakeBotApi.Fault.DISCONNECT);
            telegram.failNext("editMessageText", FakeBotApi.Fault.HTML_PAGE, FakeBotApi.Fault.TOO_MANY_REQUESTS);

            telegram.press(CHAT, "Leaving a therapist respectfully");

            telegram.awaitSent(CHAT, 2);
            telegram.awaitCalls("editMessageText", 1);
            telegram.awaitCalls("answerCallbackQuery", 1);
            Thread.sleep(300);
            assertThat(telegram.calls("answerCallbackQuery")).hasSize(1);
            assertThat(telegram.calls("editMessageText")).hasSize(1)
                    .first().satisfies(c -> assertThat(c.text("text")).endsWith("✓ <b>Leaving a therapist respectfully</b>"));
            assertThat(telegram.sentTo(CHAT)).hasSize(2);
        }
    }

    @Nested
    class Faults {

        void replyArrivesExactlyOnceDespite(FakeBotApi.Fault... faults) throws Exception {
            telegram.failNext("sendMessage", faults);

            telegram.sendText(CHAT, "/help");

            telegram.awaitSent(CHAT, 1);
            Thread.sleep(300);
            assertThat(telegram.sentTo(CHAT)).hasSize(1)
                    .first().satisfies(c -> assertThat(c.text("text")).contains("/back"));
        }

        @Test
        void tooManyRequestsWaitsRetryAfterAndRetries() throws Exception {
            long started = System.nanoTime();
            replyArrivesExactlyOnceDespite(FakeBotApi.Fault.TOO_MANY_REQUESTS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void serverErrorsAreRetried() throws Exception {
            replyArrivesExactlyOnceDespite(FakeBotApi.Fault.SERVER_ERROR, FakeBotApi.Fault.SERVER_ERROR);
        }

        @Test
        void htmlErrorPagesAreRetried() throws Exception {
            replyArrivesExactlyOnceDespite(FakeBotApi.Fault.HTML_PAGE);
        }

        @Test
        void droppedConnectionsAreRetried() throws Exception {
            replyArrivesExactlyOnceDespite(FakeBotApi.Fault.DISCONNECT);
        }

        @Test
        void everyFaultInTurn() throws Exception {
            replyArrivesExactlyOnceDespite(FakeBotApi.Fault.HTML_PAGE, FakeBotApi.Fault.DISCONNECT,
                    FakeBotApi.Fault.SERVER_ERROR, FakeBotApi.Fault.TOO_MANY_REQUESTS);
        }

        @Test
        void pollerWaitsTheRetryAfterTelegramAskedFor() throws Exception {
            telegram.failNext("getUpdates", FakeBotApi.Fault.TOO_MANY_REQUESTS);
            Thread.sleep(300);
            long started = System.nanoTime();

            telegram.sendText(CHAT, "/help");

            telegram.awaitSent(CHAT, 1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }

        @Test
        void secondPollerWithTheSameTokenIsDetected() throws Exception {
            telegram.failNext("getUpdates", FakeBotApi.Fault.CONFLICT);

            telegram.sendText(CHAT, "/help");

            telegram.awaitSent(CHAT, 1);
            assertThat(bot.lastConflict()).isPresent();
        }

        @Test
        void pollerSurvivesFailedPollsAndHonoursRetryAfter() throws Exception {
            telegram.failNext("getUpdates", FakeBotApi.Fault.SERVER_ERROR, FakeBotApi.Fault.HTML_PAGE,
                    FakeBotApi.Fault.TOO_MANY_REQUESTS, FakeBotApi.Fault.DISCONNECT);

            telegram.sendText(CHAT, "/help");

            assertThat(telegram.awaitSent(CHAT, 1).getFirst().text("text")).contains("/back");
            assertThat(bot.lastPoll()).isPresent();
        }
    }
}
