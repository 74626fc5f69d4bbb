package org.alliancebot.system;

import org.alliancebot.content.Problem;
import org.alliancebot.conversation.SnapshotHolder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The content being served: its version and when it was loaded, and the last refused change with its problems.
 * The app never runs without valid content (start-up refuses, reloads keep the last good version), so this is UP
 * whenever the app is; the details are the editors' status page.
 */
final class ContentHealthIndicator implements HealthIndicator {

    private final SnapshotHolder holder;

    ContentHealthIndicator(SnapshotHolder holder) {
        this.holder = holder;
    }

    @Override
    public Health health() {
        SnapshotHolder.Status status = holder.status();
        if (holder.get() == null) {
            return Health.down().withDetail("content", "not loaded").build();
        }
        var content = holder.get().content();
        Health.Builder health = Health.up()
                .withDetail("version", status.version())
                .withDetail("loadedAt", status.loadedAt().toString())
                .withDetail("trees", content.trees().size())
                .withDetail("articles", content.articles().size());
        status.lastFailure().ifPresent(failure -> health.withDetail("lastRefusedChange", java.util.Map.of(
                "at", failure.at().toString(),
                "problems", failure.problems().stream().filter(Problem::isError).map(Problem::toString).toList())));
        return health.build();
    }
}
