package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alliancebot.storage.Databases;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two app instances in webhook mode on one PostgreSQL, with the updates of the same chats posted to either: every
 * update is handled exactly once, in order, and re-deliveries to the other instance are recognised.
 */
class TwoInstanceWebhookTest {

    static final String SECRET = "two-instances-share-this-secret";
    static final String[] STEPS = {"/help", "/privacy", "/sos", "/start"};
    static final String[] REPLIES = {"/back", "What I keep", "emergency", "not an emergency service"};

    ConfigurableApplicationContext instance(FakeBotApi telegram, String database) {
        return new SpringApplicationBuilder(AllianceBotApplication.class).run(
                "--alliance.channel=telegram",
                "--alliance.telegram.token=" + FakeBotApi.TOKEN,
                "--alliance.telegram.api-url=" + telegram.url(),
                "--alliance.telegram.mode=webhook",
                "--alliance.telegram.webhook.public-url=https://bot.example.org/telegram/webhook",
                "--alliance.telegram.webhook.secret=" + SECRET,
                "--alliance.telegram.webhook.delete-on-shutdown=false",
                "--alliance.telegram.rate-limit.enabled=false",
                "--alliance.content.watch=false",
                "--alliance.storage.url=" + Databases.postgresUrl(database),
                "--alliance.storage.username=postgres",
                "--server.port=0",
                "--management.server.port=0");
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static int post(HttpClient client, int port, int updateId, long chat, String text) throws Exception {
        String body = """
                {"update_id": %d, "message": {"message_id": %d, "date": 1763900000,
                 "chat": {"id": %d, "type": "private"}, "from": {"id": %d, "is_bot": false, "first_name": "P"},
                 "text": "%s"}}""".formatted(updateId, updateId, chat, chat, text);
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/webhook"))
                .header("Content-Type", "application/json")
                .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void everyUpdateIsHandledOnceInOrderWhicheverInstanceReceivesIt() throws Exception {
        String database = Databases.newPostgresDatabase();
        try (FakeBotApi telegram = new FakeBotApi();
             ConfigurableApplicationContext first = instance(telegram, database);
             ConfigurableApplicationContext second = instance(telegram, database);
             HttpClient client = HttpClient.newHttpClient()) {
            int[] ports = {port(first), port(second)};
            int chats = 8;
            int perChat = 12;
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> sending = new ArrayList<>();
            for (int c = 0; c < chats; c++) {
                long chat = 500 + c;
                int base = c * 1000;
                sending.add(senders.submit(() -> {
                    for (int k = 0; k < perChat; k++) {
                        int updateId = base + k + 1;
                        assertThat(post(client, ports[k % 2], updateId, chat, STEPS[k % STEPS.length])).isEqualTo(200);
                        // Telegram re-delivers when unsure; the other instance must recognise the update.
                        if (k % 3 == 0) {
                            assertThat(post(client, ports[(k + 1) % 2], updateId, chat, STEPS[k % STEPS.length]))
                                    .isEqualTo(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sending) {
                f.get();
            }
            senders.shutdown();

            for (int c = 0; c < chats; c++) {
                long chat = 500 + c;
                List<FakeBotApi.Call> replies = telegram.awaitSent(chat, perChat);
                Thread.sleep(200);
                replies = telegram.sentTo(chat);
                assertThat(replies).as("replies to chat " + chat).hasSize(perChat);
                for (int k = 0; k < perChat; k++) {
                    assertThat(replies.get(k).text("text")).as("reply %d to chat %d", k, chat)
                            .contains(REPLIES[k % REPLIES.length]);
                }
            }
        }
    }
}
