package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.ResponseParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class RetryPolicyTest {

    final RetryPolicy policy = new RetryPolicy(() -> 0.5);

    static TelegramApiRequestException error(int code, Integer retryAfter) {
        ApiResponse<Object> response = ApiResponse.builder().ok(false).errorCode(code).errorDescription("x")
                .parameters(retryAfter == null ? null : new ResponseParameters(null, retryAfter))
                .build();
        return new TelegramApiRequestException("failed", response);
    }

    @Test
    void tooManyRequestsWaitsExactlyWhatTelegramAsked() {
        assertThat(policy.delay(error(429, 7), 1)).contains(Duration.ofSeconds(7));
    }

    @Test
    void serverErrorsBackOffExponentiallyWithJitter() {
        assertThat(policy.delay(error(500, null), 1)).contains(Duration.ofMillis(125));
        assertThat(policy.delay(error(502, null), 3)).contains(Duration.ofMillis(500));
    }

    @Test
    void backOffIsCapped() {
        assertThat(policy.backOff(30)).isEqualTo(Duration.ofMillis(RetryPolicy.MAX.toMillis() / 2));
    }

    @Test
    void brokenPagesAndNetworkFailuresAreRetried() {
        assertThat(policy.delay(new TelegramApiRequestException("Unable to deserialize response"), 1)).isPresent();
        assertThat(policy.delay(new TelegramApiException(new java.io.IOException("reset")), 1)).isPresent();
    }

    @Test
    void clientErrorsAreFinal() {
        assertThat(policy.delay(error(400, null), 1)).isEmpty();
        assertThat(policy.delay(error(403, null), 1)).isEmpty();
    }
}
