package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.Session;
import org.alliancebot.telegram.Outgoing;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The storage contract on H2, the engine the bot uses by default; and the journal alone on its embedded file. */
class DurableStorageOnH2Test extends DurableStorageContract {

    @Override
    DataSource database() {
        return Databases.h2();
    }

    @Nested
    class Alone {

        JdbcUpdateJournal alone;
        StorageConfiguration storage;

        /** A new process alone on the file: its own session cache and journal, as the bot wires them. */
        JdbcUpdateJournal alone() {
            return alone(transactions);
        }

        JdbcUpdateJournal alone(TransactionTemplate transactions) {
            storage = new StorageConfiguration(source, transactions, clock(), Duration.ofHours(1), 100, true);
            alone = storage.journal();
            return alone;
        }

        /** A new process alone on the file that has answered update {@code updateId} of chat 1, its events cleared. */
        JdbcUpdateJournal afterACommit(Watched watched, int updateId) {
            JdbcUpdateJournal journal = alone(watched);
            journal.handle(1, update(updateId), () -> { }, new Answers());
            watched.events.clear();
            return journal;
        }

        @AfterEach
        void close() {
            if (alone != null) {
                alone.close();
            }
        }

        int outboxRows() {
            return jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class);
        }

        @Test
        void chatWithNothingWaitingIsAnsweredAndItsSentRowDeletedSoonAfter() throws Exception {
            Answers answers = new Answers();

            alone().handle(7, update(1), () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 1");
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (outboxRows() > 0 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(outboxRows()).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE done_at IS NOT NULL AND payload IS NULL",
                    Integer.class)).isOne();
        }

        @Test
        void flushLeavesNoSentRowBehind() {
            JdbcUpdateJournal journal = alone();
            for (int id = 1; id <= 50; id++) {
                journal.handle(id % 5, update(id), () -> { }, new Answers());
            }

            journal.flush();

            assertThat(outboxRows()).isZero();
        }

        @Test
        void updateRecordedToWaitIsAnsweredBeforeTheNextOneThatArrives() {
            JdbcUpdateJournal journal = alone();
            journal.record(7, update(3));
            Answers answers = new Answers();

            journal.handle(7, update(4), () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 3", "answer to 4");
        }

        @Test
        void reDeliveryIsRecognisedOnTheQuickPath() {
            JdbcUpdateJournal journal = alone();
            Answers answers = new Answers();

            journal.handle(7, update(1), () -> { }, answers);
            journal.handle(7, update(1), () -> { }, answers);

            assertThat(answers.decided).containsExactly(1);
        }

        @Test
        void reDeliveryOfAnUpdateAnEarlierRunAnsweredIsNotDecidedAgain() {
            Answers answers = new Answers();
            alone().handle(7, update(1), () -> { }, answers);
            alone.close();
            AtomicInteger recorded = new AtomicInteger();

            alone().handle(7, update(1), recorded::incrementAndGet, answers);

            assertThat(answers.decided).containsExactly(1);
            assertThat(answers.sent).containsExactly("answer to 1");
            assertThat(recorded).as("confirmed to Telegram as known").hasValue(1);
        }

        @Test
        void reDeliveryThatSlipsPastIsRefusedByTheInboxAndItsDecisionDropped() {
            JdbcUpdateJournal journal = alone();
            // recorded by this run so long ago that it is no longer among the ids it remembers
            jdbc.update("INSERT INTO inbox (update_id, chat_id, received_at, done_at) VALUES (5, 5, ?, ?)",
                    java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));
            Answers answers = movingToTheMenu(new AtomicReference<>());
            AtomicInteger recorded = new AtomicInteger();

            journal.handle(5, update(5), recorded::incrementAndGet, answers);

            assertThat(answers.sent).isEmpty();
            assertThat(recorded).hasValue(1);
            assertThat(outboxRows()).isZero();
            assertThat(storage.sessions().get(ChatId.of(5))).as("the dropped decision's session").isEmpty();
        }

