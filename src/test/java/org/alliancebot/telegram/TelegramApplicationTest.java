package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.alliancebot.content.ContentCopy;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app as started with a token: long polling the fake Bot API server, health on Actuator, and no operator's
 * chat set (alliance.admin.chat-id), so a refused content change is told to no one.
 */
@SpringBootTest(classes = AllianceBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TelegramApplicationTest {

    static final FakeBotApi TELEGRAM = FakeBotApi.startQuietly();
    static final Path CONTENT = ContentCopy.of(Path.of("content"));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PollingAppProperties.register(registry, TELEGRAM, CONTENT, "polling");
    }

    @AfterAll
    static void stop() throws Exception {
        TELEGRAM.close();
        ContentCopy.delete(CONTENT);
    }

    @Autowired
    SnapshotHolder holder;

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

    @Test
    void aRefusedReloadIsToldToNoOneWithoutAnOperatorsChat() throws Exception {
        Path fit = CONTENT.resolve("trees/fit.yaml");
        String good = Files.readString(fit);
        try {
            Files.writeString(fit, good.replace("start: sessions", "start: nowhere"));

            assertThat(holder.reload()).isFalse();

            TimeUnit.MILLISECONDS.sleep(500);
            assertThat(TELEGRAM.calls("sendMessage")).noneMatch(call -> call.text("text").contains("refused"));
        } finally {
            Files.writeString(fit, good);
            holder.reload();
        }
    }
}
