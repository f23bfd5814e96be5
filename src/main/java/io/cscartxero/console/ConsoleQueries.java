package io.cscartxero.console;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.ExecutionHistory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the console's pages read from the connector database: Spring Batch's history (the executions through
 * {@link ExecutionHistory}, which owns the query that lists them), the error log, the
 * reconciliation report ({@code reconcile_run}, {@code reconcile_difference}) and the call counts. Read-only, plain
 * SQL that H2 and MySQL/MariaDB both take; every filter is a bind parameter.
 */
@Repository
@ConditionalOnConsole
public class ConsoleQueries {

    static final int PAGE = 100;

    private final JdbcTemplate jdbc;
    private final ExecutionHistory history;

    public ConsoleQueries(JdbcTemplate jdbc, ExecutionHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    public record Execution(long id, String jobName, String status, String exitCode, LocalDateTime start, LocalDateTime end,
            long read, long written, long unchanged, long skipped, String exitMessage, String tenant) {

        /** The console's view of an execution: its exit message's first line (at most 300 characters). */
        static Execution of(ExecutionHistory.ExecutionRow row) {
            return new Execution(row.id(), row.jobName(), row.status(), row.exitCode(), row.start(), row.end(), row.read(),
                    row.written(), row.unchanged(), row.skipped(), firstLine(row.exitMessage()), row.tenant());
        }

        public String duration() {
            if (start == null) {
                return "";
            }
            Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
            return d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min"
                    : d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s"
                    : d.toSeconds() + "." + (d.toMillisPart() / 100) + " s";
        }

        public boolean restartable() {
            return "FAILED".equals(status) || "STOPPED".equals(status);
        }

        public boolean running() {
            return "STARTED".equals(status) || "STARTING".equals(status) || "STOPPING".equals(status);
        }
    }

    public record Step(long id, String name, String status, long read, long written, long filtered, long readSkips,
            long processSkips, long writeSkips, long commits, long rollbacks, LocalDateTime start, LocalDateTime end, String exitMessage) {
    }

    public record ErrorRow(long id, long jobExecutionId, String jobName, String stepName, String entity, String cscartId,
            String xeroId, String message, String payloadSummary, Instant createdAt, String tenant) {
    }

    /** @param tenant only this tenant's rows (issue 14); null: all */
    public record ErrorFilter(String job, String entity, String cscartId, String message, Long execution, String tenant) {
        static ErrorFilter of(String job, String entity, String cscartId, String message, Long execution) {
            return of(job, entity, cscartId, message, execution, null);
        }

        static ErrorFilter of(String job, String entity, String cscartId, String message, Long execution, String tenant) {
            return new ErrorFilter(blankToNull(job), blankToNull(entity), blankToNull(cscartId), blankToNull(message), execution,
                    blankToNull(tenant));
        }

        public String describe() {
            List<String> parts = new ArrayList<>();
            if (job != null) parts.add("job=" + job);
            if (entity != null) parts.add("entity=" + entity);
            if (cscartId != null) parts.add("cscartId=" + cscartId);
            if (message != null) parts.add("message~" + message);
            if (execution != null) parts.add("execution=" + execution);
            if (tenant != null) parts.add("tenant=" + tenant);
            return parts.isEmpty() ? "all rows" : String.join(" ", parts);
        }
    }

    public record ReconcileRun(long id, Long jobExecutionId, LocalDate periodFrom, LocalDate periodUntil, Instant startedAt,
            Instant finishedAt, BigDecimal storeSales, BigDecimal xeroSales, int differenceCount, int repairableCount, int xeroCalls) {

        public BigDecimal salesDifference() {
            return storeSales == null || xeroSales == null ? null : storeSales.subtract(xeroSales);
        }

        public String period() {
            return (periodFrom == null ? "first order" : periodFrom.toString()) + " – " + (periodUntil == null ? "now" : periodUntil.toString());
        }
    }

    public record Difference(long id, long runId, String kind, String entity, String cscartId, String xeroId, String xeroNumber,
            String storeValue, String xeroValue, BigDecimal amount, boolean repairable, Instant repairedAt, String message) {
    }

    public record Bar(String label, long value) {
    }

    // ---- executions ----

    public List<Execution> executions(String job, String status, LocalDate from, LocalDate to, int limit) {
        return executions(job, status, from, to, null, limit);
    }

    /**
     * The executions page: {@link ExecutionHistory}'s list (the one query of executions) by job, status, creation date
     * and tenant.
     *
     * @param tenant only this tenant's executions (the identifying job parameter {@code tenant}); null or blank: all
     */
    public List<Execution> executions(String job, String status, LocalDate from, LocalDate to, String tenant, int limit) {
        ExecutionHistory.Criteria criteria = new ExecutionHistory.Criteria(blankToNull(job), blankToNull(status),
                from == null ? null : from.atStartOfDay(), to == null ? null : to.plusDays(1).atStartOfDay(),
                ExecutionHistory.TenantFilter.tenantOrAll(tenant));
        return history.list(criteria, limit).stream().map(Execution::of).toList();
    }

    public Execution execution(long id) {
        ExecutionHistory.ExecutionRow row = history.find(id);
        return row == null ? null : Execution.of(row);
    }

    public Map<String, String> parameters(long executionId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        jdbc.query("SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ? ORDER BY PARAMETER_NAME",
                rs -> {
                    parameters.put(rs.getString(1), rs.getString(2));
                }, executionId);
        return parameters;
    }

    public List<Step> steps(long executionId) {
        return jdbc.query("SELECT STEP_EXECUTION_ID, STEP_NAME, STATUS, READ_COUNT, WRITE_COUNT, FILTER_COUNT, READ_SKIP_COUNT, "
                + "PROCESS_SKIP_COUNT, WRITE_SKIP_COUNT, COMMIT_COUNT, ROLLBACK_COUNT, START_TIME, END_TIME, EXIT_MESSAGE "
                + "FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID",
                (rs, i) -> new Step(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), time(rs.getTimestamp(12)),
                        time(rs.getTimestamp(13)), firstLine(rs.getString(14))),
                executionId);
    }

