package org.alliancebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PerChatExecutorTest {

    @Test
    void oneChatsTasksRunInOrder() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        try (PerChatExecutor lanes = new PerChatExecutor()) {
            for (int i = 0; i < 500; i++) {
                int n = i;
                lanes.submit(1, () -> seen.add(n));
            }
            assertThat(lanes.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(seen).isSorted().hasSize(500);
    }

    @Test
    void differentChatsRunAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (PerChatExecutor lanes = new PerChatExecutor()) {
            for (long chat : new long[] {1, 2}) {
                lanes.submit(chat, () -> {
                    bothStarted.countDown();
                    await(release);
                });
            }
            assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheChatsLaterWork() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (PerChatExecutor lanes = new PerChatExecutor()) {
            lanes.submit(1, () -> {
                throw new IllegalStateException("boom");
            });
            lanes.submit(1, () -> seen.add("after"));
            assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(seen).containsExactly("after");
    }

    @Test
    void awaitIdleGivesUpAfterItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (PerChatExecutor lanes = new PerChatExecutor()) {
            lanes.submit(1, () -> await(release));
            assertThat(lanes.awaitIdle(Duration.ofMillis(50))).isFalse();
            assertThat(lanes.pending()).isEqualTo(1);
            release.countDown();
            assertThat(lanes.awaitIdle(Duration.ofSeconds(5))).isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
