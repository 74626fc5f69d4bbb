package org.alliancebot.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What the Telegram channel needs to run, free of Spring so the channel can be built and tested alone. The
 * system package fills it from {@code alliance.telegram.*} properties.
 *
 * @param token         the bot's token; never logged
 * @param apiUrl        the Bot API server: Telegram's, a self-hosted one, or a fake one in tests
 * @param pollTimeout   how long one getUpdates call may wait for updates
 * @param rateLimit     whether outgoing messages are limited to Telegram's per-chat and global rates
 * @param sendAttempts  attempts per outgoing request, the first included
 * @param sendDeadline  the longest time spent retrying one request
 * @param shutdownGrace how long shutdown waits for updates in hand
 */
public record TelegramSettings(String token, URI apiUrl, Duration pollTimeout, boolean rateLimit, int sendAttempts,
                               Duration sendDeadline, Duration shutdownGrace) {

    public TelegramSettings {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("a Telegram bot token is required (TELEGRAM_BOT_TOKEN)");
        }
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (sendAttempts < 1) {
            throw new IllegalArgumentException("send attempts must be at least 1 but was " + sendAttempts);
        }
    }

    /** The API server as the library wants it; the default port follows the scheme. */
    public org.telegram.telegrambots.meta.TelegramUrl telegramUrl() {
        int port = apiUrl.getPort() > 0 ? apiUrl.getPort() : "http".equals(apiUrl.getScheme()) ? 80 : 443;
        return new org.telegram.telegrambots.meta.TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
    }

    /** For log lines: the API host, never the token. */
    public String apiHost() {
        return apiUrl.getHost() + (apiUrl.getPort() > 0 ? ":" + apiUrl.getPort() : "");
    }
}
