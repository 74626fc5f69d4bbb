package org.alliancebot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import javax.sql.DataSource;
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

        JdbcUpdateJournal alone() {
            alone = new JdbcUpdateJournal(jdbc, transactions, clock(), chat -> { }, Duration.ofMinutes(2), true);
            return alone;
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
    }
}
