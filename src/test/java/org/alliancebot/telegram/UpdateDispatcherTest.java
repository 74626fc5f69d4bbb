package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.telegram.telegrambots.meta.api.objects.Update;

/** How updates reach the journal and the chats' lanes, whatever the journal does. */
class UpdateDispatcherTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final UpdateHandler handler = Mockito.mock(UpdateHandler.class);
    final List<Integer> handled = new CopyOnWriteArrayList<>();
    final PerChatExecutor lanes = new PerChatExecutor();
    final CountingJournal journal = new CountingJournal();
    final UpdateDispatcher dispatcher = new UpdateDispatcher(handler, lanes, journal);

    @BeforeEach
    void recordWhatIsHandled() {
        doAnswer(call -> {
            handled.add(call.<Update>getArgument(0).getUpdateId());
            return Outgoing.NOTHING;
        }).when(handler).decide(any());
    }

    @AfterEach
    void stopLanes() {
        lanes.close();
    }

    static Update message(int id, long chat) throws Exception {
        return JSON.readValue("""
                {"update_id": %d, "message": {"message_id": %d, "date": 1700000000,
                 "chat": {"id": %d, "type": "private"}, "text": "hello"}}""".formatted(id, id, chat), Update.class);
    }

    void settle() throws InterruptedException {
        assertThat(lanes.awaitIdle(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void eachChatsUpdatesAreHandledInOrderAndChatsApart() throws Exception {
        dispatcher.consume(List.of(message(1, 7), message(2, 8), message(3, 7), message(4, 8)));
        settle();

        assertThat(handled).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(handled.indexOf(1)).isLessThan(handled.indexOf(3));
        assertThat(handled.indexOf(2)).isLessThan(handled.indexOf(4));
    }

    @Test
    void reDeliveredUpdatesAreNotHandledAgain() throws Exception {
        dispatcher.consume(List.of(message(1, 7)));
        settle();
        dispatcher.consume(List.of(message(1, 7), message(2, 7)));
        settle();

        assertThat(handled).containsExactly(1, 2);
    }

    @Test
    void consumeReturnsOnlyOnceTheUpdatesAreKept() throws Exception {
        dispatcher.consume(List.of(message(1, 7), message(2, 8)));

        assertThat(journal.attempts).as("both recorded before the offset is confirmed").hasValue(2);
    }

    @Test
    void updateForABusyChatIsRecordedAtOnceAndAnsweredAfterTheEarlierOne() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        lanes.submit(7, () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        dispatcher.consume(List.of(message(1, 7)));

        assertThat(journal.pendingChats()).as("kept while the lane is busy").containsExactly(7L);
        assertThat(handled).isEmpty();
        release.countDown();
        settle();
        assertThat(handled).containsExactly(1);
    }

    @Test
    void laterUpdateOfAChatIsKeptOnlyOnceTheEarlierOneInTheSamePollIs() throws Exception {
        java.util.concurrent.CountDownLatch keepFirst = new java.util.concurrent.CountDownLatch(1);
        List<String> kept = new CopyOnWriteArrayList<>();
        UpdateJournal slowToKeepTheFirst = new CountingJournal() {
            @Override
            public boolean record(long chatId, Update update) {
                kept.add("recorded " + update.getUpdateId());
                return super.record(chatId, update);
            }

            @Override
            public void handle(long chatId, Update arrived, Runnable recorded, Answerer answerer) {
                if (arrived != null && arrived.getUpdateId() == 1) {
                    super.handle(chatId, arrived, () -> {
                        await(keepFirst);
                        kept.add("kept 1");
                        recorded.run();
                    }, answerer);
                } else {
                    super.handle(chatId, arrived, recorded, answerer);
                }
            }
        };
        UpdateDispatcher ordered = new UpdateDispatcher(handler, lanes, slowToKeepTheFirst);

        Thread polling = Thread.ofVirtual().start(() -> {
            try {
                ordered.consume(List.of(message(1, 7), message(2, 7)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(kept).as("a crash now must leave both to Telegram, which delivers them in order").isEmpty();
        keepFirst.countDown();
        polling.join();
        settle();

        assertThat(kept).containsExactly("kept 1", "recorded 2");
        assertThat(handled).containsExactly(1, 2);
    }

    @Test
    void laterUpdateWhoseRecordingFailsEvenWithAnErrorIsAnsweredFromMemoryAndNothingEscapesConsume() throws Exception {
        UpdateJournal failingToRecord = new CountingJournal() {
            @Override
            public boolean record(long chatId, Update update) {
                throw new AssertionError("not even an exception");
            }

            @Override
            public void handle(long chatId, Update arrived, Runnable recorded, Answerer answerer) {
                super.handle(chatId, arrived, () -> {
                    sleep(50); // the second update arrives while the first is being kept
                    recorded.run();
                }, answerer);
            }
        };
        UpdateDispatcher dispatcher = new UpdateDispatcher(handler, lanes, failingToRecord);

        dispatcher.consume(List.of(message(1, 7), message(2, 7)));
        settle();

        assertThat(handled).containsExactly(1, 2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void journalThatFailsTwiceIsRetriedAndTheUpdateRecorded() throws Exception {
        journal.failures.put(1, 2);

        dispatcher.consume(List.of(message(1, 7)));
        settle();

        assertThat(journal.attempts).hasValue(3);
        assertThat(handled).containsExactly(1);
        assertThat(journal.pendingChats()).isEmpty();
    }

    @Test
    void updateTheJournalCannotTakeIsHandledFromMemoryAndTheOthersAreNotHeldBack() throws Exception {
        journal.failures.put(2, Integer.MAX_VALUE);

        dispatcher.consume(List.of(message(1, 7), message(2, 7), message(3, 8)));
        settle();

        assertThat(handled).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void nothingEscapesConsumeWhateverTheJournalAndTheUpdatesAre() throws Exception {
        journal.failures.put(1, Integer.MAX_VALUE);
        List<Update> updates = new java.util.ArrayList<>();
        updates.add(null);
        updates.add(new Update());
        updates.add(message(1, 7));

        dispatcher.consume(updates);
        settle();

        assertThat(handled).containsExactly(1);
    }

    /** The in-memory journal, failing an update's first attempts when a test asks it to. */
    static class CountingJournal implements UpdateJournal {
        private final UpdateJournal memory = UpdateJournal.inMemory();
        final AtomicInteger attempts = new AtomicInteger();
        /** Update id to the number of attempts to record it that fail. */
        final Map<Integer, Integer> failures = new ConcurrentHashMap<>();

        @Override
        public boolean record(long chatId, Update update) {
            attempt(update);
            return memory.record(chatId, update);
        }

        @Override
        public void handle(long chatId, Update arrived, Runnable recorded, Answerer answerer) {
            if (arrived != null) {
                attempt(arrived);
            }
            memory.handle(chatId, arrived, recorded, answerer);
        }

        private void attempt(Update update) {
            attempts.incrementAndGet();
            if (failures.computeIfPresent(update.getUpdateId(), (id, left) -> left - 1) instanceof Integer left
                    && left >= 0) {
                throw new IllegalStateException("the database is away");
            }
        }

        @Override
        public Set<Long> pendingChats() {
            return memory.pendingChats();
        }
    }
}
