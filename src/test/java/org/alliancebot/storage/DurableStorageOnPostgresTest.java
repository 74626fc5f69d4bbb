package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.alliancebot.content.NodeRef;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.alliancebot.telegram.Outgoing;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.Update;

/** PostgreSQL, for several instances; the test also proves the per-chat lock across them. */
class DurableStorageOnPostgresTest extends DurableStorageContract {
    @Override
    DataSource database() {
        return Databases.postgres();
    }

    @Test
    void twoInstancesNeverHandleOneChatAtOnceAndHandleEachUpdateOnce() throws Exception {
        String name = jdbc.queryForObject("SELECT current_database()", String.class);
        JdbcUpdateJournal[] instances = new JdbcUpdateJournal[2];
        for (int i = 0; i < 2; i++) {
            DataSource own = Databases.postgresDataSource(name);
            instances[i] = new JdbcUpdateJournal(new JdbcTemplate(own),
                    new TransactionTemplate(new DataSourceTransactionManager(own)), clock(), chat -> { });
        }
        int chats = 5;
        int perChat = 20;
        for (int u = 1; u <= chats * perChat; u++) {
            instances[u % 2].record(u, u % chats, payload(u));
        }
        AtomicInteger[] busy = new AtomicInteger[chats];
        List<String> overlaps = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        for (int c = 0; c < chats; c++) {
            busy[c] = new AtomicInteger();
        }
        ExecutorService workers = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int c = 0; c < chats; c++) {
                int chatId = c;
                JdbcUpdateJournal instance = instances[round % 2];
                running.add(workers.submit(() -> instance.drainPayloads(chatId, p -> {
                    if (busy[chatId].incrementAndGet() > 1) {
                        overlaps.add("chat " + chatId);
                    }
                    handled.add(chatId + ":" + p);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    busy[chatId].decrementAndGet();
                })));
            }
        }
        for (Future<?> f : running) {
            f.get();
        }
        workers.shutdown();

        assertThat(overlaps).as("one chat handled by two workers at once").isEmpty();
        assertThat(handled).hasSize(chats * perChat).doesNotHaveDuplicates();
        for (int c = 0; c < chats; c++) {
            String prefix = c + ":";
            List<Integer> order = handled.stream().filter(h -> h.startsWith(prefix))
                    .map(h -> Integer.parseInt(h.replaceAll("\\D+", " ").strip().split(" ")[1])).toList();
            assertThat(order).as("order of chat " + c).isSorted();
        }
    }

    /** Instances sharing PostgreSQL as the bot wires them: sessions read with the lock, calls beside the commit. */
    @Nested
    class AsWired {

        StorageConfiguration storage(TransactionTemplate transactions) {
            return new StorageConfiguration(source, transactions, clock(), Duration.ofHours(1), 100, false);
        }

        /** Answers that count each decision in the chat's session, as a press moves a person on. */
        Answers counting(StorageConfiguration storage, Answers answers) {
            return new Answers() {
                @Override
                public Outgoing decide(Update update) {
                    ChatId chat = ChatId.of(update.getUpdateId() % 5);
                    int before = storage.sessions().get(chat).map(Session::score).orElse(0);
                    storage.sessions().put(chat, new Session(new NodeRef("t", "n"), Set.of(), before + 1, List.of(),
                            null));
                    return answers.decide(update);
                }

                @Override
                public void send(Outgoing outgoing) {
                    answers.send(outgoing);
                }
            };
        }

        @Test
        void sessionReadWithTheLockIsTheOneTheDecisionSeesAndItsWriteIsKept() {
            StorageConfiguration storage = storage(transactions);
            new JdbcSessionStore(jdbc, clock()).put(ChatId.of(2), new Session(new NodeRef("t", "n"), Set.of(), 41,
                    List.of(), null));
            Answers answers = new Answers();

            storage.journal().handle(2, update(7), () -> { }, counting(storage, answers));

            assertThat(new JdbcSessionStore(jdbc, clock()).get(ChatId.of(2))).map(Session::score).contains(42);
            assertThat(answers.sent).containsExactly("answer to 7");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE update_id = 7 AND done_at IS NOT NULL",
                    Integer.class)).isOne();
        }

        @Test
        void sessionCommittedWhileTheAnswerWaitedForTheLockIsTheOneTheDecisionSees() throws Exception {
            StorageConfiguration storage = storage(transactions);
            JdbcUpdateJournal journal = storage.journal();
            ChatId two = ChatId.of(2);
            new JdbcSessionStore(jdbc, clock()).put(two, new Session(new NodeRef("t", "n"), Set.of(), 1, List.of(),
                    null));
            jdbc.update("INSERT INTO chat_locks (chat_id) VALUES (2)");
            String name = jdbc.queryForObject("SELECT current_database()", String.class);
            try (java.sql.Connection otherInstance = Databases.postgresDataSource(name).getConnection()) {
                otherInstance.setAutoCommit(false);
                otherInstance.createStatement().execute("SELECT chat_id FROM chat_locks WHERE chat_id = 2 FOR UPDATE");
                Thread answering = Thread.ofVirtual().start(() -> journal.handle(2, update(7), () -> { },
                        counting(storage, new Answers())));
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (jdbc.queryForObject("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND datname = current_database()", Integer.class) == 0) {
                    assertThat(System.nanoTime()).as("waited 10 s for the answer to wait").isLessThan(until);
                    Thread.sleep(5);
                }
                try (var update = otherInstance.prepareStatement("UPDATE sessions SET state = ? WHERE chat_id = '2'")) {
                    update.setString(1, SessionCodec.encode(new Session(new NodeRef("t", "n"), Set.of(), 10,
                            List.of(), null)));
                    update.executeUpdate();
                }
                otherInstance.commit();
                answering.join();
            }

            assertThat(new JdbcSessionStore(jdbc, clock()).get(two)).as("counted on from the other instance's 10")
                    .map(Session::score).contains(11);
        }

        @Test
        void sessionForgottenWhileDecidingIsDeletedWithTheAnswer() {
            StorageConfiguration storage = storage(transactions);
            new JdbcSessionStore(jdbc, clock()).put(chat, session);
            Answers answers = new Answers() {
                @Override
                public Outgoing decide(Update update) {
                    storage.sessions().delete(chat);
                    return super.decide(update);
                }
            };

            storage.journal().handle(42, update(1), () -> { }, answers);

            assertThat(new JdbcSessionStore(jdbc, clock()).get(chat)).isEmpty();
            assertThat(answers.sent).containsExactly("answer to 1");
        }

        @Test
        void callsOfANewUpdateTravelWhileItIsCommittedAndItIsConfirmedOnlyAfterTheCommit() {
            Watched watched = new Watched();
            StorageConfiguration storage = storage(watched);
            JdbcUpdateJournal journal = storage.journal();
            journal.handle(1, update(1), () -> { }, counting(storage, new Answers())); // a commit has gone through
            watched.events.clear();
            CountDownLatch called = watched.waitForACall(Duration.ofSeconds(5));

            journal.handle(2, update(2), () -> watched.events.add("confirmed"),
                    counting(storage, watched.noting(called)));

            assertThat(watched.events).as("then the sent row's delete").containsExactly("sent", "committed",
                    "confirmed", "committed");
        }

        @Test
        void firstAnswerOfAnInstanceIsCommittedBeforeItsCallsAreMade() {
            Watched watched = new Watched();
            StorageConfiguration storage = storage(watched);
            CountDownLatch called = watched.waitForACall(Duration.ofMillis(250));

            storage.journal().handle(1, update(1), () -> watched.events.add("confirmed"),
                    counting(storage, watched.noting(called)));

            assertThat(watched.events).containsExactly("committed", "confirmed", "sent", "committed");
        }

        @Test
        void twoInstancesAnsweringTheSameChatsLoseNoSessionWrite() throws Exception {
            String name = jdbc.queryForObject("SELECT current_database()", String.class);
            StorageConfiguration[] storages = new StorageConfiguration[2];
            JdbcUpdateJournal[] instances = new JdbcUpdateJournal[2];
            Answers[] answers = new Answers[2];
            for (int i = 0; i < 2; i++) {
                DataSource own = Databases.postgresDataSource(name);
                storages[i] = new StorageConfiguration(own, new TransactionTemplate(
                        new DataSourceTransactionManager(own)), clock(), Duration.ofHours(1), 100, false);
                instances[i] = storages[i].journal();
                answers[i] = new Answers();
            }
            int updates = 100;
            AtomicInteger next = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(8);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                running.add(workers.submit(() -> {
                    for (int id = next.incrementAndGet(); id <= updates; id = next.incrementAndGet()) {
                        int instance = id % 2;
                        instances[instance].handle(id % 5, update(id), () -> { },
                                counting(storages[instance], answers[instance]));
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            workers.shutdown();
            for (int i = 0; i < 2; i++) {
                for (long c : instances[i].pendingChats()) {
                    instances[i].handle(c, null, () -> { }, counting(storages[i], answers[i]));
                }
            }

            assertThat(answers[0].decided.size() + answers[1].decided.size()).isEqualTo(updates);
            JdbcSessionStore stored = new JdbcSessionStore(jdbc, clock());
            for (int c = 0; c < 5; c++) {
                assertThat(stored.get(ChatId.of(c))).as("chat %d's count", c).map(Session::score)
                        .contains(updates / 5);
            }
        }
    }
}
