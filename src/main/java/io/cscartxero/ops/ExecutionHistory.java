package io.cscartxero.ops;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Past and running executions with their step counters, read from Spring Batch's tables: the one query that lists
 * them, for the CLI ({@code executions}, {@code status}), the health indicator and the operator console. The tenant of
 * an execution is its identifying job parameter {@code tenant} (none without tenants).
 */
@Repository
public class ExecutionHistory {

    private final JdbcTemplate jdbc;
    /**
     * The tenant of this context: {@link #recent} lists its executions ("" without a tenant: all of them);
     * {@code lastExecutionId} those of this tenant only ("": executions without a tenant).
     */
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

    /**
     * Which executions by tenant.
     *
     * @param tenant null: every execution, whatever its tenant; "": those without a tenant; else that tenant's
     */
    public record TenantFilter(String tenant) {

        /** Every execution: all tenants (the console's "all"), or an installation without tenants. */
        public static final TenantFilter ALL = new TenantFilter(null);
        /** The executions without a tenant parameter. */
        public static final TenantFilter WITHOUT_TENANT = new TenantFilter("");

        /** One tenant's executions ({@code ""}: those without a tenant). */
        public static TenantFilter only(String tenant) {
            return tenant.isEmpty() ? WITHOUT_TENANT : new TenantFilter(tenant);
        }

        /** What a context lists: its tenant's executions, or all of them when it has none (no tenants, or the console's "all"). */
        public static TenantFilter tenantOrAll(String tenant) {
            return tenant == null || tenant.isBlank() ? ALL : only(tenant.strip());
        }

        /** The predicate on {@code t}, the LEFT JOINed {@code tenant} parameter; adds its bind value to args. */
        String where(List<Object> args) {
            if (tenant == null) {
                return "";
            }
            args.add(tenant);
            return " AND COALESCE(t.PARAMETER_VALUE, '') = ?";
        }
    }

    /**
     * One execution, its steps' counters summed.
     *
     * @param tenant the identifying job parameter {@code tenant} ("" when the execution has none)
     * @param exitMessage the job execution's exit message as Spring Batch stored it (null or blank when none)
     */
    public record ExecutionRow(long id, String jobName, String status, String exitCode, LocalDateTime start,
            LocalDateTime end, long read, long written, long unchanged, long skipped, String tenant, String exitMessage) {
    }

    /**
     * Which executions to list (every criterion is optional: null is "any").
     *
     * @param createdFrom created at or after this time
     * @param createdBefore created before this time
     * @param tenants by tenant (null: {@link TenantFilter#ALL})
     */
    public record Criteria(String jobName, String status, LocalDateTime createdFrom, LocalDateTime createdBefore, TenantFilter tenants) {

        public static Criteria job(String jobName, TenantFilter tenants) {
            return new Criteria(jobName, null, null, null, tenants);
        }
    }

    /** The newest execution id of the job for this tenant (one query; the tenants' instances interleave), or null. */
    public Long lastExecutionId(String jobName) {
        List<Object> args = new ArrayList<>(List.of(jobName));
        String tenantWhere = TenantFilter.only(tenant).where(args);
        return jdbc.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'tenant' "
                + "WHERE i.JOB_NAME = ?" + tenantWhere, Long.class, args.toArray());
    }

    /** This context's newest executions (its tenant's; all without a tenant), of one job or (null) of all. */
    public List<ExecutionRow> recent(String jobName, int limit) {
        return recent(jobName, TenantFilter.tenantOrAll(tenant), limit);
    }

    public List<ExecutionRow> recent(String jobName, TenantFilter tenants, int limit) {
        return list(Criteria.job(jobName, tenants), limit);
    }

    /** The newest executions that meet the criteria, newest first. */
    public List<ExecutionRow> list(Criteria criteria, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        where.append(criteria.tenants() == null ? "" : criteria.tenants().where(args));
        if (criteria.jobName() != null) {
            where.append(" AND i.JOB_NAME = ?");
            args.add(criteria.jobName());
        }
        if (criteria.status() != null) {
            where.append(" AND e.STATUS = ?");
            args.add(criteria.status());
        }
        if (criteria.createdFrom() != null) {
            where.append(" AND e.CREATE_TIME >= ?");
            args.add(Timestamp.valueOf(criteria.createdFrom()));
        }
        if (criteria.createdBefore() != null) {
            where.append(" AND e.CREATE_TIME < ?");
            args.add(Timestamp.valueOf(criteria.createdBefore()));
        }
        args.add(limit);
        return query(where + " GROUP BY " + GROUP + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?", args.toArray());
    }

    /** One execution, or null. */
    public ExecutionRow find(long id) {
        List<ExecutionRow> rows = query(" WHERE e.JOB_EXECUTION_ID = ? GROUP BY " + GROUP, id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static final String GROUP = "e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME, "
            + "e.EXIT_MESSAGE, t.PARAMETER_VALUE";

    private List<ExecutionRow> query(String whereGroupOrder, Object... args) {
        return jdbc.query("SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.EXIT_CODE, e.START_TIME, e.END_TIME, "
                + "COALESCE(SUM(s.READ_COUNT), 0), COALESCE(SUM(s.WRITE_COUNT), 0), COALESCE(SUM(s.FILTER_COUNT), 0), "
                + "COALESCE(SUM(s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT), 0), t.PARAMETER_VALUE, e.EXIT_MESSAGE "
                + "FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
                + "LEFT JOIN BATCH_STEP_EXECUTION s ON s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
                + "LEFT JOIN BATCH_JOB_EXECUTION_PARAMS t ON t.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND t.PARAMETER_NAME = 'tenant'"
                + whereGroupOrder,
                (rs, i) -> new ExecutionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), time(rs.getTimestamp(5)),
                        time(rs.getTimestamp(6)), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getString(11) == null ? "" : rs.getString(11), rs.getString(12)),
                args);
    }

    private static LocalDateTime time(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
