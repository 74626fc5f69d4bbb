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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.alliancebot.content.NodeRef;
import org.alliancebot.conversation.ChatId;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.Session;
import org.alliancebot.conversation.Tally;
import org.alliancebot.telegram.Outgoing;
import org.alliancebot.telegram.UpdateJournal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;

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

    /** Reads {@link #now} whenever asked, so a test can move time for stores it made earlier. */
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
    }

    @BeforeEach
    void connect() {
        source = database();
        jdbc = new JdbcTemplate(source);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(source));
    }

    private JdbcUpdateJournal journal;

    /** This instance's journal: the same one throughout a test, as one running app has. */
    JdbcUpdateJournal journal() {
        if (journal == null) {
            journal = anotherInstance();
        }
        return journal;
    }

    /** The journal of another instance, or of this one after a restart. */
    JdbcUpdateJournal anotherInstance() {
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
    class Counts {

        DailyCounts memory() {
            return new DailyCounts(clock());
        }

        @Test
        void countsFromSeveralFlushesAndInstancesAddUp() {
            JdbcCounts counts = new JdbcCounts(jdbc, transactions, clock());
            DailyCounts first = memory();
            DailyCounts second = memory();
            first.count(Tally.Event.REACHED, "fit", "sessions");
            first.count(Tally.Event.REACHED, "fit", "sessions");
            second.count(Tally.Event.REACHED, "fit", "sessions");
            counts.flush(first);
            counts.flush(second);
            first.count(Tally.Event.REACHED, "fit", "sessions");
            counts.flush(first);

            assertThat(counts.lastDays(1)).containsExactly(
                    new JdbcCounts.Row(Tally.Event.REACHED, "fit", "sessions", 4));
        }

        @Test
        void reportCoversTheDaysAskedFor() {
            JdbcCounts counts = new JdbcCounts(jdbc, transactions, clock());
            DailyCounts memory = memory();
            memory.count(Tally.Event.TYPED_ANSWERED, "", "");
            counts.flush(memory);
            now = now.plus(Duration.ofDays(3));
            memory.count(Tally.Event.TYPED_ANSWERED, "", "");
            counts.flush(memory);

            assertThat(counts.lastDays(1)).extracting(JdbcCounts.Row::n).containsExactly(1L);
            assertThat(counts.lastDays(4)).extracting(JdbcCounts.Row::n).containsExactly(2L);
        }

        @Test
        void countsAreDeletedAfter400Days() {
            JdbcCounts counts = new JdbcCounts(jdbc, transactions, clock());
            DailyCounts memory = memory();
            memory.count(Tally.Event.OUTCOME, "fit", "good-fit");
            counts.flush(memory);
            now = now.plus(Duration.ofDays(400));
            assertThat(counts.deleteOld()).isZero();
            now = now.plus(Duration.ofDays(1));

            assertThat(counts.deleteOld()).isOne();
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
        void arrivedUpdateIsRecordedAsAnsweredWithoutItsTextAndKeptBeforeItsAnswerIsSent() {
            Answers answers = new Answers();
            List<String> events = new CopyOnWriteArrayList<>();
            answers.onSend = outgoing -> events.add("sent " + text(outgoing));

            journal().handle(7, update(1), () -> events.add("kept"), answers);

            assertThat(events).containsExactly("kept", "sent answer to 1");
            assertThat(jdbc.queryForList("SELECT payload FROM inbox WHERE update_id = 1 AND done_at IS NOT NULL",
                    String.class)).containsExactly((String) null);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class)).as("gone once sent").isZero();
        }

        @Test
        void answerTravelsWithNoTransactionOpenAndItsOutboxRowInPlace() {
            Answers answers = new Answers();
            List<String> seen = new CopyOnWriteArrayList<>();
            answers.onSend = outgoing -> seen.add(TransactionSynchronizationManager.isActualTransactionActive()
                    + " " + jdbc.queryForObject("SELECT COUNT(*) FROM outbox WHERE update_id = 1", Integer.class));

            journal().handle(7, update(1), () -> { }, answers);

            assertThat(seen).containsExactly("false 1");
        }

        @Test
        void reDeliveredUpdateIsNotAnsweredAgain() {
            Answers answers = new Answers();
            journal().handle(7, update(1), () -> { }, answers);
            AtomicInteger kept = new AtomicInteger();

            journal().handle(7, update(1), kept::incrementAndGet, answers);

            assertThat(answers.decided).containsExactly(1);
            assertThat(kept).as("a re-delivery still counts as kept").hasValue(1);
        }

        @Test
        void updatesRecordedEarlierAreAnsweredFirstAndInOrder() {
            JdbcUpdateJournal journal = journal();
            journal.record(7, update(3));
            journal.record(7, update(2));
            Answers answers = new Answers();

            journal.handle(7, update(4), () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 2", "answer to 3", "answer to 4");
            assertThat(journal.pendingChats()).isEmpty();
        }

        @Test
        void answerLeftUnsentByACrashIsSentAfterTheRestartBeforeAnythingNewer() {
            Answers crashing = Answers.killedWhileSending();
            assertThatThrownBy(() -> journal().handle(7, update(1), () -> { }, crashing))
                    .hasMessage("killed while sending");
            JdbcUpdateJournal afterRestart = anotherInstance();
            assertThat(afterRestart.pendingChats()).containsExactly(7L);
            Answers answers = new Answers();

            afterRestart.adoptUnsent();
            afterRestart.handle(7, update(2), () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 1", "answer to 2");
            assertThat(answers.decided).as("the kept answer is sent, not decided again").containsExactly(2);
        }

        @Test
        void updateReceivedWhileAnotherInstanceSendsToTheChatWaitsAndIsAnsweredWhereItArrived() throws Exception {
            JdbcUpdateJournal first = journal();
            JdbcUpdateJournal second = anotherInstance();
            Answers firstAnswers = new Answers();
            Answers secondAnswers = new Answers();
            List<String> order = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch kept = new java.util.concurrent.CountDownLatch(1);
            ExecutorService elsewhere = Executors.newSingleThreadExecutor();
            Future<?>[] secondRun = new Future<?>[1];
            firstAnswers.onSend = outgoing -> {
                secondRun[0] = elsewhere.submit(() -> second.handle(7, update(2), kept::countDown, secondAnswers));
                try {
                    assertThat(kept.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("first sent " + text(outgoing));
            };
            secondAnswers.onSend = outgoing -> order.add("second sent " + text(outgoing));

            first.handle(7, update(1), () -> { }, firstAnswers);
            secondRun[0].get(10, java.util.concurrent.TimeUnit.SECONDS);
            elsewhere.shutdown();

            assertThat(firstAnswers.decided).as("the first leaves what it did not receive").containsExactly(1);
            assertThat(order).containsExactly("first sent answer to 1", "second sent answer to 2");
            assertThat(first.pendingChats()).isEmpty();
        }

        @Test
        void anInstanceThatDiedWhileSendingIsTakenOverOnceItsClaimIsOld() {
            Answers crashing = Answers.killedWhileSending();
            assertThatThrownBy(() -> journal().handle(7, update(1), () -> { }, crashing));
            Answers answers = new Answers();
            JdbcUpdateJournal other = new JdbcUpdateJournal(jdbc, transactions, clock(), chat -> { },
                    Duration.ofMinutes(2), null);

            other.handle(7, null, () -> { }, answers);
            assertThat(answers.sent).as("the claim is fresh: its owner may be alive").isEmpty();
            now = now.plus(Duration.ofMinutes(3));
            new JdbcUpdateJournal(jdbc, transactions, clock(), chat -> { }, Duration.ofMinutes(2), null)
                    .handle(7, null, () -> { }, answers);

            assertThat(answers.sent).containsExactly("answer to 1");
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

    /**
     * Transactions as the journal runs them (the H2 sweeper's go through untouched), with a step run after each
     * one's work and before its commit, and "committed" noted after each commit.
     */
    final class Watched extends TransactionTemplate {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Runnable beforeCommit = () -> { };

        Watched() {
            super(transactions.getTransactionManager());
        }

        @Override
        public <T> T execute(TransactionCallback<T> action) {
            if (Thread.currentThread().getName().equals("outbox-sent")) {
                return super.execute(action);
            }
            T result = super.execute(status -> {
                T done = action.doInTransaction(status);
                beforeCommit.run();
                return done;
            });
            events.add("committed");
            return result;
        }

        /** Each commit waits up to {@code most} for a call to be made beside it. */
        CountDownLatch waitForACall(Duration most) {
            CountDownLatch called = new CountDownLatch(1);
            beforeCommit = () -> {
                try {
                    called.await(most.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            return called;
        }

        /** Each commit waits until the returned latch is counted down. */
        CountDownLatch holdCommits() {
            CountDownLatch mayFinish = new CountDownLatch(1);
            beforeCommit = () -> {
                try {
                    mayFinish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };
            return mayFinish;
        }

        /** Answers that note each send, and count {@code called} down. */
        Answers noting(CountDownLatch called) {
            Answers answers = new Answers();
            answers.onSend = outgoing -> {
                events.add("sent");
                called.countDown();
            };
            return answers;
        }
    }

    static Update update(int id) {
        Update update = new Update();
        update.setUpdateId(id);
        return update;
    }

    static String text(Outgoing outgoing) {
        return ((SendMessage) outgoing.calls().getFirst().method()).getText();
    }

    /** Answers each update with one message naming it, and notes what was decided and what sent. */
    static class Answers implements UpdateJournal.Answerer {
        final List<Integer> decided = new CopyOnWriteArrayList<>();
        final List<String> sent = new CopyOnWriteArrayList<>();
        Consumer<Outgoing> onSend = outgoing -> { };

        /** Answers whose sending never finishes: the process dies while the calls travel. */
        static Answers killedWhileSending() {
            Answers answers = new Answers();
            answers.onSend = outgoing -> {
                throw new IllegalStateException("killed while sending");
            };
            return answers;
        }

        @Override
        public Outgoing decide(Update update) {
            decided.add(update.getUpdateId());
            return new Outgoing(List.of(new Outgoing.Call(SendMessage.builder().chatId(7L)
                    .text("answer to " + update.getUpdateId()).build(), false)));
        }

        @Override
        public void send(Outgoing outgoing) {
            onSend.accept(outgoing);
            sent.add(text(outgoing));
        }
    }
}
