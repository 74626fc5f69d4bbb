package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.alliancebot.console.ConsoleChat;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.ChatLogIds;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.FloodGuard;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Whole conversations, on Telegram and in the console, with every logger at TRACE: nothing a person typed, no
 * button data, no name and no raw chat id may appear in any log event, its arguments or its stack trace.
 */
class PrivacyLogTest {

    static final long CHAT = 987_654_321L;
    static final String SECRET = "zebrafish";
    static final Snapshot SNAPSHOT = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();

    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previous;

    @BeforeEach
    void capture() {
        previous = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        root.detachAppender(captured);
        root.setLevel(previous);
    }

    Conversation conversation() {
        return new Conversation(() -> SNAPSHOT, new CaffeineSessionStore(Duration.ofHours(1), 100),
                Conversation.searchAnswers(), new FloodGuard(), ChatLogIds.random(), Duration.ofHours(24));
    }

    @Test
    void telegramConversationLogsNothingPersonal() throws Exception {
        try (FakeBotApi telegram = new FakeBotApi()) {
            TelegramBot bot = new TelegramBot(telegram.settings(), conversation(), Clock.systemUTC());
            bot.startPolling();
            try {
                telegram.sendText(CHAT, "/start " + SECRET);
                telegram.awaitSent(CHAT, 2);
                telegram.press(CHAT, "Is this therapist a good fit?");
                telegram.awaitSent(CHAT, 3);
                telegram.sendText(CHAT, "my " + SECRET + " therapist makes me angry");
                telegram.awaitSent(CHAT, 4);
                telegram.sendText(CHAT, "i want to kill myself " + SECRET);
                telegram.await("sendMessage", c -> c.text("text").contains("emergency"));
                telegram.sendSticker(CHAT);
                telegram.awaitSent(CHAT, 6);
                telegram.failNext("sendMessage", FakeBotApi.Fault.SERVER_ERROR);
                telegram.sendText(CHAT, "/search " + SECRET + " counsellor");
                telegram.awaitSent(CHAT, 7);
            } finally {
                bot.stop(false);
                bot.close();
            }
        }
        assertNothingPersonal();
    }

    @Test
    void consoleConversationLogsNothingPersonal() {
        String input = String.join("\n", "1", "2", SECRET + " what is transference", "kms " + SECRET, "/back",
                "/start " + SECRET, "/quit") + "\n";
        new ConsoleChat(conversation(), new BufferedReader(new StringReader(input)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false).run();

        assertNothingPersonal();
    }

    private void assertNothingPersonal() {
        List<ILoggingEvent> events = loggedSoFar();
        assertThat(events).as("the test should have logged something").isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events) {
            StringBuilder all = new StringBuilder(event.getFormattedMessage());
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    all.append(' ').append(argument);
                }
            }
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(' ').append(t.getMessage());
            }
            String text = all.toString();
            if (text.contains(SECRET) || text.contains(Long.toString(CHAT)) || text.contains("Person")
                    || text.contains("p:") && text.contains(":fit:")) {
                leaks.add(event.getLoggerName() + ": " + text);
            }
        }
        assertThat(leaks).as("log events that leak personal data").isEmpty();
    }

    /** Threads the test started (the bot's executors, the model loader) may still log: copy under the appender's lock. */
    private List<ILoggingEvent> loggedSoFar() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }
}
