package io.cscartxero.ops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.cscartxero.sync.ErrorLog;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code purge}: removes what is older than a cut-off from the error log and from Spring Batch's metadata — job
 * executions that ended before it with their step executions, execution contexts and parameters, then the job
 * instances left without any execution. Kept whatever their age: executions that have not ended (running, or left
 * by a dead process and recovered by the next run), the last execution of every job (what {@code status} and the
 * health check show, and what {@code serve} continues), and every link ({@code sync_link}: it is what keeps records
 * from being sent twice). Deletes in batches of {@value #BATCH} executions, each batch in one transaction.
 */
@Repository
public class HistoryPurge {

    static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final ErrorLog errorLog;
    private final TransactionTemplate tx;

    public HistoryPurge(JdbcTemplate jdbc, ErrorLog errorLog, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.errorLog = errorLog;
        this.tx = new TransactionTemplate(txManager);
    }

    public record Result(int errorRows, int jobExecutions, int stepExecutions, int executionContexts, int parameters,
            int jobInstances, long linksKept) {
    }

    public Result purgeOlderThan(Instant cutoff) {
        int errors = errorLog.deleteOlderThan(cutoff);
        // Spring Batch writes its times as local date-times of the JVM's zone
        LocalDateTime batchCutoff = LocalDateTime.ofInstant(cutoff, ZoneId.systemDefault());
        List<Long> executions = jdbc.queryForList("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e "
                + "WHERE e.END_TIME IS NOT NULL AND e.END_TIME < ? AND e.STATUS NOT IN ('STARTING', 'STARTED', 'STOPPING') "
                + "AND e.JOB_EXECUTION_ID NOT IN (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x "
                + "JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = x.JOB_INSTANCE_ID GROUP BY i.JOB_NAME) "
                + "ORDER BY e.JOB_EXECUTION_ID", Long.class, batchCutoff);
        int[] counts = new int[5];   // executions, steps, contexts, parameters, instances
        for (int from = 0; from < executions.size(); from += BATCH) {
            List<Long> batch = executions.subList(from, Math.min(from + BATCH, executions.size()));
            tx.executeWithoutResult(status -> deleteExecutions(batch, counts));
        }
        long links = jdbc.queryForObject("SELECT COUNT(*) FROM sync_link", Long.class);
        return new Result(errors, counts[0], counts[1], counts[2], counts[3], counts[4], links);
    }

    private void deleteExecutions(List<Long> ids, int[] counts) {
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        Object[] args = ids.toArray();
        List<Long> instances = jdbc.queryForList("SELECT DISTINCT JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (" + in + ")",
                Long.class, args);
        counts[2] += jdbc.update("DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN "
                + "(SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + in + "))", args);
        counts[1] += jdbc.update("DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + in + ")", args);
        counts[2] += jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + in + ")", args);
        counts[3] += jdbc.update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + in + ")", args);
        counts[0] += jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID IN (" + in + ")", args);
        if (!instances.isEmpty()) {
            // only the instances of the executions just deleted: an instance being launched right now has no
            // execution for a moment and must not be taken
            List<Object> instanceArgs = new ArrayList<>(instances);
            counts[4] += jdbc.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN ("
                    + String.join(", ", Collections.nCopies(instances.size(), "?")) + ") AND NOT EXISTS "
                    + "(SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = BATCH_JOB_INSTANCE.JOB_INSTANCE_ID)",
                    instanceArgs.toArray());
        }
    }
}
