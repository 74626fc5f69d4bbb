package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.Update;

class MeasuredAnswererTest {

    private final List<Duration> handled = new CopyOnWriteArrayList<>();
    private final TelegramMetrics metrics = new TelegramMetrics() {
        @Override
        public void updateHandled(Duration took) {
            handled.add(took);
        }
    };

    /** Decides after a pause, so that a time taken from the decision's start is told apart from the send's. */
    private final UpdateJournal.Answerer slowToDecide = new UpdateJournal.Answerer() {
        @Override
        public Outgoing decide(Update update) {
            pause(Duration.ofMillis(60));
            return Outgoing.builder().send(SendMessage.builder().chatId(7L).text("hello").build()).build();
        }

        @Override
        public void send(Outgoing outgoing) {
        }
    };

    @Test
    void answerSentOnAnotherThreadIsTimedFromTheStartOfItsDecision() throws Exception {
        MeasuredAnswerer measured = new MeasuredAnswerer(slowToDecide, metrics);
        Outgoing decided = measured.decide(new Update());

        Thread sender = Thread.ofVirtual().start(() -> measured.send(decided));
        sender.join();

        assertThat(handled).singleElement().satisfies(took -> assertThat(took).isGreaterThanOrEqualTo(
                Duration.ofMillis(60)));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
