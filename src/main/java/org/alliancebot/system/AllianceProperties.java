package org.alliancebot.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Every setting of the bot, bound from {@code alliance.*} properties, with defaults that suit a first run. */
@ConfigurationProperties("alliance")
@Validated
public record AllianceProperties(@Valid @DefaultValue ContentProperties content,
                                 @Valid @DefaultValue SessionProperties sessions,
                                 @Valid @DefaultValue TelegramProperties telegram,
                                 @Valid @DefaultValue PrivacyProperties privacy,
                                 @Valid @DefaultValue EmbeddingProperties embedding,
                                 @Valid @DefaultValue AdminProperties admin) {

    /**
     * @param chatId the operator's Telegram chat, told when a content change is refused (once per broken state);
     *               none by default, and then no one is told
     */
    public record AdminProperties(Long chatId) {
    }

    /**
     * @param cacheDir where the vectors of content (passages, trees, safety examples) are kept between runs, so a
     *                 start or a reload embeds only what changed; never anything a person typed
     */
    public record EmbeddingProperties(@NotNull @DefaultValue("data") Path cacheDir) {
    }

    /**
     * @param logKey the key of the hash that names chats in logs; the same key across instances and restarts keeps
     *               log lines comparable, and without one a random key is made at start-up
     */
    public record PrivacyProperties(@DefaultValue("") String logKey) {
    }

    /**
     * @param dir         the folder holding menu.yaml, trees/ and the rest
     * @param watch       whether changes to the folder are loaded while the app runs
     * @param quietPeriod how long the folder must stay unchanged before a reload, so a burst of saves loads once
     */
    public record ContentProperties(@NotNull @DefaultValue("content") Path dir,
                                    @DefaultValue("true") boolean watch,
                                    @NotNull @DefaultValue("200ms") Duration quietPeriod) {
    }

    /**
     * @param idle      a session untouched this long is dropped from memory (it stays in the database)
     * @param maxSize   at most this many sessions are held in memory; the least recently used go first
     * @param retention a session untouched this long is deleted from the database
     */
    public record SessionProperties(@NotNull @DefaultValue("24h") Duration idle,
                                    @Min(1) @DefaultValue("100000") long maxSize,
                                    @NotNull @DefaultValue("30d") Duration retention) {
    }

    /**
     * @param token         the bot's token, from TELEGRAM_BOT_TOKEN; never logged
     * @param apiUrl        the Bot API server: Telegram's, a self-hosted one, or a local fake one
     * @param mode          long polling (the default) or webhook
     * @param pollTimeout   how long one getUpdates call waits for updates
     * @param shutdownGrace how long shutdown waits for updates in hand
     */
    public record TelegramProperties(@DefaultValue("") String token,
                                     @NotNull @DefaultValue("https://api.telegram.org") URI apiUrl,
                                     @NotNull @DefaultValue("polling") Mode mode,
                                     @NotNull @DefaultValue("50s") Duration pollTimeout,
                                     @NotNull @DefaultValue("10s") Duration shutdownGrace,
                                     @Valid @DefaultValue RateLimit rateLimit,
                                     @Valid @DefaultValue Send send,
                                     @Valid @DefaultValue Webhook webhook) {

        public enum Mode { POLLING, WEBHOOK }

        /** @param enabled Telegram's per-chat and global limits; off only for load tests on a local server */
        public record RateLimit(@DefaultValue("true") boolean enabled) {
        }

        /**
         * @param attempts attempts per request, the first included
         * @param deadline the longest time spent retrying one request
         */
        public record Send(@Min(1) @DefaultValue("6") int attempts, @NotNull @DefaultValue("60s") Duration deadline) {
        }

        /**
         * @param publicUrl        where Telegram should POST updates (https://...), required in webhook mode
         * @param path             the local path that receives them
         * @param secret           the secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token
         * @param deleteOnShutdown whether stopping deletes the webhook (not when other instances keep serving)
         */
        public record Webhook(URI publicUrl, @NotNull @DefaultValue("/telegram/webhook") String path,
                              @DefaultValue("") String secret, @DefaultValue("true") boolean deleteOnShutdown) {
        }
    }
}
