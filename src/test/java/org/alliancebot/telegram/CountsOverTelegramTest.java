package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.alliancebot.cli.RootCommand;
import org.alliancebot.conversation.ChatLogIds;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.FloodGuard;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.embedding.TestEmbeddings;
import org.alliancebot.storage.StorageConfiguration;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import picocli.CommandLine;

/**
 * Scripted conversations through the Telegram adapter, on an H2 file as production keeps it: the stats command
 * then reports exactly what was done, small counts as "&lt;5", and no word anyone typed is in the database files.
 */
class CountsOverTelegramTest {

    static final Snapshot SNAPSHOT = Snapshot.load(Path.of("content"), TestEmbeddings.miniLm()).orThrow();
    static final String MARKER = "zebrafish";
    static final String FIT = "Is this therapist a good fit?";

    @TempDir
    Path data;

    @Test
    void statsReportsExactlyWhatPeopleDidAndTheDatabaseHoldsNothingTheyTyped() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("alliance").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url);
        source.setUser("sa");
        Flyway.configure().dataSource(source).load().migrate();
        StorageConfiguration storage = new StorageConfiguration(source,
                new TransactionTemplate(new DataSourceTransactionManager(source)), Clock.systemUTC(),
                Duration.ofHours(1), 1000, true);
        DailyCounts counts = new DailyCounts(Clock.systemUTC());
        Conversation conversation = new Conversation(() -> SNAPSHOT, storage.sessions(),
                Conversation.searchAnswers(), FloodGuard.unlimited(), ChatLogIds.random(), Duration.ofHours(24),
                counts);
        try (FakeBotApi telegram = new FakeBotApi()) {
            TelegramBot bot = new TelegramBot(telegram.settings(), conversation, Clock.systemUTC(),
                    storage.journal());
            bot.startPolling();
            try {
                // Seven people open the fit tree; six answer the first question; three of them go back.
                for (long chat = 1; chat <= 7; chat++) {
                    telegram.sendText(chat, "/start");
                    telegram.awaitSent(chat, 1);
                    telegram.press(chat, FIT);
                    telegram.awaitSent(chat, 2);
                }
                for (long chat = 1; chat <= 6; chat++) {
                    telegram.press(chat, "One or two");
                    telegram.awaitSent(chat, 3);
                }
                for (long chat = 1; chat <= 3; chat++) {
                    telegram.sendText(chat, "/back");
                    telegram.awaitSent(chat, 4);
                }
                // Two typed questions, each with the marker word.
                telegram.sendText(20, "my " + MARKER + " therapist and I: how do I tell them I want to stop");
                telegram.awaitSent(20, 1);
                telegram.sendText(21, MARKER + " pasta recipe");
                telegram.awaitSent(21, 1);
            } finally {
                bot.stop(false);
                bot.close();
            }
        }
        storage.counts().flush(counts);

        JsonNode stats = new ObjectMapper().readTree(stats("--database", url, "--json", "--days", "1"));

        JsonNode fit = Stream.of(stats.get("trees")).flatMap(t -> java.util.stream.StreamSupport.stream(
                t.spliterator(), false)).filter(t -> t.get("id").asText().equals("fit")).findFirst().orElseThrow();
        JsonNode sessions = node(fit, "sessions");
        assertThat(sessions.get("reached").asText()).as("7 reached, 3 came back to it").isEqualTo("10");
        assertThat(sessions.get("continued").asText()).isEqualTo("6");
        assertThat(sessions.get("droppedOff").asText()).isEqualTo("<5");
        JsonNode comfort = node(fit, "comfort");
        assertThat(comfort.get("reached").asText()).isEqualTo("6");
        assertThat(comfort.get("wentBack").asText()).isEqualTo("<5");
        assertThat(comfort.get("droppedOff").asText()).isEqualTo("<5");
        assertThat(stats.get("typedQuestions").get("answered").asText()).isEqualTo("<5");
        assertThat(stats.get("typedQuestions").get("noGoodAnswer").asText()).isEqualTo("<5");
        assertThat(stats.toString()).doesNotContain(MARKER);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContainIgnoringCase(MARKER);
            }
        }
    }

    static JsonNode node(JsonNode tree, String id) {
        for (JsonNode node : tree.get("nodes")) {
            if (node.get("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id);
    }

    static String stats(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of("stats"), Stream.of(args)).toArray(String[]::new);
        CommandLine line = RootCommand.commandLine((telegram, springArgs) -> 0, all);
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(all);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }
}
