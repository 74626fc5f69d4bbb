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
            drains.submit(() -> journal.drain(1, u -> handled.add(u.getUpdateId())));
        }
        drains.shutdown();
        assertThat(drains.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(handled).hasSize(20_000).isSorted();
        assertThat(journal.pendingChats()).isEmpty();
    }
}
