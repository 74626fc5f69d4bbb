package org.alliancebot.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Keeps outgoing messages within Telegram's limits: about one message a second in one chat (a short burst of
 * three is allowed, as one reply is often two or three messages) and thirty a second in all. A sender waits for
 * a token rather than being refused. Buckets of chats gone quiet are dropped, so memory stays bounded.
 */
class OutgoingLimiter {

    static final int CHAT_BURST = 3;
    static final int GLOBAL_PER_SECOND = 30;

    private final Bucket global = Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(GLOBAL_PER_SECOND).refillGreedy(GLOBAL_PER_SECOND, Duration.ofSeconds(1))
                    .build())
            .build();
    private final Cache<Long, Bucket> chats = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000)
            .build();

    /** Waits until one more message may go to this chat. */
    void acquire(long chatId) throws InterruptedException {
        chats.get(chatId, id -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(CHAT_BURST).refillGreedy(1, Duration.ofSeconds(1)).build())
                        .build())
                .asBlocking().consume(1);
        global.asBlocking().consume(1);
    }

    /** For load tests against a local Bot API server, where Telegram's limits do not apply. */
    static OutgoingLimiter none() {
        return new OutgoingLimiter() {
            @Override
            void acquire(long chatId) {
            }
        };
    }
}
