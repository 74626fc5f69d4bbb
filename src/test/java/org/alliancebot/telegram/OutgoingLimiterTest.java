package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token buckets give lower bounds that do not depend on the machine's speed. */
class OutgoingLimiterTest {

    @Test
    void oneChatGetsABurstOfThreeThenAboutOneASecond() throws Exception {
        OutgoingLimiter limiter = new OutgoingLimiter();
        long started = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            limiter.acquire(1);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void otherChatsAreNotHeldUpByABusyOne() throws Exception {
        OutgoingLimiter limiter = new OutgoingLimiter();
        for (int i = 0; i < 3; i++) {
            limiter.acquire(1);
        }
        long started = System.nanoTime();

        limiter.acquire(2);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void disabledLimiterNeverWaits() throws Exception {
        OutgoingLimiter limiter = OutgoingLimiter.none();
        for (int i = 0; i < 1000; i++) {
            limiter.acquire(1);
        }
    }
}
