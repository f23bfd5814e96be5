package io.cscartxero.reconcile;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.cscartxero.reconcile.Difference.Kind;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The reconciliation's rows in the connector database: {@code reconcile_run} and {@code reconcile_difference} (V6). */
@Repository
public class ReconcileReport {

    /** A run with its one-line summary's numbers. */
    public record Run(long id, String tenantId, Long jobExecutionId, LocalDate periodFrom, LocalDate periodUntil, Instant startedAt,
            Instant finishedAt, BigDecimal storeSales, BigDecimal xeroSales, int differenceCount, int repairableCount, int xeroCalls) {

        public String summary() {
            BigDecimal store = storeSales == null ? BigDecimal.ZERO : storeSales;
            BigDecimal xero = xeroSales == null ? BigDecimal.ZERO : xeroSales;
            return "Reconciliation run " + id + " (" + (periodFrom == null ? "start" : periodFrom) + ".."
                    + (periodUntil == null ? "now" : periodUntil) + "): store sales " + store.toPlainString() + ", Xero sales "
                    + xero.toPlainString() + ", difference " + store.subtract(xero).toPlainString() + "; " + differenceCount
                    + " differences (" + repairableCount + " repairable); " + xeroCalls + " Xero calls";
        }
    }

    /** A stored difference. */
    public record Row(long id, long runId, Difference difference, Instant repairedAt) {
    }

    private final JdbcTemplate jdbc;

    public ReconcileReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long start(String tenant, Long jobExecutionId, LocalDate from, LocalDate until) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO reconcile_run (tenant_id, job_execution_id, period_from, "
                    + "period_until, started_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
            ps.setString(1, tenant);
            ps.setObject(2, jobExecutionId);
            ps.setDate(3, from == null ? null : Date.valueOf(from));
            ps.setDate(4, until == null ? null : Date.valueOf(until));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            return ps;
        }, keys);
        return keys.getKeyList().isEmpty() ? lastId() : ((Number) keys.getKeyList().get(0).values().iterator().next()).longValue();
    }

    private long lastId() {
        Long id = jdbc.queryForObject("SELECT MAX(id) FROM reconcile_run", Long.class);
        return id == null ? 0 : id;
    }

    void finish(long runId, Reconciler.Report report) {
        List<Difference> differences = report.differences();
        jdbc.batchUpdate("INSERT INTO reconcile_difference (run_id, kind, entity, cscart_id, xero_id, xero_number, store_value, "
                + "xero_value, amount, repairable, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                differences.stream().map(d -> new Object[] { runId, d.kind().name(), d.entity(), d.cscartId(), d.xeroId(),
                        cut(d.xeroNumber(), 255), cut(d.storeValue(), 255), cut(d.xeroValue(), 255), d.amount(), d.repairable(),
                        cut(d.message(), 1000) }).toList());
        jdbc.update("UPDATE reconcile_run SET finished_at = ?, store_sales = ?, xero_sales = ?, difference_count = ?, "
                + "repairable_count = ?, xero_calls = ? WHERE id = ?", Timestamp.from(Instant.now()), report.storeSales(),
                report.xeroSales(), differences.size(), (int) report.repairable(), report.xeroCalls(), runId);
    }

    /** The last finished run of the tenant, or null. */
    public Run lastRun(String tenant) {
        List<Run> runs = jdbc.query("SELECT * FROM reconcile_run WHERE tenant_id = ? AND finished_at IS NOT NULL ORDER BY id DESC",
                (rs, i) -> new Run(rs.getLong("id"), rs.getString("tenant_id"), (Long) rs.getObject("job_execution_id", Long.class),
                        rs.getDate("period_from") == null ? null : rs.getDate("period_from").toLocalDate(),
                        rs.getDate("period_until") == null ? null : rs.getDate("period_until").toLocalDate(),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getBigDecimal("store_sales"), rs.getBigDecimal("xero_sales"), rs.getInt("difference_count"),
                        rs.getInt("repairable_count"), rs.getInt("xero_calls")), tenant);
        return runs.isEmpty() ? null : runs.get(0);
    }

    public List<Row> differences(long runId) {
        return jdbc.query("SELECT * FROM reconcile_difference WHERE run_id = ? ORDER BY id", (rs, i) -> new Row(rs.getLong("id"),
                rs.getLong("run_id"), new Difference(Kind.valueOf(rs.getString("kind")), rs.getString("entity"), rs.getString("cscart_id"),
                        rs.getString("xero_id"), rs.getString("xero_number"), rs.getString("store_value"), rs.getString("xero_value"),
                        rs.getBigDecimal("amount"), rs.getBoolean("repairable"), rs.getString("message")),
                rs.getTimestamp("repaired_at") == null ? null : rs.getTimestamp("repaired_at").toInstant()), runId);
    }

    void markRepaired(List<Long> differenceIds) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("UPDATE reconcile_difference SET repaired_at = ? WHERE id = ?",
                differenceIds.stream().map(id -> new Object[] { now, id }).toList());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
