package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.alliancebot.content.ContentLoader;
import org.alliancebot.conversation.CaffeineSessionStore;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.embedding.TestEmbeddings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Telegram unreachable or failing at start: the bot keeps trying, one line an attempt, and stops on a bad token. */
class StartUpTest {

    static final Duration FAST = Duration.ofMillis(20);

    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(StartUp.class);
    final AtomicInteger rejected = new AtomicInteger();
    FakeBotApi telegram;
    TelegramBot bot;
    StartUp startUp;

    @BeforeEach
    void capture() throws Exception {
        captured.start();
        logger.addAppender(captured);
        logger.setLevel(Level.DEBUG);
        telegram = new FakeBotApi();
    }

    @AfterEach
    void release() throws Exception {
        if (startUp != null) {
            startUp.close();
        }
        if (bot != null) {
            bot.stop(false);
            bot.close();
        }
        telegram.close();
        logger.detachAppender(captured);
    }

    TelegramBot bot(TelegramSettings settings) {
        Snapshot snapshot = Snapshot.of(new ContentLoader().load(Path.of("content")).orThrow(),
                TestEmbeddings.fake());
        bot = new TelegramBot(settings, new Conversation(() -> snapshot,
                new CaffeineSessionStore(Duration.ofHours(1), 10)), Clock.systemUTC());
        return bot;
    }

    StartUp startUp(TelegramBot bot) {
        startUp = new StartUp(bot, bot::startPolling, rejected::incrementAndGet, FAST, FAST.multipliedBy(4));
        return startUp;
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(until);
            Thread.sleep(10);
        }
    }

    /** The retrying thread may still be logging: read a copy taken under the appender's lock. */
    List<ILoggingEvent> logged() {
        synchronized (captured) {
            return List.copyOf(captured.list);
        }
    }

    List<ILoggingEvent> lines(Level level) {
        return logged().stream().filter(e -> e.getLevel() == level).toList();
    }

    @Test
    void failingAtStartIsTriedAgainAndTheBotStartsOnceTelegramAnswers() throws Exception {
        telegram.failNext("getMe", FakeBotApi.Fault.SERVER_ERROR, FakeBotApi.Fault.DISCONNECT);
        StartUp starting = startUp(bot(telegram.settings()));

        starting.begin();
        await(() -> bot.startedAt().isPresent());

        assertThat(starting.attempts()).isEqualTo(3);
        assertThat(lines(Level.WARN)).hasSize(2).allSatisfy(line -> {
            assertThat(line.getFormattedMessage()).startsWith("Telegram is not reachable at 127.0.0.1");
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
        });
        telegram.sendText(5, "/start");
        assertThat(telegram.awaitSent(5, 1)).hasSize(1);
    }

    @Test
    void unreachableTelegramIsTriedAgainAndAgainWithOneLineEach() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TelegramSettings nowhere = new TelegramSettings(FakeBotApi.TOKEN, URI.create("http://127.0.0.1:" + closedPort),
                Duration.ofSeconds(1), false, 6, Duration.ofSeconds(30), Duration.ofSeconds(5));
        StartUp starting = startUp(bot(nowhere));

        starting.begin();
        await(() -> starting.attempts() >= 4);

        assertThat(bot.startedAt()).as("not started, so health stays DOWN").isEmpty();
        assertThat(lines(Level.WARN)).hasSizeGreaterThanOrEqualTo(3).allSatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("(ConnectException)");
            assertThat(line.getThrowableProxy()).isNull();
        });
        assertThat(rejected).hasValue(0);
    }

    @Test
    void closingStopsTheAttemptsEvenWhenAnAttemptSwallowsTheInterrupt() throws Exception {
        CountDownLatch inStart = new CountDownLatch(1);
        // What an HTTP client may do when its thread is interrupted mid-call: fail, with the interrupt cleared.
        startUp = new StartUp(bot(telegram.settings()), () -> {
            inStart.countDown();
            try {
                Thread.sleep(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException("cut off");
            }
        }, rejected::incrementAndGet, FAST, FAST.multipliedBy(4));

        startUp.begin();
        assertThat(inStart.await(20, TimeUnit.SECONDS)).isTrue();
        long closing = System.nanoTime();
        startUp.close();
        int attemptsWhenClosed = startUp.attempts();
        Thread.sleep(FAST.multipliedBy(10));

        assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("close did not wait out its join")
                .isLessThan(Duration.ofSeconds(4));
        assertThat(startUp.attempts()).isEqualTo(attemptsWhenClosed).isEqualTo(1);
        assertThat(lines(Level.WARN)).as("no 'trying again' for an attempt cut off by close").isEmpty();
    }

    @Test
    void closingWhileTelegramIsBeingAskedDoesNotStartTheBotWhenTheAnswerComes() throws Exception {
        telegram.failNext("getMe", FakeBotApi.Fault.SLOW);
        StartUp starting = startUp(bot(telegram.settings()));

        starting.begin();
        telegram.awaitCalls("getMe", 1);
        starting.close();
        Thread.sleep(FakeBotApi.SLOW_BY.plus(FAST.multipliedBy(10)));

        assertThat(bot.startedAt()).as("not started after its close").isEmpty();
        assertThat(telegram.calls("getUpdates")).isEmpty();
        assertThat(starting.attempts()).isEqualTo(1);
    }

    @Test
    void aTokenTelegramRejectsStopsAtOnceWithOneLine() throws Exception {
        TelegramSettings wrongToken = new TelegramSettings("999:not-this-bot", telegram.url(), Duration.ofSeconds(1),
                false, 6, Duration.ofSeconds(30), Duration.ofSeconds(5));
        StartUp starting = startUp(bot(wrongToken));

        starting.begin();
        await(() -> rejected.get() == 1);
        Thread.sleep(FAST.multipliedBy(5));

        assertThat(starting.attempts()).isEqualTo(1);
        assertThat(bot.startedAt()).isEmpty();
        assertThat(logged()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.ERROR);
            assertThat(line.getFormattedMessage()).contains("rejected the bot's token (401 Unauthorized)")
                    .doesNotContain("not-this-bot");
            assertThat(line.getThrowableProxy()).isNull();
        });
    }
}
