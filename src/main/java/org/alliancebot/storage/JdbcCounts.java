package org.alliancebot.storage;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.alliancebot.conversation.DailyCounts;
import org.alliancebot.conversation.Tally;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counts table: what {@link DailyCounts} took from memory is added to it, row by row (another instance may be
 * adding to the same rows), and read back summed over days for the stats report.
 */
public final class JdbcCounts {

    /** How long counts are kept. */
    public static final int KEPT_DAYS = 400;

    /** One row of the report: an event where it happened, summed over the days asked for. */
    public record Row(Tally.Event event, String subject, String detail, long n) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public JdbcCounts(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Writes down what was counted since the last time; on failure puts it back, to be tried again. */
    public void flush(DailyCounts counts) {
        Map<DailyCounts.Key, Long> taken = counts.take();
        if (taken.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> taken.forEach(this::add));
        } catch (DataAccessException e) {
            counts.putBack(taken);
            throw e;
        }
    }

    private void add(DailyCounts.Key key, long n) {
        Object[] where = {Date.valueOf(key.day()), key.event().name(), key.subject(), key.detail()};
        String update = "UPDATE counts SET n = n + ? WHERE on_day = ? AND event = ? AND subject = ? AND detail = ?";
        if (jdbc.update(update, n, where[0], where[1], where[2], where[3]) == 0) {
            try {
                jdbc.update("INSERT INTO counts (on_day, event, subject, detail, n) VALUES (?, ?, ?, ?, ?)",
                        where[0], where[1], where[2], where[3], n);
            } catch (DuplicateKeyException raced) {
                jdbc.update(update, n, where[0], where[1], where[2], where[3]);
            }
        }
    }

    /** The counts of the last {@code days} days (today included), summed per event and place. */
    public List<Row> lastDays(int days) {
        LocalDate since = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
        return jdbc.query("SELECT event, subject, detail, SUM(n) AS n FROM counts WHERE on_day >= ? "
                        + "GROUP BY event, subject, detail ORDER BY event, subject, detail",
                (rs, i) -> new Row(Tally.Event.valueOf(rs.getString("event")), rs.getString("subject"),
                        rs.getString("detail"), rs.getLong("n")), Date.valueOf(since));
    }

    /** Deletes counts older than {@link #KEPT_DAYS}; returns how many rows. */
    public int deleteOld() {
        return jdbc.update("DELETE FROM counts WHERE on_day < ?",
                Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(KEPT_DAYS)));
    }
}
