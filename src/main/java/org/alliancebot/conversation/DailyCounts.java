package org.alliancebot.conversation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts kept in memory, per UTC day, until they are taken to be written down every few seconds. Counting is a
 * map lookup and an add, so it costs a press next to nothing; a crash loses at most what was counted since the
 * last time they were taken.
 */
public final class DailyCounts implements Tally {

    /** One counter: a day, an event and where it happened. */
    public record Key(LocalDate day, Event event, String subject, String detail) {
    }

    private final Clock clock;
    /** Counters stay in place while their day lasts, so no count can land in one that was just taken away. */
    private final ConcurrentHashMap<Key, AtomicLong> counts = new ConcurrentHashMap<>();

    public DailyCounts(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void count(Event event, String subject, String detail) {
        Key key = new Key(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), event,
                subject == null ? "" : subject, detail == null ? "" : detail);
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Takes what has been counted since the last call; counting goes on meanwhile without loss. */
    public Map<Key, Long> take() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<Key, Long> taken = new HashMap<>();
        counts.forEach((key, counter) -> {
            long n = counter.getAndSet(0);
            if (n > 0) {
                taken.put(key, n);
            }
        });
        // Days gone by get no more counts (but for one racing midnight, which the next take picks up).
        counts.entrySet().removeIf(e -> e.getKey().day().isBefore(today.minusDays(1)) && e.getValue().get() == 0);
        return taken;
    }

    /** Puts back counts that could not be written down, to be tried again with the next. */
    public void putBack(Map<Key, Long> taken) {
        taken.forEach((key, n) -> counts.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(n));
    }
}
