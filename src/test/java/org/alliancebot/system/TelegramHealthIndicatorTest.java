package org.alliancebot.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.alliancebot.telegram.TelegramBot;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.health.contributor.Status;

class TelegramHealthIndicatorTest {

    final Instant now = Instant.parse("2026-11-23T12:00:00Z");
    final TelegramBot bot = Mockito.mock(TelegramBot.class);
    final TelegramHealthIndicator health = new TelegramHealthIndicator(bot, Clock.fixed(now, ZoneOffset.UTC));

    {
        Mockito.when(bot.polling()).thenReturn(true);
        Mockito.when(bot.pollTimeout()).thenReturn(Duration.ofSeconds(50));
        Mockito.when(bot.startedAt()).thenReturn(Optional.of(now.minusSeconds(600)));
        Mockito.when(bot.lastConflict()).thenReturn(Optional.empty());
    }

    @Test
    void downWhileAnotherInstancePollsWithTheSameToken() {
        Mockito.when(bot.lastPoll()).thenReturn(Optional.of(now.minusSeconds(5)));
        Mockito.when(bot.lastConflict()).thenReturn(Optional.of(now.minusSeconds(3)));

        var result = health.health();

        assertThat(result.getStatus()).isEqualTo(Status.DOWN);
        assertThat(result.getDetails().get("conflict").toString()).contains("another instance is polling");
    }

    @Test
    void upWhileAPollCompletedWithinItsTimeout() {
        Mockito.when(bot.lastPoll()).thenReturn(Optional.of(now.minusSeconds(60)));

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void downWhenThePollerWentSilent() {
        Mockito.when(bot.lastPoll()).thenReturn(Optional.of(now.minusSeconds(81)));

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void downWhenNoPollEverCompleted() {
        Mockito.when(bot.lastPoll()).thenReturn(Optional.empty());

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    @Test
    void downUntilTheBotHasStarted() {
        Mockito.when(bot.startedAt()).thenReturn(Optional.empty());
        Mockito.when(bot.lastPoll()).thenReturn(Optional.empty());

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails()).containsKey("telegram");
    }

    @Test
    void webhookModeDoesNotPoll() {
        Mockito.when(bot.polling()).thenReturn(false);

        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }
}
