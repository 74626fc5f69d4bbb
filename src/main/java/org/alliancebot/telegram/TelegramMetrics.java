package org.alliancebot.telegram;

import java.time.Duration;

/**
 * What the Telegram channel tells operators about its own work, as it happens: updates, Bot API calls, retries,
 * waits. Never a chat, a person or a word: a Bot API method's name is the most any of these carries. The system
 * package turns them into Micrometer metrics; the channel itself knows nothing of Micrometer.
 */
public interface TelegramMetrics {

    /** How one Bot API call ended, its retries included. */
    enum Outcome {
        /** Succeeded at the first attempt. */
        OK,
        /** Succeeded after one or more retries. */
        RETRIED,
        /** Failed for good, or ran out of attempts or time. */
        FAILED
    }

    /** Why a failed attempt is tried again. */
    enum RetryReason {
        /** Telegram answered 429 Too Many Requests. */
        TOO_MANY_REQUESTS,
        /** Telegram answered with a server error (5xx). */
        SERVER_ERROR,
        /** No answer from the API: the network failed, or a page that is not the API's JSON came back. */
        NO_ANSWER
    }

    /** An update arrived, polled or delivered by webhook (a re-delivery included). */
    default void updateReceived() {
    }

    /**
     * An update was answered, in {@code took}: from starting to decide its answer until its Bot API calls were made
     * (for an answer a previous run decided and left unsent, from starting to send it).
     */
    default void updateHandled(Duration took) {
    }

    /** A Bot API call ended; {@code method} is its Bot API name, lower-cased. */
    default void call(String method, Outcome outcome) {
    }

    /** A failed attempt of a Bot API call will be tried again. */
    default void retry(String method, RetryReason reason) {
    }

    /** Telegram answered a call with 429 Too Many Requests (whether or not it is tried again). */
    default void tooManyRequests(String method) {
    }

    /** How long a message waited for the outgoing rate limits before it was sent. */
    default void limiterWait(Duration waited) {
    }

    /** Tells no one: for tests and tools. */
    TelegramMetrics NONE = new TelegramMetrics() {
    };
}
