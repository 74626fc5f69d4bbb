package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class PollBackOffTest {

    @Test
    void growsExponentiallyUpToItsCapAndResets() {
        PollBackOff backOff = new PollBackOff(new PollMonitor(Clock.systemUTC()), () -> 0.999);

        assertThat(backOff.nextBackOffMillis()).isEqualTo(499);
        assertThat(backOff.nextBackOffMillis()).isEqualTo(999);
        for (int i = 0; i < 20; i++) {
            backOff.nextBackOffMillis();
        }
        assertThat(backOff.nextBackOffMillis()).isLessThanOrEqualTo(PollBackOff.MAX_MILLIS);
        backOff.reset();
        assertThat(backOff.nextBackOffMillis()).isEqualTo(499);
    }

    @Test
    void neverWaitsLessThanAQuarterSecond() {
        PollBackOff backOff = new PollBackOff(new PollMonitor(Clock.systemUTC()), () -> 0.0);

        assertThat(backOff.nextBackOffMillis()).isEqualTo(PollBackOff.INITIAL_MILLIS / 2);
    }
}
