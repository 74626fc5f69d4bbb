package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

class UpdateJournalTest {

    static Update update(int id) {
        Update update = new Update();
        update.setUpdateId(id);
        return update;
    }

    @Test
    void reDeliveryIsRecognised() {
        UpdateJournal journal = UpdateJournal.inMemory();

        assertThat(journal.record(1, update(7))).isTrue();
        assertThat(journal.record(1, update(7))).isFalse();
    }

    @Test
    void updatesRecordedWhileAChatIsDrainedAreNeverStranded() throws Exception {
        UpdateJournal journal = UpdateJournal.inMemory();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        ExecutorService drains = Executors.newSingleThreadExecutor();
        for (int id = 1; id <= 20_000; id++) {
            journal.record(1, update(id));
            drains.submit(() -> journal.handle(1, null, () -> { }, answerer(handled)));
        }
        drains.shutdown();
        assertThat(drains.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(handled).hasSize(20_000).isSorted();
        assertThat(journal.pendingChats()).isEmpty();
    }

    @Test
    void arrivedUpdateIsKeptBeforeItIsAnsweredAndAReDeliveryIsNotAnsweredAgain() {
        UpdateJournal journal = UpdateJournal.inMemory();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();

        journal.handle(1, update(7), () -> events.add("kept"), answerer(handled));
        journal.handle(1, update(7), () -> events.add("kept again"), answerer(handled));

        assertThat(handled).containsExactly(7);
        assertThat(events).containsExactly("kept", "kept again");
    }

    @Test
    void anUpdateRecordedEarlierIsAnsweredBeforeOneThatArrives() {
        UpdateJournal journal = UpdateJournal.inMemory();
        List<Integer> handled = new CopyOnWriteArrayList<>();
        journal.record(1, update(5));

        journal.handle(1, update(6), () -> { }, answerer(handled));

        assertThat(handled).containsExactly(5, 6);
    }

    static UpdateJournal.Answerer answerer(List<Integer> handled) {
        return new UpdateJournal.Answerer() {
            @Override
            public Outgoing decide(Update update) {
                handled.add(update.getUpdateId());
                return Outgoing.NOTHING;
            }

            @Override
            public void send(Outgoing outgoing) {
            }
        };
    }
}
