package io.cscartxero.xero;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The daily calls left as Xero last reported them ({@code X-DayLimit-Remaining}, held in memory by
 * {@link XeroCallMetrics}), saved in the connector database when a job ends so that {@code status} in another
 * process can show it.
 */
@Component
public class DailyCallsLeft {

    private static final Logger log = LoggerFactory.getLogger(DailyCallsLeft.class);

    private final JdbcTemplate jdbc;
    private final XeroCallMetrics metrics;
    private final XeroProperties xero;

    public DailyCallsLeft(JdbcTemplate jdbc, XeroCallMetrics metrics, XeroProperties xero) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.xero = xero;
    }

    public record Reading(long remaining, Instant reportedAt) {
    }

    /** Saves the last reported value, if this process has seen one; never fails the caller. */
    public void saveLastReported() {
        long remaining = metrics.dayRemainingValue();
        if (remaining < 0) {
            return;   // no Xero call reported it in this process
        }
        try {
            Timestamp now = Timestamp.from(Instant.now());
            if (jdbc.update("UPDATE xero_api_usage SET day_remaining = ?, reported_at = ? WHERE tenant_id = ?", remaining, now, xero.tenantKey()) == 0) {
                jdbc.update("INSERT INTO xero_api_usage (tenant_id, day_remaining, reported_at) VALUES (?, ?, ?)", xero.tenantKey(), remaining, now);
            }
        } catch (RuntimeException e) {
            log.warn("Could not save the daily calls left ({}): {}", remaining, e.getMessage());
        }
    }

    public Optional<Reading> last() {
        return jdbc.query("SELECT day_remaining, reported_at FROM xero_api_usage WHERE tenant_id = ?",
                rs -> rs.next() ? Optional.of(new Reading(rs.getLong(1), rs.getTimestamp(2).toInstant())) : Optional.<Reading>empty(),
                xero.tenantKey());
    }
}
