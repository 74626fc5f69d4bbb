package org.alliancebot.telegram;

import java.time.Duration;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Tells the metrics each update answered and how long answering it took: from starting to decide its answer (the
 * session, the safety check, search) until its Bot API calls were made, rate-limit waits and retries included.
 * A journal decides and sends an update's answer on the same thread, so the start waits in a thread-local in
 * between; an answer a previous run decided and left unsent is timed from when its sending starts.
 */
final class MeasuredAnswerer implements UpdateJournal.Answerer {

    private final UpdateJournal.Answerer answerer;
    private final TelegramMetrics metrics;
    /** When this thread began to decide the answer it sends next. */
    private final ThreadLocal<Long> deciding = new ThreadLocal<>();

    MeasuredAnswerer(UpdateJournal.Answerer answerer, TelegramMetrics metrics) {
        this.answerer = answerer;
        this.metrics = metrics;
    }

    @Override
    public Outgoing decide(Update update) {
        long started = System.nanoTime();
        Outgoing outgoing = answerer.decide(update);
        if (outgoing.isEmpty()) {
            // Nothing to send (an edited message, say): answered now, and a journal may not call send for it.
            deciding.remove();
            metrics.updateHandled(since(started));
        } else {
            deciding.set(started);
        }
        return outgoing;
    }

    @Override
    public void send(Outgoing outgoing) {
        Long decided = deciding.get();
        deciding.remove();
        if (outgoing.isEmpty()) {
            return; // counted when it was decided
        }
        long started = decided != null ? decided : System.nanoTime();
        answerer.send(outgoing);
        metrics.updateHandled(since(started));
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
