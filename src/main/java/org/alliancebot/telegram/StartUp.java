package org.alliancebot.telegram;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Starts the bot, and keeps trying while Telegram cannot be reached or fails, so that a network that is not up
 * yet (a container starting before its network, a Bot API server restarting) delays the bot instead of ending it.
 * One log line per failed attempt, never a stack trace; the wait doubles from {@code first} to {@code longest}.
 * Health stays DOWN until the bot has started. A token Telegram rejects (401) ends the attempts at once: trying
 * again cannot help, so {@code onTokenRejected} is told.
 */
public final class StartUp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StartUp.class);

    /** Starting proper, once Telegram has answered: long polling or the webhook. */
    @FunctionalInterface
    public interface Start {
        void start() throws Exception;
    }

    private final TelegramBot bot;
    private final Start start;
    private final Runnable onTokenRejected;
    private final Duration first;
    private final Duration longest;
    private volatile Thread thread;
    private volatile int attempts;
    /**
     * Set by {@link #close()}. The interrupt alone cannot stop the attempts: an HTTP client interrupted mid-call may
     * fail with the interrupt cleared, and the loop would go on trying, against a bot already closed.
     */
    private volatile boolean closed;

    public StartUp(TelegramBot bot, Start start, Runnable onTokenRejected, Duration first, Duration longest) {
        this.bot = Objects.requireNonNull(bot);
        this.start = Objects.requireNonNull(start);
        this.onTokenRejected = Objects.requireNonNull(onTokenRejected);
        this.first = first;
        this.longest = longest;
    }

    /** Waits of 1 s, 2 s, 4 s … up to a minute between attempts. */
    public StartUp(TelegramBot bot, Start start, Runnable onTokenRejected) {
        this(bot, start, onTokenRejected, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    /** Begins the attempts on a thread of their own and returns at once. */
    public synchronized void begin() {
        if (thread == null) {
            thread = Thread.ofVirtual().name("telegram-start").start(this::attempt);
        }
    }

    /** How many attempts have been made so far. */
    public int attempts() {
        return attempts;
    }

    private void attempt() {
        Duration wait = first;
        while (!closed && !Thread.currentThread().isInterrupted()) {
            attempts++;
            try {
                if (once(wait)) {
                    return;
                }
            } catch (RuntimeException unexpected) {
                if (closed) {
                    return;
                }
                // Nothing may end the attempts but a start, a rejected token, or close.
                log.warn("Starting the bot failed ({}), attempt {}; trying again in {} s",
                        unexpected.getClass().getSimpleName(), attempts, seconds(wait));
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(longest) > 0 ? longest : wait.multipliedBy(2);
        }
    }

    /** One attempt; true when there is nothing more to try (started, rejected, or stopped). */
    private boolean once(Duration wait) {
        TelegramBot.Contact contact = bot.contact();
        if (closed) {
            // Whatever the answer, the app is stopping: starting now would leave a bot running after its close.
            return true;
        }
        switch (contact) {
            case TelegramBot.Contact.Reached reached -> {
                try {
                    start.start();
                    return true;
                } catch (InterruptedException e) {
                    return true;
                } catch (Exception e) {
                    if (closed) {
                        return true;
                    }
                    log.warn("Telegram answered at {}, but starting the bot failed ({}), attempt {}; trying again "
                            + "in {} s", bot.apiHost(), describe(e), attempts, seconds(wait));
                    return false;
                }
            }
            case TelegramBot.Contact.TokenRejected rejected -> {
                log.error("Telegram rejected the bot's token (401 Unauthorized) at {}: check TELEGRAM_BOT_TOKEN. "
                        + "Stopping.", bot.apiHost());
                onTokenRejected.run();
                return true;
            }
            case TelegramBot.Contact.Failed failed -> {
                log.warn("Telegram is not reachable at {} ({}), attempt {}; trying again in {} s", bot.apiHost(),
                        failed.reason(), attempts, seconds(wait));
                return false;
            }
        }
    }

    private static long seconds(Duration wait) {
        return Math.max(1, wait.toSeconds());
    }

    /**
     * The kind of failure, and its cause's kind: never its message, which may quote a request. A Bot API failure is
     * described as every Bot API failure is, by its error code.
     */
    private static String describe(Exception e) {
        if (e instanceof TelegramApiException api) {
            return TelegramApi.describe(api);
        }
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause == e ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + cause.getClass().getSimpleName();
    }

    /** Stops trying; a start already made is the bot's to stop. */
    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