        @Test
        void answerAnEarlierRunLeftUnsentGoesBeforeTheFirstNewOne() {
            Answers crashing = Answers.killedWhileSending();
            assertThatThrownBy(() -> alone().handle(7, update(1), () -> { }, crashing));
            JdbcUpdateJournal afterRestart = alone();
            Answers answers = new Answers();

            afterRestart.adoptUnsent();
            assertThat(afterRestart.pendingChats()).containsExactly(7L);
            afterRestart.handle(7, update(2), () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 1", "answer to 2");
        }

        @Test
        void answerWhoseSendingFailsBesideItsCommitIsSentBeforeTheChatsNextOne() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            AtomicInteger attempts = new AtomicInteger();
            Answers failingOnce = new Answers();
            failingOnce.onSend = outgoing -> {
                if (text(outgoing).equals("answer to 2") && attempts.getAndIncrement() == 0) {
                    throw new IllegalStateException("the calls could not be made");
                }
            };
            assertThatThrownBy(() -> journal.handle(7, update(2), () -> { }, failingOnce));
            watched.events.clear();
            CountDownLatch called = watched.waitForACall(Duration.ofMillis(250));
            Answers answers = watched.noting(called);

            journal.handle(7, update(3), () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 2", "answer to 3");
            assertThat(watched.events.indexOf("committed")).as("the next answer kept first, not beside")
                    .isLessThan(watched.events.lastIndexOf("sent"));
        }

        /** Answers that move the chat to the menu as they decide, as a press does. */
        Answers movingToTheMenu(AtomicReference<Optional<String>> storedWhileDeciding) {
            return new Answers() {
                @Override
                public Outgoing decide(Update update) {
                    ChatId chat = ChatId.of(update.getUpdateId());
                    storage.sessions().put(chat, Session.AT_MENU);
                    storedWhileDeciding.set(jdbc.queryForList("SELECT state FROM sessions WHERE chat_id = ?",
                            String.class, chat.value()).stream().findFirst());
                    return super.decide(update);
                }
            };
        }

        @Test
        void sessionWrittenWhileDecidingIsCommittedWithItsUpdate() {
            JdbcUpdateJournal journal = alone();
            AtomicReference<Optional<String>> whileDeciding = new AtomicReference<>();

            journal.handle(7, update(7), () -> { }, movingToTheMenu(whileDeciding));

            assertThat(whileDeciding.get()).as("held until the commit").isEmpty();
            assertThat(new JdbcSessionStore(jdbc, clock()).get(ChatId.of(7))).contains(Session.AT_MENU);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE update_id = 7 AND done_at IS NOT NULL",
                    Integer.class)).isOne();
        }

        @Test
        void sessionWrittenOutsideAnAnswerGoesToTheDatabaseAtOnce() {
            alone();

            storage.sessions().put(chat, session);

            assertThat(new JdbcSessionStore(jdbc, clock()).get(chat)).contains(session);
        }

        @Test
        void answerWhoseCommitFailsKeepsNothingAndForgetsTheCachedSession() {
            JdbcUpdateJournal journal = alone();
            jdbc.execute("ALTER TABLE outbox RENAME TO outbox_gone");
            AtomicInteger recorded = new AtomicInteger();
            Answers answers = movingToTheMenu(new AtomicReference<>());

            assertThatThrownBy(() -> journal.handle(7, update(7), recorded::incrementAndGet, answers))
                    .isInstanceOf(org.springframework.dao.DataAccessException.class);

            jdbc.execute("ALTER TABLE outbox_gone RENAME TO outbox");
            assertThat(recorded).as("not confirmed as kept: the dispatcher records it to answer again").hasValue(0);
            assertThat(answers.sent).isEmpty();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox", Integer.class)).isZero();
            assertThat(storage.sessions().get(ChatId.of(7))).as("the cache does not keep what was not kept").isEmpty();
        }

        @Test
        void sessionForgottenWhileDecidingReadsAsForgottenUntilTheCommit() {
            JdbcUpdateJournal journal = alone();
            new JdbcSessionStore(jdbc, clock()).put(chat, session); // kept by an earlier run, not in the cache
            AtomicReference<Optional<Session>> readBack = new AtomicReference<>();
            Answers answers = new Answers() {
                @Override
                public Outgoing decide(Update update) {
                    storage.sessions().delete(chat);
                    readBack.set(storage.sessions().get(chat));
                    return super.decide(update);
                }
            };

            journal.handle(42, update(1), () -> { }, answers);

            assertThat(readBack.get()).as("not the stored one the held delete replaces").isEmpty();
            assertThat(new JdbcSessionStore(jdbc, clock()).get(chat)).isEmpty();
        }

        @Test
        void answersDecidedWhileAnotherIsWrittenShareTheNextTransaction() throws Exception {
            CountDownLatch firstWriting = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger transactionsRun = new AtomicInteger();
            TransactionTemplate slowFirst = new TransactionTemplate(transactions.getTransactionManager()) {
                @Override
                public <T> T execute(TransactionCallback<T> action) {
                    if (Thread.currentThread().getName().equals("outbox-sent")) {
                        return super.execute(action); // deleting sent rows, not writing answers
                    }
                    if (transactionsRun.incrementAndGet() == 1) {
                        firstWriting.countDown();
                        await(release);
                    }
                    return super.execute(action);
                }
            };
            JdbcUpdateJournal journal = alone(slowFirst);
            Answers answers = new Answers();
            Thread first = Thread.ofVirtual().start(() -> journal.handle(1, update(1), () -> { }, answers));
            firstWriting.await();
            List<Thread> others = new ArrayList<>();
            for (int id = 2; id <= 4; id++) {
                int updateId = id;
                others.add(Thread.ofVirtual().start(() -> journal.handle(updateId, update(updateId), () -> { },
                        answers)));
            }
            waitUntil(() -> journal.groupCommit().waiting() == 3);

            release.countDown();
            first.join();
            for (Thread other : others) {
                other.join();
            }

            assertThat(answers.sent).containsExactlyInAnyOrder("answer to 1", "answer to 2", "answer to 3",
                    "answer to 4");
            assertThat(transactionsRun).as("one for the first, one for the three decided meanwhile").hasValue(2);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE done_at IS NOT NULL", Integer.class))
                    .isEqualTo(4);
        }

        @Test
        void manyChatsAnsweringAtOnceLoseNoRowAndNoSession() throws Exception {
            JdbcUpdateJournal journal = alone();
            int chats = 8;
            int updatesEach = 50;
            Answers answers = new Answers() {
                @Override
                public Outgoing decide(Update update) {
                    int id = update.getUpdateId();
                    storage.sessions().put(ChatId.of(id % chats), new Session(
                            new org.alliancebot.content.NodeRef("t", "n" + id), java.util.Set.of(), id, List.of(), null));
                    return super.decide(update);
                }
            };
            List<Thread> lanes = new ArrayList<>();
            for (int chat = 0; chat < chats; chat++) {
                int lane = chat;
                lanes.add(Thread.ofVirtual().start(() -> {
                    for (int n = 0; n < updatesEach; n++) {
                        int id = n * chats + lane + chats; // ids above zero, one lane per chat as the bot has
                        journal.handle(lane, update(id), () -> { }, answers);
                    }
                }));
            }
            for (Thread lane : lanes) {
                lane.join();
            }
            journal.flush();

            assertThat(answers.sent).hasSize(chats * updatesEach).doesNotHaveDuplicates();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE done_at IS NOT NULL", Integer.class))
                    .isEqualTo(chats * updatesEach);
            assertThat(outboxRows()).isZero();
            JdbcSessionStore stored = new JdbcSessionStore(jdbc, clock());
            for (int chat = 0; chat < chats; chat++) {
                int last = (updatesEach - 1) * chats + chat + chats;
                assertThat(stored.get(ChatId.of(chat))).as("chat %d's last session", chat)
                        .map(Session::score).contains(last);
            }
        }

        @Test
        void callsOfANewUpdateTravelWhileItIsWrittenAndItIsConfirmedOnlyAfterTheCommit() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            CountDownLatch called = watched.waitForACall(Duration.ofSeconds(5));

            journal.handle(2, update(2), () -> watched.events.add("confirmed"), watched.noting(called));

            assertThat(watched.events).containsExactly("sent", "committed", "confirmed");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE update_id = 2 AND done_at IS NOT NULL",
                    Integer.class)).isOne();
        }

        @Test
        void firstAnswerOfARunIsWrittenBeforeItsCallsAreMade() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = alone(watched);
            CountDownLatch called = watched.waitForACall(Duration.ofMillis(250));

            journal.handle(1, update(1), () -> watched.events.add("confirmed"), watched.noting(called));

            assertThat(watched.events).as("no commit has gone through yet: the database may be failing")
                    .containsExactly("committed", "confirmed", "sent");
        }

        @Test
        void updateOlderThanOneThisRunWasHandedIsWrittenBeforeItsCallsAreMade() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 9);
            CountDownLatch called = watched.waitForACall(Duration.ofMillis(250));

            journal.handle(8, update(5), () -> watched.events.add("confirmed"), watched.noting(called));

            assertThat(watched.events).as("it might be a re-delivery").containsExactly("committed", "confirmed", "sent");
        }

        @Test
        void callsMadeBesideAFailedWriteAreWaitedForAndTheUpdateIsNotConfirmed() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            CountDownLatch called = watched.waitForACall(Duration.ofSeconds(5));
            jdbc.execute("ALTER TABLE outbox RENAME TO outbox_gone");

            assertThatThrownBy(() -> journal.handle(2, update(2), () -> watched.events.add("confirmed"),
                    watched.noting(called))).isInstanceOf(org.springframework.dao.DataAccessException.class);

            jdbc.execute("ALTER TABLE outbox_gone RENAME TO outbox");
            assertThat(watched.events).as("the dispatcher records it to answer again, after these calls")
                    .containsExactly("sent");
        }

        @Test
        void callsOfANewUpdateTravelWhileItWaitsForABatchBeingWritten() throws Exception {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            CountDownLatch commitMayFinish = watched.holdCommits();
            Answers answers = new Answers();
            answers.onSend = outgoing -> watched.events.add("sent " + text(outgoing));

            CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
                    journal.handle(2, update(2), () -> watched.events.add("confirmed 2"), answers));
            waitUntil(() -> watched.events.contains("sent answer to 2"));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() ->
                    journal.handle(3, update(3), () -> watched.events.add("confirmed 3"), answers));
            waitUntil(() -> watched.events.contains("sent answer to 3"));
            assertThat(watched.events).as("both sent while the first commit is held")
                    .containsExactly("sent answer to 2", "sent answer to 3");
            commitMayFinish.countDown();
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);

            assertThat(watched.events).contains("confirmed 2", "confirmed 3");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE update_id IN (2, 3)", Integer.class))
                    .isEqualTo(2);
        }

        @Test
        void loneAnswerMakesItsCallsFromTheDecidingThread() {
            JdbcUpdateJournal journal = afterACommit(new Watched(), 1);
            List<String> sendingThreads = new CopyOnWriteArrayList<>();
            Answers answers = new Answers();
            answers.onSend = outgoing -> sendingThreads.add(Thread.currentThread().getName());

            journal.handle(2, update(2), () -> { }, answers);

            assertThat(sendingThreads).containsExactly(Thread.currentThread().getName());
        }

        @Test
        void answerDecidedBesideOneOtherStillMakesItsCallsFromTheDecidingThread() throws Exception {
            assertThat(threadsSendingAnAnswerDecidedBeside(1)).containsExactly(Thread.currentThread().getName());
        }

        @Test
        void answerDecidedWhileTwoOtherChatsAreAnsweredJoinsTheBatchWithItsCallsBeside() throws Exception {
            assertThat(threadsSendingAnAnswerDecidedBeside(2)).as("that is load: this lane takes the batch")
                    .containsExactly("send-beside");
        }

        /** The threads that make the calls of chat 2's answer, decided while {@code others} chats decide theirs. */
        private List<String> threadsSendingAnAnswerDecidedBeside(int others) throws Exception {
            JdbcUpdateJournal journal = afterACommit(new Watched(), 1);
            CountDownLatch deciding = new CountDownLatch(others);
            CountDownLatch mayDecide = new CountDownLatch(1);
            Answers slow = new Answers() {
                @Override
                public Outgoing decide(Update update) {
                    deciding.countDown();
                    await(mayDecide);
                    return super.decide(update);
                }
            };
            List<CompletableFuture<Void>> otherLanes = new ArrayList<>();
            for (int other = 0; other < others; other++) {
                int chat = 10 + other;
                otherLanes.add(CompletableFuture.runAsync(() ->
                        journal.handle(chat, update(chat), () -> { }, slow), lane -> Thread.ofPlatform().start(lane)));
            }
            await(deciding);
            List<String> sendingThreads = new CopyOnWriteArrayList<>();
            Answers answers = new Answers();
            answers.onSend = outgoing -> sendingThreads.add(Thread.currentThread().getName());

            journal.handle(2, update(20), () -> { }, answers);
            mayDecide.countDown();
            for (CompletableFuture<Void> lane : otherLanes) {
                lane.get(10, TimeUnit.SECONDS);
            }
            return sendingThreads;
        }

        @Test
        void callsThatFailBesideTheWriteAreThrownOnlyOnceTheUpdateIsCommitted() throws Exception {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            CountDownLatch commitMayFinish = watched.holdCommits();
            AtomicInteger attempts = new AtomicInteger();
            Answers failing = new Answers();
            failing.onSend = outgoing -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("the calls could not be made");
            };

            CompletableFuture<Void> handling = CompletableFuture.runAsync(() ->
                    journal.handle(7, update(2), () -> watched.events.add("confirmed"), failing));
            waitUntil(() -> attempts.get() == 1);
            Thread.sleep(50);
            assertThat(handling).as("the chat's lane waits for the commit beside its failed calls").isNotDone();
            commitMayFinish.countDown();

            assertThatThrownBy(handling::join).hasRootCauseMessage("the calls could not be made");
            assertThat(watched.events).containsExactly("committed", "confirmed");
        }

        @Test
        void errorInTheWriteBesideTheCallsIsThrownAfterTheCallsAndForgetsTheCachedSession() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            watched.beforeCommit = () -> {
                throw new AssertionError("the disk is gone");
            };
            Answers answers = movingToTheMenu(new AtomicReference<>());
            answers.onSend = outgoing -> watched.events.add("sent");

            assertThatThrownBy(() -> journal.handle(2, update(2), () -> watched.events.add("confirmed"), answers))
                    .isInstanceOf(AssertionError.class).hasMessage("the disk is gone");

            assertThat(watched.events).as("made, and not confirmed: the dispatcher records it to answer again")
                    .containsExactly("sent");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbox WHERE update_id = 2", Integer.class)).isZero();
            assertThat(storage.sessions().get(ChatId.of(2))).as("the cache does not keep what was not kept").isEmpty();
        }

        @Test
        void failureToConfirmAnUpdateCommittedBesideItsCallsLeavesNoAnswerToRepeat() {
            Watched watched = new Watched();
            JdbcUpdateJournal journal = afterACommit(watched, 1);
            Answers answers = new Answers();

            assertThatThrownBy(() -> journal.handle(7, update(2), () -> {
                throw new IllegalStateException("telling Telegram failed");
            }, answers)).hasMessage("telling Telegram failed");
            journal.handle(7, update(3), () -> { }, answers);
            journal.flush();

            assertThat(answers.sent).as("kept and sent once").containsExactly("answer to 2", "answer to 3");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class)).isZero();
        }

        private static void await(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!condition.getAsBoolean()) {
                assertThat(System.nanoTime()).as("waited 10 s").isLessThan(until);
                Thread.sleep(5);
            }
        }
    }
}
