package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.alliancebot.content.NodeRef;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sessions and the update journal, the same tests on the default H2 and on a real PostgreSQL. */
abstract class DurableStorageContract {

    abstract DataSource database();

    DataSource source;
    JdbcTemplate jdbc;
    TransactionTemplate transactions;
    Instant now = Instant.parse("2026-11-23T12:00:00Z");
    final ChatId chat = new ChatId("42");
    final Session session = new Session(new NodeRef("fit", "goals"), Set.of("judged"), 2,
            List.of(new Session.Frame(new NodeRef("fit", "sessions"), Set.of(), 0)), "GB");

    Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    @BeforeEach
    void connect() {
        source = database();
        jdbc = new JdbcTemplate(source);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(source));
    }

    JdbcUpdateJournal journal() {
        return new JdbcUpdateJournal(jdbc, transactions, clock(), chat -> { });
    }

    static String payload(int n) {
        return "{\"update_id\":" + n + "}";
    }

    @Nested
    class Sessions {

        @Test
        void sessionIsKeptWholeAcrossStores() {
            new JdbcSessionStore(jdbc, clock()).put(chat, session);

            assertThat(new JdbcSessionStore(jdbc, clock()).get(chat)).contains(session);
        }

        @Test
        void sessionAtTheMenuRoundTrips() {
            JdbcSessionStore store = new JdbcSessionStore(jdbc, clock());
            store.put(chat, Session.AT_MENU);

            assertThat(store.get(chat)).contains(Session.AT_MENU);
        }

        @Test
        void laterPutReplacesTheSession() {
            JdbcSessionStore store = new JdbcSessionStore(jdbc, clock());
            store.put(chat, Session.AT_MENU);
            store.put(chat, session);

            assertThat(store.get(chat)).contains(session);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sessions", Integer.class)).isOne();
        }

        @Test
        void deleteForgetsAtOnceFromCacheAndDatabase() {
            JdbcSessionStore durable = new JdbcSessionStore(jdbc, clock());
            CachedSessionStore cached = new CachedSessionStore(
                    new org.alliancebot.conversation.CaffeineSessionStore(Duration.ofHours(1), 10), durable);
            cached.put(chat, session);

            cached.delete(chat);

            assertThat(cached.get(chat)).isEmpty();
            assertThat(durable.get(chat)).isEmpty();
        }

        @Test
        void storedStateHoldsNoTextAPersonTyped() {
            new JdbcSessionStore(jdbc, clock()).put(chat, session);

            assertThat(jdbc.queryForObject("SELECT state FROM sessions", String.class))
                    .isEqualTo("{\"at\":\"fit/goals\",\"flags\":[\"judged\"],\"score\":2,"
                            + "\"history\":[{\"at\":\"fit/sessions\",\"flags\":[],\"score\":0}],\"country\":\"GB\"}");
        }

        @Test
        void idleSessionsAreDeletedAfterTheirRetention() {
            new JdbcSessionStore(jdbc, clock()).put(chat, session);
            now = now.plus(Duration.ofDays(29));
            new JdbcSessionStore(jdbc, clock()).put(new ChatId("fresh"), session);
            now = now.plus(Duration.ofDays(2));

            assertThat(new JdbcSessionStore(jdbc, clock()).deleteIdle(Duration.ofDays(30))).isOne();

            assertThat(new JdbcSessionStore(jdbc, clock()).get(chat)).isEmpty();
            assertThat(new JdbcSessionStore(jdbc, clock()).get(new ChatId("fresh"))).isPresent();
        }
    }

    @Nested
    class Journal {

        @Test
        void updateIsRecordedOnceAndReDeliveriesAreRecognised() {
            assertThat(journal().record(1, 7, payload(1))).isTrue();
            assertThat(journal().record(1, 7, payload(1))).isFalse();
        }

        @Test
        void chatsUpdatesAreHandledInOrderEachOnce() {
            JdbcUpdateJournal journal = journal();
            for (int id : new int[] {3, 1, 2}) {
                journal.record(id, 7, payload(id));
            }
            List<String> handled = new ArrayList<>();

            journal.drainPayloads(7, handled::add);
            journal.drainPayloads(7, handled::add);

            assertThat(handled).containsExactly(payload(1), payload(2), payload(3));
        }

        @Test
        void handledUpdatesKeepNoPayload() {
            journal().record(1, 7, payload(1));
            journal().drainPayloads(7, p -> { });

            assertThat(jdbc.queryForObject("SELECT payload FROM inbox WHERE update_id = 1", String.class)).isNull();
        }

        @Test
        void updatesNotHandledBeforeACrashArePendingAfterIt() {
            journal().record(1, 7, payload(1));
            journal().record(2, 8, payload(2));

            JdbcUpdateJournal afterRestart = journal();

            assertThat(afterRestart.pendingChats()).containsExactlyInAnyOrder(7L, 8L);
        }

        @Test
        void handlerThatFailsLeavesTheUpdatePendingAndTheSessionUnchanged() {
            JdbcSessionStore sessions = new JdbcSessionStore(jdbc, clock());
            journal().record(1, 42, payload(1));

            assertThatThrownBy(() -> journal().drainPayloads(42, p -> {
                sessions.put(chat, session);
                throw new IllegalStateException("crash in the middle");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(journal().pendingChats()).containsExactly(42L);
            assertThat(sessions.get(chat)).isEmpty();
        }

        @Test
        void handledUpdatesAreForgottenAfterADay() {
            journal().record(1, 7, payload(1));
            journal().drainPayloads(7, p -> { });
            now = now.plus(Duration.ofHours(25));

            assertThat(journal().purgeDone(Duration.ofDays(1))).isOne();
            assertThat(journal().record(1, 7, payload(1))).isTrue();
        }
    }
}
