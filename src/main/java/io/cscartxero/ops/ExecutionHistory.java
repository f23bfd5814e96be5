package io.cscartxero.ops;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Past and running executions with their step counters, read from Spring Batch's tables for the CLI. */
@Repository
public class ExecutionHistory {

    private final JdbcTemplate jdbc;
    /** The tenant of this context: its executions only ("" without a tenant: all). */
    private final String tenant;

    public ExecutionHistory(JdbcTemplate jdbc) {
        this(jdbc, "");
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ExecutionHistory(JdbcTemplate jdbc, org.springframework.core.env.Environment env) {
        this(jdbc, io.cscartxero.tenant.Tenants.current(env));
    }

    public ExecutionHistory(JdbcTemplate jdbc, String tenant) {
        this.jdbc = jdbc;
        this.tenant = tenant;
    }

    /** @param tenant the identifying job parameter {@code tenant} ("" when the execution has none) */
    public record ExecutionRow(long id, String jobName, String status, String exitCode, LocalDateTime start,
            LocalDateTime end, long read, long written, long unchanged, long skipped, String tenant) {

        public ExecutionRow(long id, String jobName, String status, String exitCode, LocalDateTime start,
                LocalDateTime end, long read, long written, long unchanged, long skipped) {
            this(id, jobName, status, exitCode, start, end, read, written, unchanged, skipped, "");
        }
    }

    /** The newest execution id of the job for this tenant (one query; the tenants' instances interleave), or null. */
    public Long lastExecutionId(String jobName) {
        return jdbc.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'tenant' "
                + "WHERE i.JOB_NAME = ? AND COALESCE(t.PARAMETER_VALUE, '') = ?", Long.class, jobName, tenant);
    }

    public List<ExecutionRow> recent(String jobName, int limit) {
        return recent(jobName, tenant.isEmpty() ? null : tenant, limit);
    }

    /** @param tenantFilter only this tenant's executions ("" those without a tenant), null: all */
    public List<ExecutionRow> recent(String jobName, String tenantFilter, int limit) {
        List<Object> args = new ArrayList<>();
        String where = " WHERE 1 = 1";
        if (jobName != null) {
            where += " AND i.JOB_NAME = ?";
            args.add(jobName);
        }
        if (tenantFilter != null) {
            where += " AND COALESCE(t.PARAMETER_VALUE, '') = ?";
            args.add(tenantFilter);
        }
        args.add(limit);
        return jdbc.query("SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME, "
                + "COALESCE(SUM(s.READ_COUNT), 0), COALESCE(SUM(s.WRITE_COUNT), 0), COALESCE(SUM(s.FILTER_COUNT), 0), "
                + "COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0), t.PARAMETER_VALUE "
                + "FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
                + "LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'tenant'" + where
                + " GROUP BY e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME, t.PARAMETER_VALUE"
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?",
                (rs, i) -> new ExecutionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toLocalDateTime(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toLocalDateTime(),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11) == null ? "" : rs.getString(11)),
                args.toArray());
    }
}
