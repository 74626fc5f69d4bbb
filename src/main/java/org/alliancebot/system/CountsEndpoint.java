package org.alliancebot.system;

import java.util.List;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.storage.JdbcCounts;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/counts?days=N} on the management port (127.0.0.1 by default): the editors' counts summed over
 * the last N days, with those not yet written down, so the stats command can read them from a running bot whose H2
 * file it cannot open. Counts only: events and where they happened, never a chat or a word.
 */
@Endpoint(id = "counts")
class CountsEndpoint {

    private final JdbcCounts counts;
    private final DailyCounts memory;

    CountsEndpoint(JdbcCounts counts, DailyCounts memory) {
        this.counts = counts;
        this.memory = memory;
    }

    @ReadOperation
    List<JdbcCounts.Row> counts(Integer days) {
        counts.flush(memory);
        return counts.lastDays(days == null ? 30 : Math.max(1, Math.min(days, JdbcCounts.KEPT_DAYS)));
    }
}
