package org.alliancebot.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.alliancebot.conversation.Tally;

/**
 * Passes every count on to the editors' tally and counts safety responses for operators too, as
 * {@code alliance.safety.responses{category, tier}}: a category and a tier from the content's closed sets, never
 * who or what was typed.
 */
final class SafetyMeters implements Tally {

    private final Tally counts;
    private final Meter.MeterProvider<Counter> responses;

    SafetyMeters(Tally counts, MeterRegistry registry) {
        this.counts = counts;
        this.responses = Counter.builder("alliance.safety.responses")
                .description("Safety responses by category (self-harm, others, misconduct) and tier (respond, "
                        + "check-in)")
                .withRegistry(registry);
    }

    @Override
    public void count(Event event, String subject, String detail) {
        counts.count(event, subject, detail);
        if (event == Event.SAFETY) {
            responses.withTags("category", Objects.requireNonNullElse(subject, "unknown"),
                    "tier", Objects.requireNonNullElse(detail, "unknown")).increment();
        }
    }
}
