package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole app as started with a token: long polling the fake Bot API server, health on Actuator. */
@SpringBootTest(classes = AllianceBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TelegramApplicationTest {

    static final FakeBotApi TELEGRAM = FakeBotApi.startQuietly();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("alliance.storage.url", () -> "jdbc:h2:mem:polling-" + System.nanoTime()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("alliance.channel", () -> "telegram");
        registry.add("alliance.telegram.token", () -> FakeBotApi.TOKEN);
        registry.add("alliance.telegram.api-url", () -> TELEGRAM.url().toString());
        registry.add("alliance.telegram.poll-timeout", () -> "1s");
    }

    @AfterAll
    static void stop() throws Exception {
        TELEGRAM.close();
    }

    @LocalServerPort
    int port;

    @Test
    void conversationRunsThroughThePoller() throws Exception {
        TELEGRAM.sendText(777, "/start");

        assertThat(TELEGRAM.awaitSent(777, 1).getFirst().text("text")).contains("not an emergency service");
    }

    @Test
    void healthIsUpWithContentAndPolling() throws Exception {
        TELEGRAM.sendText(778, "/help");
        TELEGRAM.awaitSent(778, 1);

        HttpResponse<String> health;
        try (HttpClient client = HttpClient.newHttpClient()) {
            health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"telegram\"", "\"lastPoll\"", "\"content\"",
                "\"version\"");
    }
}
