package org.alliancebot.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/**
 * Per-chat flood limits: a token bucket per chat (a burst of ten messages, then one a second), held in a bounded
 * cache so a flood of new chats cannot grow memory. Someone sending dozens of messages a second gets one polite
 * notice, then silence until they slow down; other chats are not affected.
 */
public class FloodGuard {

    public enum Verdict { ALLOW, NOTICE, DROP }

    static final int BURST = 10;

    private final Cache<ChatId, Flow> chats;
    private final TimeMeter time;

    private static final class Flow {
        private final Bucket bucket;
        private boolean warned;

        Flow(Bucket bucket) {
            this.bucket = bucket;
        }
    }

    public FloodGuard(Ticker ticker) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return ticker.read();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.chats = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(100_000)
                .ticker(ticker)
                .build();
    }

    public FloodGuard() {
        this(Ticker.systemTicker());
    }

    /**
     * No limit: for the console, where the one person may pipe in a long script, and for transcript tests.
     */
    public static FloodGuard unlimited() {
        return new FloodGuard(Ticker.systemTicker()) {
            @Override
            public Verdict admit(ChatId chat) {
                return Verdict.ALLOW;
            }
        };
    }

    /** Whether this input may be handled; the first refused input of a flood gets a notice, later ones nothing. */
    public Verdict admit(ChatId chat) {
        Flow flow = chats.get(chat, id -> new Flow(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(BURST).refillGreedy(1, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(time)
                .build()));
        synchronized (flow) {
            if (flow.bucket.tryConsume(1)) {
                flow.warned = false;
                return Verdict.ALLOW;
            }
            if (flow.warned) {
                return Verdict.DROP;
            }
            flow.warned = true;
            return Verdict.NOTICE;
        }
    }

    public void forget(ChatId chat) {
        chats.invalidate(chat);
    }
}
