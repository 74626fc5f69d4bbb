package org.alliancebot.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.alliancebot.telegram.TelegramBot;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when long polling has not completed a getUpdates call within its timeout plus a margin: the library's
 * poller can stop without a word, and this is how an orchestrator finds out.
 */
final class TelegramHealthIndicator implements HealthIndicator {

    /** A poll returns within its timeout; this much more allows for a slow network or a retry. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final TelegramBot bot;
    private final Clock clock;

    TelegramHealthIndicator(TelegramBot bot, Clock clock) {
        this.bot = bot;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (bot.startedAt().isEmpty()) {
            return Health.down().withDetail("telegram", "not started yet: trying to reach Telegram (see the log)")
                    .build();
        }
        if (!bot.polling()) {
            return Health.up().withDetail("mode", "webhook").build();
        }
        Instant now = clock.instant();
        Duration allowed = bot.pollTimeout().plus(MARGIN);
        var conflict = bot.lastConflict().filter(at -> Duration.between(at, now).compareTo(allowed) <= 0);
        if (conflict.isPresent()) {
            return Health.down().withDetail("mode", "polling")
                    .withDetail("conflict", "another instance is polling with this token (409 at " + conflict.get()
                            + "); run one poller per token, or webhook mode with PostgreSQL for several")
                    .build();
        }
        Instant since = bot.lastPoll().or(bot::startedAt).orElse(now);
        Health.Builder health = Duration.between(since, now).compareTo(allowed) > 0 ? Health.down() : Health.up();
        health.withDetail("mode", "polling");
        bot.lastPoll().ifPresent(last -> health.withDetail("lastPoll", last.toString()));
        return health.build();
    }
}
