package org.alliancebot.telegram;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Decides whether a failed Bot API request is worth another attempt, and when. Telegram's own answer comes first:
 * a 429 says exactly how long to wait. Server errors, pages that are not the API's JSON, and network failures are
 * retried with exponential back-off and full jitter; anything else (a 400 for a message that cannot be sent, a
 * 403 from a person who blocked the bot) will not get better by asking again.
 */
final class RetryPolicy {

    static final Duration INITIAL = Duration.ofMillis(250);
    static final Duration MAX = Duration.ofSeconds(8);

    private final DoubleSupplier random;

    RetryPolicy(DoubleSupplier random) {
        this.random = random;
    }

    RetryPolicy() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** How long to wait before attempt {@code attempt + 1}, or empty when the failure is final. */
    Optional<Duration> delay(TelegramApiException failure, int attempt) {
        if (failure instanceof TelegramApiRequestException request && hasCode(request)) {
            int code = request.getErrorCode();
            if (code == 429) {
                Integer retryAfter = request.getParameters() == null ? null : request.getParameters().getRetryAfter();
                return Optional.of(retryAfter == null ? backOff(attempt) : Duration.ofSeconds(retryAfter));
            }
            return code >= 500 ? Optional.of(backOff(attempt)) : Optional.empty();
        }
        // No error code (the library reports 0): the answer was not the API's JSON, or the network failed.
        return Optional.of(backOff(attempt));
    }

    /** Full jitter: a random wait up to the exponential bound, so retries from many chats do not align. */
    Duration backOff(int attempt) {
        long bound = Math.min(MAX.toMillis(), INITIAL.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(Math.max(1, (long) (random.getAsDouble() * bound)));
    }

    /** Whether Telegram answered with an error code, rather than the call failing before any answer. */
    static boolean hasCode(TelegramApiRequestException request) {
        return request.getErrorCode() != null && request.getErrorCode() > 0;
    }
}
