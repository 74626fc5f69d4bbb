package org.alliancebot.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.alliancebot.conversation.SessionStore;
import org.alliancebot.telegram.Outgoing;
import org.alliancebot.telegram.UpdateJournal;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * The durable path of one press without the network: the journal records the update, the session is written and a
 * press's three calls are kept in the outbox in one transaction (a group commit of one, as one chat at a time
 * is); sending is a no-op; the sent row is deleted with the next commit. On production's H2 file ({@code WRITE_DELAY=0}, Hikari, Flyway's schema),
 * one thread, chats in turn. Sample-time mode reports the median and p99. Run from the repository root:
 *
 * <pre>mvn -Pbenchmarks -q test-compile exec:exec -Djmh.args="JournalBenchmark -f 1"</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class JournalBenchmark {

    static final InlineKeyboardMarkup KEYBOARD = InlineKeyboardMarkup.builder()
            .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("Yes, mostly")
                    .callbackData("p:fit:goals:1:a").build()))
            .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder().text("Not really")
                    .callbackData("p:fit:goals:1:b").build()))
            .build();

    @Param({"true", "false"})
    public boolean withAnswer;

    private HikariDataSource source;
    private Path files;
    private UpdateJournal journal;
    private SessionStore sessions;
    private int next = 1;
    private final UpdateJournal.Answerer answerer = new UpdateJournal.Answerer() {
        @Override
        public Outgoing decide(Update update) {
            long chat = update.getUpdateId() % 200;
            sessions.put(ChatId.of(chat), Session.AT_MENU);
            if (!withAnswer) {
                return Outgoing.NOTHING;
            }
            return new Outgoing(List.of(
                    new Outgoing.Call(AnswerCallbackQuery.builder().callbackQueryId("q" + update.getUpdateId())
                            .build(), true),
                    new Outgoing.Call(EditMessageText.builder().chatId(chat).messageId(7)
                            .text("Do you feel heard in your sessions?\n\n✓ <b>Yes, mostly</b>")
                            .parseMode(ParseMode.HTML).build(), true),
                    new Outgoing.Call(SendMessage.builder().chatId(chat).parseMode(ParseMode.HTML)
                            .text("When you talk about what matters to you, does your therapist follow and "
                                    + "remember it?").replyMarkup(KEYBOARD).build(), false)));
        }

        @Override
        public void send(Outgoing outgoing) {
        }
    };

    @Setup(Level.Trial)
    public void open() throws IOException {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(20);
        files = Files.createTempDirectory("journal-bench");
        config.setJdbcUrl("jdbc:h2:file:" + files.resolve("alliance")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        config.setUsername("sa");
        source = new HikariDataSource(config);
        Flyway.configure().dataSource(source).load().migrate();
        StorageConfiguration storage = new StorageConfiguration(source,
                new TransactionTemplate(new DataSourceTransactionManager(source)), Clock.systemUTC(),
                Duration.ofHours(1), 10_000, true);
        sessions = storage.sessions();
        journal = storage.journal();
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        source.close();
        FileSystemUtils.deleteRecursively(files);
    }

    @Benchmark
    public void press() {
        Update update = new Update();
        update.setUpdateId(next++);
        journal.handle(update.getUpdateId() % 200, update, () -> { }, answerer);
    }
}
