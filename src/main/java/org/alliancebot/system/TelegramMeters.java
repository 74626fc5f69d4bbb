package org.alliancebot.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.alliancebot.telegram.TelegramBot;
import org.alliancebot.telegram.TelegramMetrics;
import org.alliancebot.telegram.UpdateJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram channel's metrics in Micrometer, for operators (docs/operations.md lists each). No tag names a chat
 * or carries a word: tags are Bot API method names, outcomes, reasons, from closed sets.
 */
final class TelegramMeters implements TelegramMetrics {

    private static final Logger log = LoggerFactory.getLogger(TelegramMeters.class);

    /** The journal's pending chats are a database query: asked at most this often, however often Prometheus scrapes. */
    static final Duration JOURNAL_REFRESH = Duration.ofSeconds(10);

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter handled;
    private final Timer handling;
    private final Timer limiterWait;
    private final Meter.MeterProvider<Counter> calls;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> tooManyRequests;

    TelegramMeters(MeterRegistry registry) {
        this.registry = registry;
        received = Counter.builder("alliance.updates.received")
                .description("Updates that arrived from Telegram, polled or by webhook (re-deliveries included)")
                .register(registry);
        handled = Counter.builder("alliance.updates.handled")
                .description("Updates answered: the answer decided and its Bot API calls made")
                .register(registry);
        handling = Timer.builder("alliance.updates.handling")
                .description("From starting to decide an update's answer until its Bot API calls were made")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        limiterWait = Timer.builder("alliance.telegram.limiter.wait")
                .description("How long outgoing messages waited for the per-chat and global rate limits")
                .register(registry);
        calls = Counter.builder("alliance.telegram.calls")
                .description("Bot API calls by method and how they ended: ok, retried (then succeeded), failed")
                .withRegistry(registry);
        retries = Counter.builder("alliance.telegram.retries")
                .description("Failed Bot API attempts tried again, by method and reason")
                .withRegistry(registry);
        tooManyRequests = Counter.builder("alliance.telegram.too.many.requests")
                .description("Bot API answers 429 Too Many Requests, by method (getUpdates included)")
                .withRegistry(registry);
    }

    @Override
    public void updateReceived() {
        received.increment();
    }

    @Override
    public void updateHandled(Duration took) {
        handled.increment();
        handling.record(took);
    }

    @Override
    public void call(String method, Outcome outcome) {
        calls.withTags("method", method, "outcome", tag(outcome)).increment();
    }

    @Override
    public void retry(String method, RetryReason reason) {
        retries.withTags("method", method, "reason", tag(reason)).increment();
    }

    @Override
    public void tooManyRequests(String method) {
        tooManyRequests.withTags("method", method).increment();
    }

    @Override
    public void limiterWait(Duration waited) {
        limiterWait.record(waited);
    }

    /**
     * The gauges read from the running bot: updates in the chats' lanes, chats the journal holds unanswered
     * updates or unsent answers for, and, when polling, seconds since getUpdates last succeeded.
     */
    void watch(TelegramBot bot, UpdateJournal journal, boolean polling, Clock clock) {
        Gauge.builder("alliance.lanes.pending", bot, TelegramBot::pendingTasks)
                .description("Updates in the chats' lanes (per-chat queues): being answered or waiting their turn")
                .strongReference(true)
                .register(registry);
        DoubleSupplier pendingChats = refreshedAtMost(JOURNAL_REFRESH, () -> journal.pendingChats().size());
        Gauge.builder("alliance.journal.pending", pendingChats, DoubleSupplier::getAsDouble)
                .description("Chats with updates recorded and not yet answered, or answers not yet sent (read at most "
                        + "every 10 s)")
                .strongReference(true)
                .register(registry);
        if (polling) {
            // Before the first successful poll, counted from the bot's start, or from now while it is still trying
            // to reach Telegram: a bot that never reaches Telegram is as silent as one whose poller stopped.
            Instant wired = clock.instant();
            Gauge.builder("alliance.telegram.poll.age", bot,
                            b -> seconds(b.lastPoll().or(b::startedAt).orElse(wired), clock.instant()))
                    .description("Seconds since a getUpdates call last succeeded")
                    .baseUnit("seconds")
                    .strongReference(true)
                    .register(registry);
        }
    }

    private static double seconds(Instant since, Instant now) {
        return Duration.between(since, now).toMillis() / 1000.0;
    }

    /** A value read at most once per {@code period}; NaN while it cannot be read (the database is down). */
    static DoubleSupplier refreshedAtMost(Duration period, DoubleSupplier source) {
        return new DoubleSupplier() {
            private long readAt;
            private double value = Double.NaN;
            private boolean read;

            @Override
            public synchronized double getAsDouble() {
                long now = System.nanoTime();
                if (!read || now - readAt >= period.toNanos()) {
                    read = true;
                    readAt = now;
                    try {
                        value = source.getAsDouble();
                    } catch (RuntimeException e) {
                        log.debug("Reading a gauge failed: {}", e.getClass().getSimpleName());
                        value = Double.NaN;
                    }
                }
                return value;
            }
        };
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
