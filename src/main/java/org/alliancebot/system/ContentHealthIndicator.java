package org.alliancebot.system;

import java.util.function.Supplier;
import org.alliancebot.conversation.Snapshot;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP with the content version being served; DOWN when there is no valid content to serve. */
final class ContentHealthIndicator implements HealthIndicator {

    private final Supplier<Snapshot> snapshot;

    ContentHealthIndicator(Supplier<Snapshot> snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public Health health() {
        Snapshot current = snapshot.get();
        if (current == null) {
            return Health.down().withDetail("content", "not loaded").build();
        }
        return Health.up().withDetail("version", current.content().version())
                .withDetail("trees", current.content().trees().size())
                .withDetail("articles", current.content().articles().size())
                .build();
    }
}
