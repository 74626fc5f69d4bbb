package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alliancebot.content.ContentCopy;
import org.alliancebot.conversation.SnapshotHolder;
import org.alliancebot.system.AllianceBotApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on Telegram (long polling the fake Bot API server), as an operator sees it: metrics at
 * /actuator/prometheus on the management port, bound to 127.0.0.1, counting what happened and naming no chat and
 * no word anyone typed; and a refused content change told once to the operator's chat.
 */
@SpringBootTest(classes = AllianceBotApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperatorMetricsTest {

    static final FakeBotApi TELEGRAM = FakeBotApi.startQuietly();
    static final Path CONTENT = ContentCopy.of(Path.of("content"));
    static final long PERSON = 7_301_946_285L;
    static final long OPERATOR = 5_550_123_987L;
    static final String MARKER = "zebrafish";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PollingAppProperties.register(registry, TELEGRAM, CONTENT, "metrics");
        registry.add("alliance.admin.chat-id", () -> Long.toString(OPERATOR));
        registry.add("management.server.port", () -> "0");
    }

    @AfterAll
    static void stop() throws Exception {
        TELEGRAM.close();
        ContentCopy.delete(CONTENT);
    }

    @LocalServerPort
    int serverPort;

    @LocalManagementPort
    int managementPort;

    @Value("${management.server.address}")
    String managementAddress;

    @Autowired
    SnapshotHolder holder;

    @Test
    void metricsCountWhatHappenedAndNameNoChatAndNoWord() throws Exception {
        String before = scrape(); // other tests of this class may have counted something already
        TELEGRAM.sendText(PERSON, "/start");
        TELEGRAM.awaitSent(PERSON, 1);
        // The next message is refused once with 429 (retry_after 1 s) and then sent.
        TELEGRAM.failNext("sendMessage", FakeBotApi.Fault.TOO_MANY_REQUESTS);
        TELEGRAM.press(PERSON, "Is this therapist a good fit?");
        TELEGRAM.awaitSent(PERSON, 2);
        TELEGRAM.sendText(PERSON, "my " + MARKER + " therapist keeps cancelling our sessions");
        TELEGRAM.awaitSent(PERSON, 3);
        TELEGRAM.sendText(PERSON, "i want to kill myself");
        TELEGRAM.awaitSent(PERSON, 4);

        String metrics = scrapeUntil(m -> added(before, m, "alliance_updates_handled_total") == 4);

        assertThat(added(before, metrics, "alliance_updates_received_total")).isEqualTo(4);
        assertThat(added(before, metrics, "alliance_updates_handled_total")).isEqualTo(4);
        assertThat(added(before, metrics, "alliance_updates_handling_seconds_count")).isEqualTo(4);
        assertThat(metrics).containsPattern("alliance_updates_handling_seconds_bucket\\{le=\"[0-9.]+\"}");
        assertThat(added(before, metrics,
                "alliance_telegram_calls_total{method=\"sendmessage\",outcome=\"retried\"}")).isEqualTo(1);
        assertThat(added(before, metrics,
                "alliance_telegram_calls_total{method=\"sendmessage\",outcome=\"ok\"}")).isGreaterThanOrEqualTo(3);
        assertThat(added(before, metrics,
                "alliance_telegram_calls_total{method=\"answercallbackquery\",outcome=\"ok\"}")).isEqualTo(1);
        assertThat(value(metrics, "alliance_telegram_calls_total{method=\"getupdates\",outcome=\"ok\"}"))
                .isPositive();
        assertThat(added(before, metrics,
                "alliance_telegram_retries_total{method=\"sendmessage\",reason=\"too-many-requests\"}")).isEqualTo(1);
        assertThat(added(before, metrics, "alliance_telegram_too_many_requests_total{method=\"sendmessage\"}"))
                .isEqualTo(1);
        assertThat(added(before, metrics, "alliance_telegram_limiter_wait_seconds_count")).isGreaterThanOrEqualTo(4);
        assertThat(value(metrics, "alliance_lanes_pending")).isZero();
        assertThat(value(metrics, "alliance_journal_pending")).isZero();
        assertThat(value(metrics, "alliance_telegram_poll_age_seconds")).isBetween(0.0, 30.0);
        assertThat(value(metrics, "alliance_content_version{version=\"" + holder.status().version() + "\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "alliance_content_refused")).isZero();
        assertThat(added(before, metrics,
                "alliance_safety_responses_total{category=\"self-harm\",tier=\"respond\"}")).isEqualTo(1);

        assertThat(metrics).doesNotContainIgnoringCase(MARKER)
                .doesNotContain(Long.toString(PERSON))
                .doesNotContain(Long.toString(OPERATOR));
    }

    @Test
    void statsReadsTheCountsOfARunningBotFromItsManagementPortWhenItCannotOpenTheDatabase() throws Exception {
        long person = PERSON + 1;
        TELEGRAM.sendText(person, "/start");
        TELEGRAM.awaitSent(person, 2); // the welcome, then the menu
        TELEGRAM.press(person, "Is this therapist a good fit?");
        TELEGRAM.awaitSent(person, 3);
        TELEGRAM.press(person, "One or two");
        TELEGRAM.awaitSent(person, 4);

        String json = CountsOverTelegramTest.stats("--database", "jdbc:h2:file:./no-such-dir/none;IFEXISTS=TRUE",
                "--bot", "http://127.0.0.1:" + managementPort, "--json", "--tree", "fit", "--days", "1",
                "--content", CONTENT.toString());

        com.fasterxml.jackson.databind.JsonNode sessions = CountsOverTelegramTest.node(
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("trees").get(0), "sessions");
        assertThat(sessions.get("reached").asText()).isNotEqualTo("0");
        assertThat(sessions.get("continued").asText()).isNotEqualTo("0");
        assertThat(json).doesNotContainIgnoringCase(MARKER).doesNotContain(Long.toString(person));
    }

    @Test
    void metricsAreServedOnTheManagementPortOn127001AndHealthOnBothPorts() throws Exception {
        TELEGRAM.sendText(PERSON + 1, "/help");
        TELEGRAM.awaitSent(PERSON + 1, 1); // health is DOWN until the bot has reached Telegram

        assertThat(managementPort).isPositive().isNotEqualTo(serverPort);
        assertThat(managementAddress).isEqualTo("127.0.0.1");
        assertThat(get(serverPort, "/actuator/prometheus").statusCode()).isEqualTo(404);
        HttpResponse<String> health = get(serverPort, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"telegram\"", "\"content\"");
        assertThat(get(managementPort, "/actuator/health").body()).contains("\"status\":\"UP\"");

        // Reachable on the machine's other addresses: the server port is, the management port is not.
        for (InetAddress address : otherAddresses()) {
            try (Socket reachable = new Socket()) {
                reachable.connect(new InetSocketAddress(address, serverPort), 2000);
            }
            assertThatThrownBy(() -> {
                try (Socket refused = new Socket()) {
                    refused.connect(new InetSocketAddress(address, managementPort), 2000);
                }
            }).as("management port on " + address).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void aRefusedReloadIsToldToTheOperatorOncePerBrokenState() throws Exception {
        Path fit = CONTENT.resolve("trees/fit.yaml");
        String good = Files.readString(fit);
        try {
            Files.writeString(fit, good.replace("start: sessions", "start: nowhere"));

            assertThat(holder.reload()).isFalse();
            List<FakeBotApi.Call> told = TELEGRAM.awaitSent(OPERATOR, 1);
            assertThat(told.getFirst().text("text")).startsWith("Content change refused")
                    .containsPattern("trees/fit\\.yaml:\\d+: .*nowhere");

            // Saved again, still the same broken files: nothing more.
            Files.writeString(fit, good.replace("start: sessions", "start: nowhere"));
            assertThat(holder.reload()).isFalse();
            String metrics = scrapeUntil(m -> value(m, "alliance_content_reloads_total{outcome=\"refused\"}") == 2);
            TimeUnit.MILLISECONDS.sleep(500);
            assertThat(TELEGRAM.sentTo(OPERATOR)).hasSize(1);
            assertThat(value(metrics, "alliance_content_refused")).isEqualTo(1);
        } finally {
            Files.writeString(fit, good);
            holder.reload();
        }
        assertThat(value(scrape(), "alliance_content_refused")).isZero();
    }

    // ---- helpers ----

    String scrape() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Scrapes until the metrics show what is expected (the last counts land just after the last call). */
    String scrapeUntil(Predicate<String> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        String metrics = scrape();
        while (!expected.test(metrics) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            metrics = scrape();
        }
        return metrics;
    }

    /** The value of one series, as {@code name{labels}} exactly as Prometheus prints it; NaN when absent. */
    static double value(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : Double.NaN;
    }

    /** How much a counter grew between two scrapes (a series not yet there counts as 0). */
    static double added(String before, String after, String series) {
        double was = value(before, series);
        return value(after, series) - (Double.isNaN(was) ? 0 : was);
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** This machine's IPv4 addresses other than loopback, on interfaces that are up. */
    static List<InetAddress> otherAddresses() throws IOException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .toList();
    }
}
