package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The test double itself, where a defect in it would show as a defect of the bot's. */
class FakeBotApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Many people sending at once while a poller confirms by offset, as the crash test does: were an update's id
     * taken before an earlier one was queued, the poller could confirm the earlier unseen, a loss the crash test
     * once blamed on the bot.
     */
    @Test
    void updatesSentAtOnceAreAllHandedOutInIdOrder() throws Exception {
        int senders = 8;
        int each = 300;
        try (FakeBotApi telegram = new FakeBotApi(); HttpClient http = HttpClient.newHttpClient();
             ExecutorService people = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                long chat = 1_000 + s;
                sending.add(people.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        telegram.sendText(chat, "hello " + i);
                    }
                    return null;
                }));
            }
            List<Integer> received = new ArrayList<>();
            int offset = 0;
            while (received.size() < senders * each) {
                HttpRequest poll = HttpRequest.newBuilder(URI.create(telegram.url() + "/bot" + FakeBotApi.TOKEN
                                + "/getUpdates"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"offset\":" + offset + ",\"timeout\":0}"))
                        .build();
                JsonNode result = JSON.readTree(http.send(poll, HttpResponse.BodyHandlers.ofString()).body())
                        .path("result");
                for (JsonNode update : result) {
                    received.add(update.path("update_id").asInt());
                    offset = update.path("update_id").asInt() + 1;
                }
                if (result.isEmpty() && sending.stream().allMatch(Future::isDone)) {
                    break;
                }
            }

            Set<Integer> handedOut = Set.copyOf(received);
            assertThat(IntStream.rangeClosed(1, senders * each).filter(id -> !handedOut.contains(id)).boxed())
                    .as("updates never handed out").isEmpty();
            assertThat(received).as("in id order, each once").isSorted().doesNotHaveDuplicates();
        }
    }
}
