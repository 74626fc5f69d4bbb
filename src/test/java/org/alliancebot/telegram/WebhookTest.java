package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.alliancebot.storage.Databases;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole app in webhook mode, with the fake Bot API server standing in for Telegram. */
@SpringBootTest(classes = AllianceBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookTest {

    static final String SECRET = "a-long-enough-secret_123";
    static final FakeBotApi TELEGRAM = FakeBotApi.startQuietly();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("alliance.storage.url", () -> Databases.h2Url("webhook"));
        registry.add("alliance.channel", () -> "telegram");
        registry.add("alliance.telegram.token", () -> FakeBotApi.TOKEN);
        registry.add("alliance.telegram.api-url", () -> TELEGRAM.url().toString());
        registry.add("alliance.telegram.mode", () -> "webhook");
        registry.add("alliance.telegram.webhook.public-url", () -> "https://bot.example.org/telegram/webhook");
        registry.add("alliance.telegram.webhook.secret", () -> SECRET);
        registry.add("alliance.telegram.rate-limit.enabled", () -> "false");
    }

    @AfterAll
    static void stop() throws Exception {
        TELEGRAM.close();
    }

    @LocalServerPort
    int port;

    HttpResponse<String> post(String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/webhook"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    static String update(int id, long chat, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1763900000,
                 "chat": {"id": %d, "type": "private"}, "from": {"id": %d, "is_bot": false, "first_name": "P"},
                 "text": "%s"}}""".formatted(id, id, chat, chat, text);
    }

    @Test
    void startRegistersTheWebhookWithItsSecret() throws Exception {
        FakeBotApi.Call setWebhook = TELEGRAM.await("setWebhook", c -> true);

        assertThat(setWebhook.body().toString()).contains("bot.example.org", SECRET);
    }

    @Test
    void validUpdateIsAcknowledgedAndHandled() throws Exception {
        assertThat(post(SECRET, update(1, 501, "/help")).statusCode()).isEqualTo(200);

        assertThat(TELEGRAM.awaitSent(501, 1).getFirst().text("text")).contains("/back");
    }

    @Test
    void missingSecretIsUnauthorizedAndChangesNothing() throws Exception {
        assertThat(post(null, update(2, 502, "/help")).statusCode()).isEqualTo(401);

        Thread.sleep(300);
        assertThat(TELEGRAM.sentTo(502)).isEmpty();
    }

    @Test
    void wrongSecretIsForbiddenAndChangesNothing() throws Exception {
        assertThat(post("not-the-secret-at-all", update(3, 503, "/help")).statusCode()).isEqualTo(403);
        assertThat(post(SECRET + "x", update(4, 503, "/help")).statusCode()).isEqualTo(403);

        Thread.sleep(300);
        assertThat(TELEGRAM.sentTo(503)).isEmpty();
    }

    @Test
    void bodyThatIsNotAnUpdateIsRefused() throws Exception {
        assertThat(post(SECRET, "{not json").statusCode()).isEqualTo(400);
    }
}
