package org.alliancebot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.alliancebot.content.NodeRef;
import org.junit.jupiter.api.Test;

class CaffeineSessionStoreTest {

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    final Session session = new Session(new NodeRef("fit", "start"), Set.of(), 0, List.of(), null);
    final ChatId chat = new ChatId("1");

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void sessionIsKeptWhileInUse() {
        var store = new CaffeineSessionStore(Duration.ofHours(24), 10, ticker);
        store.put(chat, session);

        advance(Duration.ofHours(23));
        assertThat(store.get(chat)).contains(session);
        advance(Duration.ofHours(23));

        assertThat(store.get(chat)).contains(session);
    }

    @Test
    void sessionIsForgottenAfterTheIdleTime() {
        var store = new CaffeineSessionStore(Duration.ofHours(24), 10, ticker);
        store.put(chat, session);

        advance(Duration.ofHours(24).plusSeconds(1));

        assertThat(store.get(chat)).isEmpty();
    }

    @Test
    void numberOfSessionsIsBounded() {
        var store = new CaffeineSessionStore(Duration.ofHours(24), 100, ticker);
        for (int i = 0; i < 1_000; i++) {
            store.put(new ChatId("c" + i), session.movedTo(new NodeRef("fit", "n" + i), Set.of(), 0));
        }

        assertThat(store.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void deleteForgetsAtOnce() {
        var store = new CaffeineSessionStore(Duration.ofHours(24), 10, ticker);
        store.put(chat, session);

        store.delete(chat);

        assertThat(store.get(chat)).isEmpty();
    }

    @Test
    void settingsAreCheckedUpFront() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineSessionStore(Duration.ZERO, 10))
                .withMessageContaining("idle time must be positive");
        assertThatIllegalArgumentException().isThrownBy(() -> new CaffeineSessionStore(Duration.ofHours(1), 0))
                .withMessageContaining("max sessions must be at least 1");
    }
}
