package io.cscartxero.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The error log: one row per record that could not be synced, with Xero's own message. Each row is written in
 * its own transaction so a chunk rollback cannot take it away; a chunk processed twice logs a record once.
 */
@Repository
public class ErrorLog {

    static final int MAX_MESSAGE = 2000;
    static final int MAX_SUMMARY = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate requiresNew;
    /** The tenant of this context: rows are written with it and read for it only ("" without a tenant: all rows). */
    private final String tenant;

    public ErrorLog(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        this(jdbc, txManager, "");
    }

    @org.springframework.beans.factory.annotation.Autowired
    public ErrorLog(JdbcTemplate jdbc, PlatformTransactionManager txManager, org.springframework.core.env.Environment env) {
        this(jdbc, txManager, io.cscartxero.tenant.Tenants.current(env));
    }

    public ErrorLog(JdbcTemplate jdbc, PlatformTransactionManager txManager, String tenant) {
        this.tenant = tenant;
        this.jdbc = jdbc;
        this.requiresNew = new TransactionTemplate(txManager);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public record Entry(long jobExecutionId, String jobName, String stepName, String entity, String cscartId,
            String xeroId, String message, String payloadSummary) {

        /** A row of the given step's execution (its job execution, job name and step name). */
        public static Entry of(org.springframework.batch.core.step.StepExecution step, String entity, String cscartId,
                String xeroId, String message, String payloadSummary) {
            return new Entry(step.getJobExecutionId(), step.getJobExecution().getJobInstance().getJobName(), step.getStepName(),
                    entity, cscartId, xeroId, message, payloadSummary);
        }
    }

    public record Row(long id, long jobExecutionId, String jobName, String stepName, String entity, String cscartId,
            String xeroId, String message, String payloadSummary, Instant createdAt, String tenant) {
    }

    public void record(Entry e) {
        requiresNew.executeWithoutResult(status -> {
            try {
                jdbc.update("INSERT INTO sync_error (job_execution_id, job_name, step_name, entity, cscart_id, xero_id, message, "
                        + "payload_summary, created_at, tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        e.jobExecutionId(), e.jobName(), e.stepName(), e.entity(), e.cscartId(), e.xeroId(),
                        truncate(e.message(), MAX_MESSAGE), truncate(e.payloadSummary(), MAX_SUMMARY), Timestamp.from(Instant.now()), tenant);
            } catch (DuplicateKeyException alreadyLogged) {
                // the same record of the same execution was logged when this chunk ran before a rollback
            }
        });
    }

    public List<Row> find(String jobName, Long jobExecutionId, int limit) {
        return find(jobName, jobExecutionId, tenant.isEmpty() ? null : tenant, limit);
    }

    /** @param tenantFilter only this tenant's rows ('' the rows of no tenant), null: all */
    public List<Row> find(String jobName, Long jobExecutionId, String tenantFilter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, job_execution_id, job_name, step_name, entity, cscart_id, xero_id, message, "
                + "payload_summary, created_at, tenant FROM sync_error WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (tenantFilter != null) {
            sql.append(" AND tenant = ?");
            args.add(tenantFilter);
        }
        if (jobName != null) {
            sql.append(" AND job_name = ?");
            args.add(jobName);
        }
        if (jobExecutionId != null) {
            sql.append(" AND job_execution_id = ?");
            args.add(jobExecutionId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getTimestamp(10).toInstant(), rs.getString(11)), args.toArray());
    }

    /** {@code purge}: removes rows logged before {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM sync_error WHERE created_at < ?", Timestamp.from(cutoff));
    }

    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 3) + "...";
    }
}
