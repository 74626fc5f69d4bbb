package org.alliancebot.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import org.alliancebot.conversation.SnapshotHolder;

/**
 * The content's metrics: the version served (as a tag of a gauge that is always 1, the usual "info" form), reloads
 * by outcome, and whether the last change was refused (it stays refused until a valid change is loaded).
 */
final class ContentMeters implements SnapshotHolder.ReloadListener {

    private final Meter.MeterProvider<Counter> reloads;
    private final MultiGauge version;

    ContentMeters(MeterRegistry registry, SnapshotHolder holder) {
        reloads = Counter.builder("alliance.content.reloads")
                .description("Content reloads by outcome: applied (new content served), unchanged, refused (errors)")
                .withRegistry(registry);
        for (SnapshotHolder.Outcome outcome : SnapshotHolder.Outcome.values()) {
            reloads.withTags("outcome", tag(outcome)); // at 0 from the start, so increase() sees the first one
        }
        Gauge.builder("alliance.content.refused", holder, h -> h.status().lastFailure().isPresent() ? 1 : 0)
                .description("1 while the last content change was refused (the last good version keeps serving)")
                .strongReference(true)
                .register(registry);
        version = MultiGauge.builder("alliance.content.version")
                .description("1, tagged with the version of the content served")
                .register(registry);
        show(holder.status().version());
        holder.onReload(this);
    }

    @Override
    public void reloaded(SnapshotHolder.Outcome outcome, SnapshotHolder.Status status) {
        reloads.withTags("outcome", tag(outcome)).increment();
        if (outcome == SnapshotHolder.Outcome.APPLIED) {
            show(status.version());
        }
    }

    private void show(String served) {
        version.register(List.of(MultiGauge.Row.of(Tags.of("version", served), 1)), true);
    }

    private static String tag(SnapshotHolder.Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT);
    }
}
