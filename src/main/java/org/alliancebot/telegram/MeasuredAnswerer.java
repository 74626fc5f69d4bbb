package org.alliancebot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Tells the metrics each update answered and how long answering it took: from starting to decide its answer (the
 * session, the safety check, search) until its Bot API calls were made, rate-limit waits and retries included.
 * The start waits beside the decided calls until they are sent, perhaps on another thread (a journal may send
 * while it writes); an answer a previous run decided and left unsent is timed from when its sending starts.
 */
final class MeasuredAnswerer implements UpdateJournal.Answerer {

    private final UpdateJournal.Answerer answerer;
    private final TelegramMetrics metrics;
    /**
     * When each answer not yet sent began to be decided, by the answer's identity (weak keys compare by identity);
     * one never sent, such as a re-delivery's dropped decision, goes with its answer.
     */
    private final Cache<Outgoing, Long> deciding = Caffeine.newBuilder().weakKeys().build();

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
            metrics.updateHandled(since(started));
        } else {
            deciding.put(outgoing, started);
        }
        return outgoing;
    }

    @Override
    public void send(Outgoing outgoing) {
        Long decided = deciding.asMap().remove(outgoing);
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
