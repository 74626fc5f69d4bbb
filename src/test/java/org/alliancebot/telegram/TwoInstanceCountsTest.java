package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.alliancebot.storage.Databases;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two app instances in webhook mode on one PostgreSQL, each counting what it answers: their counts add up in the
 * shared table, the stats command reports the exact totals, and nothing typed reaches any table.
 */
class TwoInstanceCountsTest {

    static final String MARKER = "zebrafish";

    @Test
    void countsOfTwoInstancesAddUpAndNoTableHoldsAnythingTyped() throws Exception {
        String database = Databases.newPostgresDatabase();
        TwoInstanceWebhookTest instances = new TwoInstanceWebhookTest();
        try (FakeBotApi telegram = new FakeBotApi(); HttpClient client = HttpClient.newHttpClient()) {
            ConfigurableApplicationContext first = instances.instance(telegram, database);
            ConfigurableApplicationContext second = instances.instance(telegram, database);
            try {
                int[] ports = {TwoInstanceWebhookTest.port(first), TwoInstanceWebhookTest.port(second)};
                int update = 1;
                for (long chat = 700; chat < 706; chat++) {
                    // Each person opens the fit tree at one instance and starts it again at the other.
                    assertThat(TwoInstanceWebhookTest.post(client, ports[(int) chat % 2], update++, chat,
                            "/start fit")).isEqualTo(200);
                    telegram.awaitSent(chat, 1);
                    assertThat(TwoInstanceWebhookTest.post(client, ports[(int) (chat + 1) % 2], update++, chat,
                            "/restart")).isEqualTo(200);
                    telegram.awaitSent(chat, 2);
                }
                for (long chat = 710; chat < 712; chat++) {
                    TwoInstanceWebhookTest.post(client, ports[(int) chat % 2], update++, chat,
                            "my " + MARKER + " therapist never listens");
                    telegram.awaitSent(chat, 1);
                }
            } finally {
                first.close(); // each writes down its counts as it stops
                second.close();
            }
        }
        String url = Databases.postgresUrl(database);

        JsonNode stats = new ObjectMapper().readTree(CountsOverTelegramTest.stats("--database", url, "--database-user", "postgres", "--json",
                "--days", "1", "--tree", "fit", "--content", "content"));

        JsonNode sessions = CountsOverTelegramTest.node(stats.get("trees").get(0), "sessions");
        assertThat(sessions.get("reached").asText()).as("6 opened, 6 started again").isEqualTo("12");
        assertThat(sessions.get("restarted").asText()).isEqualTo("6");
        assertThat(stats.get("typedQuestions").get("answered").asText()).isEqualTo("<5");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        for (String table : List.of("sessions", "inbox", "outbox", "counts", "chat_locks")) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM " + table);
            assertThat(rows.toString()).as(table).doesNotContainIgnoringCase(MARKER);
        }
    }
}
