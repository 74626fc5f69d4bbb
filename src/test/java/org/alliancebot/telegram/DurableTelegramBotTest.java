package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.alliancebot.conversation.Conversation;
import org.alliancebot.conversation.Snapshot;
import org.alliancebot.embedding.TestEmbeddings;
import org.alliancebot.storage.Databases;
import org.alliancebot.storage.StorageConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The bot on production's durable journal (H2), against the fake Bot API: what the tables hold once it is quiet. */
class DurableTelegramBotTest {

    static final Snapshot SNAPSHOT = Snapshot.load(Path.of("content"), TestEmbeddings.fake()).orThrow();

    FakeBotApi telegram;
    TelegramBot bot;
    JdbcTemplate jdbc;

    @BeforeEach
    void start() throws Exception {
        DataSource source = Databases.h2();
        jdbc = new JdbcTemplate(source);
        StorageConfiguration storage = new StorageConfiguration(source,
                new TransactionTemplate(new DataSourceTransactionManager(source)), Clock.systemUTC(),
                Duration.ofHours(1), 1000, true);
        telegram = new FakeBotApi();
        bot = new TelegramBot(telegram.settings(), new Conversation(() -> SNAPSHOT, storage.sessions()),
                Clock.systemUTC(), storage.journal());
        bot.startPolling();
    }

    @AfterEach
    void stop() throws Exception {
        bot.close();
        telegram.close();
    }

    @Test
    void answeredChatsLeaveNoUnsentAnswerAndNoTextBehind() throws Exception {
        for (long chat = 1; chat <= 10; chat++) {
            telegram.sendText(chat, "/start");
        }
        for (long chat = 1; chat <= 10; chat++) {
            telegram.awaitSent(chat, 1);
            telegram.press(chat, "Is this therapist a good fit?");
        }
        for (long chat = 1; chat <= 10; chat++) {
            telegram.awaitSent(chat, 2);
        }
        bot.stop(false); // lets the updates in hand finish

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL OR payload IS NOT NULL",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox", Integer.class)).isEqualTo(20);
    }
}
