package org.alliancebot.telegram;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Watches the poller's getUpdates calls on the wire, because the library tells nothing: when the last one
 * succeeded (for health, since the poller can stop silently), what {@code retry_after} Telegram asked for (the
 * library's back-off ignores it), and whether another instance is polling with the same token (409).
 */
final class PollMonitor implements Interceptor {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PollMonitor.class);

    private static final Pattern RETRY_AFTER = Pattern.compile("\"retry_after\"\\s*:\\s*(\\d+)");

    private static final String GET_UPDATES = "getupdates";

    private final Clock clock;
    private final TelegramMetrics metrics;
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicLong retryAfterSeconds = new AtomicLong(-1);
    private final AtomicReference<Instant> lastConflict = new AtomicReference<>();

    PollMonitor(Clock clock) {
        this(clock, TelegramMetrics.NONE);
    }

    /** @param metrics told how each getUpdates call ended, the poller's own retries being out of sight */
    PollMonitor(Clock clock, TelegramMetrics metrics) {
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!chain.request().url().encodedPath().toLowerCase(Locale.ROOT).endsWith("/" + GET_UPDATES)) {
            return chain.proceed(chain.request());
        }
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException | RuntimeException e) {
            metrics.call(GET_UPDATES, TelegramMetrics.Outcome.FAILED);
            throw e;
        }
        metrics.call(GET_UPDATES, response.code() == 200 ? TelegramMetrics.Outcome.OK : TelegramMetrics.Outcome.FAILED);
        switch (response.code()) {
            case 200 -> lastSuccess.set(clock.instant());
            case 409 -> {
                Instant previous = lastConflict.getAndSet(clock.instant());
                if (previous == null || previous.isBefore(clock.instant().minusSeconds(60))) {
                    log.warn("Telegram refused getUpdates with 409 Conflict: another instance is polling with this "
                            + "token, or a webhook is set for it. Only one long-polling instance may run per token; "
                            + "to run several, use webhook mode with PostgreSQL.");
                }
            }
            case 429 -> {
                metrics.tooManyRequests(GET_UPDATES);
                Matcher matcher = RETRY_AFTER.matcher(response.peekBody(4096).string());
                if (matcher.find()) {
                    retryAfterSeconds.set(Long.parseLong(matcher.group(1)));
                }
            }
            default -> {
            }
        }
        return response;
    }

    Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess.get());
    }

    Optional<Instant> lastConflict() {
        return Optional.ofNullable(lastConflict.get());
    }

    /** The wait Telegram asked for since the last look, consumed by the call. */
    Optional<Long> takeRetryAfterSeconds() {
        long seconds = retryAfterSeconds.getAndSet(-1);
        return seconds < 0 ? Optional.empty() : Optional.of(seconds);
    }
}