    /** The last execution of each job (by name), newest first. */
    public Map<String, Execution> lastRuns(Iterable<String> jobs) {
        Map<String, Execution> last = new LinkedHashMap<>();
        for (String job : jobs) {
            List<Execution> one = executions(job, null, null, null, 1);
            last.put(job, one.isEmpty() ? null : one.get(0));
        }
        return last;
    }

    // ---- error log ----

    public List<ErrorRow> errors(ErrorFilter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, job_execution_id, job_name, step_name, entity, cscart_id, xero_id, message, "
                + "payload_summary, created_at, tenant FROM sync_error WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.tenant() != null) {
            sql.append(" AND tenant = ?");
            args.add(f.tenant());
        }
        if (f.job() != null) {
            sql.append(" AND job_name = ?");
            args.add(f.job());
        }
        if (f.entity() != null) {
            sql.append(" AND entity = ?");
            args.add(f.entity());
        }
        if (f.cscartId() != null) {
            sql.append(" AND cscart_id = ?");
            args.add(f.cscartId());
        }
        if (f.execution() != null) {
            sql.append(" AND job_execution_id = ?");
            args.add(f.execution());
        }
        if (f.message() != null) {
            sql.append(" AND LOWER(message) LIKE ? ESCAPE '!'");
            args.add("%" + f.message().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new ErrorRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                rs.getString(11)),
                args.toArray());
    }

    /** Error-log rows per job: all, and of the job's last execution. */
    public Map<String, long[]> errorCounts() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        jdbc.query("SELECT job_name, COUNT(*), MAX(job_execution_id) FROM sync_error GROUP BY job_name", rs -> {
            counts.put(rs.getString(1), new long[] { rs.getLong(2), 0 });
        });
        jdbc.query("SELECT s.job_name, COUNT(*) FROM sync_error s WHERE s.job_execution_id = (SELECT MAX(e.JOB_EXECUTION_ID) "
                + "FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = s.job_name) "
                + "GROUP BY s.job_name", rs -> {
                    counts.computeIfAbsent(rs.getString(1), k -> new long[2])[1] = rs.getLong(2);
                });
        return counts;
    }

    public List<String> errorEntities() {
        return jdbc.queryForList("SELECT DISTINCT entity FROM sync_error ORDER BY entity", String.class);
    }

    // ---- reconciliation ----

    public List<ReconcileRun> reconcileRuns(int limit) {
        return jdbc.query("SELECT id, job_execution_id, period_from, period_until, started_at, finished_at, store_sales, xero_sales, "
                + "difference_count, repairable_count, xero_calls FROM reconcile_run ORDER BY id DESC LIMIT ?",
                (rs, i) -> new ReconcileRun(rs.getLong(1), (Long) rs.getObject(2, Long.class),
                        rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate(), rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getInt(9), rs.getInt(10), rs.getInt(11)),
                limit);
    }

    /** Differences of a run per kind, most first. */
    public Map<String, Long> differenceKinds(long runId) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        jdbc.query("SELECT kind, COUNT(*) FROM reconcile_difference WHERE run_id = ? GROUP BY kind ORDER BY COUNT(*) DESC, kind",
                rs -> {
                    kinds.put(rs.getString(1), rs.getLong(2));
                }, runId);
        return kinds;
    }

    /** The entities a run's differences are about. */
    public List<String> differenceEntities(long runId) {
        return jdbc.queryForList("SELECT DISTINCT entity FROM reconcile_difference WHERE run_id = ?", String.class, runId);
    }

    public List<Difference> differences(long runId, String kind, String entity, Boolean repairable, String cscartId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, run_id, kind, entity, cscart_id, xero_id, xero_number, store_value, xero_value, "
                + "amount, repairable, repaired_at, message FROM reconcile_difference WHERE run_id = ?");
        List<Object> args = new ArrayList<>(List.of(runId));
        if (blankToNull(kind) != null) {
            sql.append(" AND kind = ?");
            args.add(kind);
        }
        if (blankToNull(entity) != null) {
            sql.append(" AND entity = ?");
            args.add(entity);
        }
        if (repairable != null) {
            sql.append(" AND repairable = ?");
            args.add(repairable);
        }
        if (blankToNull(cscartId) != null) {
            sql.append(" AND cscart_id = ?");
            args.add(cscartId.strip());
        }
        sql.append(" ORDER BY kind, id LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new Difference(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
                rs.getBoolean(11), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getString(13)),
                args.toArray());
    }

    // ---- charts ----

    /** Xero calls per hour over the last {@code hours} hours (UTC hours; hours without calls are 0). */
    public List<Bar> callsPerHour(Instant now, int hours) {
        Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofHours(hours - 1L));
        Map<Instant, Long> calls = new LinkedHashMap<>();
        jdbc.query("SELECT hour_start, calls FROM console_xero_calls WHERE hour_start >= ?", rs -> {
            calls.put(rs.getTimestamp(1).toInstant(), rs.getLong(2));
        }, Timestamp.from(start));
        List<Bar> bars = new ArrayList<>();
        for (Instant h = start; !h.isAfter(end); h = h.plus(Duration.ofHours(1))) {
            bars.add(new Bar(h.toString().substring(11, 13) + "h", calls.getOrDefault(h, 0L)));
        }
        return bars;
    }

    /** Records sent to Xero (step write counts) per day over the last {@code days} days, by the step's end date. */
    public List<Bar> recordsPerDay(LocalDate today, int days) {
        LocalDate start = today.minusDays(days - 1L);
        Map<LocalDate, Long> written = new LinkedHashMap<>();
        jdbc.query("SELECT CAST(END_TIME AS DATE), SUM(WRITE_COUNT) FROM BATCH_STEP_EXECUTION WHERE END_TIME >= ? "
                + "GROUP BY CAST(END_TIME AS DATE)", rs -> {
                    written.put(rs.getDate(1).toLocalDate(), rs.getLong(2));
                }, Timestamp.valueOf(start.atStartOfDay()));
        List<Bar> bars = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(today); d = d.plusDays(1)) {
            bars.add(new Bar(d.toString().substring(5), written.getOrDefault(d, 0L)));
        }
        return bars;
    }

    /** Adds calls to the hour they were made in (update, else insert: portable across H2 and MySQL). */
    public void addCalls(Instant hour, long calls) {
        Timestamp h = Timestamp.from(hour);
        if (jdbc.update("UPDATE console_xero_calls SET calls = calls + ? WHERE hour_start = ?", calls, h) == 0) {
            try {
                jdbc.update("INSERT INTO console_xero_calls (hour_start, calls) VALUES (?, ?)", h, calls);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                jdbc.update("UPDATE console_xero_calls SET calls = calls + ? WHERE hour_start = ?", calls, h);
            }
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }
}
