package org.alliancebot.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Calls the Bot API the way the library does not: retrying what can succeed later (429 after its
 * {@code retry_after}, server errors, broken pages, dropped connections), bounded in attempts and time, and
 * sending messages no faster than Telegram allows. Logs a failure by method and code only, never its content.
 */
class TelegramApi {

    private static final Logger log = LoggerFactory.getLogger(TelegramApi.class);

    /** Lets tests replace real waiting. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final TelegramClient client;
    private final OutgoingLimiter limiter;
    private final RetryPolicy policy;
    private final int attempts;
    private final Duration deadline;
    private final Sleeper sleeper;
    private final Executor background;
    private final TelegramMetrics metrics;

    /**
     * @param background runs {@link #callInBackground} calls, each on a thread of its own
     * @param metrics    told how each call ended, of each retry and 429, and of each wait for the rate limits
     */
    TelegramApi(TelegramClient client, OutgoingLimiter limiter, RetryPolicy policy, int attempts, Duration deadline,
                Sleeper sleeper, Executor background, TelegramMetrics metrics) {
        this.client = client;
        this.limiter = limiter;
        this.policy = policy;
        this.attempts = attempts;
        this.deadline = deadline;
        this.sleeper = sleeper;
        this.background = background;
        this.metrics = metrics;
    }

    /** Sends a message once the chat's and the bot's rate allow; empty when it could not be sent. */
    Optional<Message> send(SendMessage message) {
        long waiting = System.nanoTime();
        try {
            limiter.acquire(Long.parseLong(message.getChatId()));
            metrics.limiterWait(Duration.ofNanos(System.nanoTime() - waiting));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (NumberFormatException e) {
            // A channel username rather than a numeric id: not a chat this bot talks in, but no reason to fail.
        }
        return call(message);
    }

    /** Calls any method with retries; empty when it failed for good or ran out of attempts or time. */
    <T extends Serializable> Optional<T> call(BotApiMethod<T> method) {
        return call(method.getMethod(), () -> client.execute(method));
    }

    /**
     * Starts a call, with the same retries, without waiting for it: for calls whose answer nothing waits on, so
     * they travel while the caller goes on. The future never completes exceptionally; it holds empty on failure.
     */
    <T extends Serializable> CompletableFuture<Optional<T>> callInBackground(BotApiMethod<T> method) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call(method);
            } catch (RuntimeException failure) {
                log.warn("Bot API {} failed: {}", method.getMethod(), failure.getClass().getSimpleName());
                return Optional.<T>empty();
            }
        }, background);
    }

    /** Registers the webhook, which the library sends as its own kind of request. */
    Optional<Boolean> setWebhook(SetWebhook setWebhook) {
        return call(setWebhook.getMethod(), () -> client.execute(setWebhook));
    }

    @FunctionalInterface
    interface ApiCall<T> {
        T execute() throws TelegramApiException;
    }

    private <T> Optional<T> call(String methodName, ApiCall<T> call) {
        String method = methodName.toLowerCase(Locale.ROOT);
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = call.execute();
                metrics.call(method, attempt == 1 ? TelegramMetrics.Outcome.OK : TelegramMetrics.Outcome.RETRIED);
                return Optional.ofNullable(result);
            } catch (TelegramApiException failure) {
                if (failure instanceof TelegramApiRequestException request && RetryPolicy.hasCode(request)
                        && request.getErrorCode() == 429) {
                    metrics.tooManyRequests(method);
                }
                Optional<Duration> wait = attempt < attempts ? policy.delay(failure, attempt) : Optional.empty();
                Duration spent = Duration.ofNanos(System.nanoTime() - started);
                if (wait.isEmpty() || spent.plus(wait.get()).compareTo(deadline) > 0) {
                    log.warn("Bot API {} failed after {} attempt(s): {}", methodName, attempt, describe(failure));
                    metrics.call(method, TelegramMetrics.Outcome.FAILED);
                    return Optional.empty();
                }
                log.debug("Bot API {} failed ({}), retrying in {} ms", methodName, describe(failure),
                        wait.get().toMillis());
                metrics.retry(method, retryReason(failure));
                try {
                    sleeper.sleep(wait.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    metrics.call(method, TelegramMetrics.Outcome.FAILED);
                    return Optional.empty();
                }
            }
        }
    }

    /** Why a failure {@link RetryPolicy} tries again is worth trying: a 429, a server error, or no answer. */
    private static TelegramMetrics.RetryReason retryReason(TelegramApiException failure) {
        if (failure instanceof TelegramApiRequestException request && RetryPolicy.hasCode(request)) {
            return request.getErrorCode() == 429 ? TelegramMetrics.RetryReason.TOO_MANY_REQUESTS
                    : TelegramMetrics.RetryReason.SERVER_ERROR;
        }
        return TelegramMetrics.RetryReason.NO_ANSWER;
    }

    /** The error code or failure kind, without the description, which may quote a message. */
    static String describe(TelegramApiException failure) {
        if (failure instanceof TelegramApiRequestException request && RetryPolicy.hasCode(request)) {
            return "error " + request.getErrorCode();
        }
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        return cause.getClass().getSimpleName();
    }
}
