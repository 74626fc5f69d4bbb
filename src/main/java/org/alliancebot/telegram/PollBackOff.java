package org.alliancebot.telegram;

import java.util.function.DoubleSupplier;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

/**
 * The poller's wait after a failed getUpdates: exactly Telegram's {@code retry_after} when it sent one,
 * otherwise exponential with full jitter, from half a second up to thirty.
 */
final class PollBackOff implements BackOff {

    static final long INITIAL_MILLIS = 500;
    static final long MAX_MILLIS = 30_000;

    private final PollMonitor monitor;
    private final DoubleSupplier random;
    private int failures;

    PollBackOff(PollMonitor monitor, DoubleSupplier random) {
        this.monitor = monitor;
        this.random = random;
    }

    @Override
    public synchronized void reset() {
        failures = 0;
    }

    @Override
    public synchronized long nextBackOffMillis() {
        failures++;
        return monitor.takeRetryAfterSeconds()
                .map(seconds -> seconds * 1000)
                .orElseGet(() -> {
                    long bound = Math.min(MAX_MILLIS, INITIAL_MILLIS << Math.min(failures - 1, 16));
                    return Math.max(INITIAL_MILLIS / 2, (long) (random.getAsDouble() * bound));
                });
    }
}
