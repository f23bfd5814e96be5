package io.cscartxero.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import io.cscartxero.console.ConsoleQueries;
import io.cscartxero.ops.ExecutionHistory.ExecutionRow;
import io.cscartxero.ops.ExecutionHistory.TenantFilter;
import io.cscartxero.sync.ConnectorDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The one query of executions (Spring Batch's JDBC job repository on the connector database), as the CLI and the
 * console use it: all tenants, one tenant, an installation without tenants.
 */
class ExecutionHistoryTest {

    private final ConnectorDb db = new ConnectorDb();
    private JobRepository jobRepository;
    private long untenanted;
    private long tenantA;
    private long tenantB;

    @BeforeEach
    void executions() throws Exception {
        jobRepository = db.jobRepository();
        untenanted = execution("customerExportJob", null, 8, 5, 2, 1, BatchStatus.COMPLETED, ExitStatus.COMPLETED);
        tenantA = execution("customerExportJob", "a", 3, 3, 0, 0, BatchStatus.FAILED,
                new ExitStatus("FAILED", "Xero refused the call\n\tat io.cscartxero.Somewhere"));
        tenantB = execution("orderExportJob", "b", 4, 1, 3, 0, BatchStatus.COMPLETED, ExitStatus.COMPLETED);
    }

    private long execution(String job, String tenant, long read, long written, long filtered, long skipped, BatchStatus status,
            ExitStatus exit) throws Exception {
        JobParametersBuilder builder = new JobParametersBuilder().addLong("run", System.nanoTime());
        if (tenant != null) {
            builder.addString("tenant", tenant);
        }
        JobParameters parameters = builder.toJobParameters();
        JobInstance instance = jobRepository.createJobInstance(job, parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now());
        for (String step : List.of("first", "second")) {   // the list sums its steps' counters
            StepExecution s = jobRepository.createStepExecution(job + "-" + step, execution);
            s.setReadCount(step.equals("first") ? read : 0);
            s.setWriteCount(step.equals("first") ? written : 0);
            s.setFilterCount(step.equals("second") ? filtered : 0);
            s.setProcessSkipCount(step.equals("second") ? skipped : 0);
            s.setStatus(BatchStatus.COMPLETED);
            s.setEndTime(LocalDateTime.now());
            jobRepository.update(s);
        }
        execution.setStatus(status);
        execution.setExitStatus(exit);
        execution.setEndTime(LocalDateTime.now());
        jobRepository.update(execution);
        return execution.getId();
    }

    private static List<Long> ids(List<ExecutionRow> rows) {
        return rows.stream().map(ExecutionRow::id).toList();
    }

    @Test
    void anInstallationWithoutTenantsListsEveryExecutionNewestFirstWithItsStepsSummed() {
        ExecutionHistory history = new ExecutionHistory(db.jdbc, "");
        assertThat(ids(history.recent(null, 10))).containsExactly(tenantB, tenantA, untenanted);
        assertThat(ids(history.recent("customerExportJob", 10))).containsExactly(tenantA, untenanted);
        assertThat(ids(history.recent(null, 2))).containsExactly(tenantB, tenantA);
        ExecutionRow row = history.recent("customerExportJob", 10).get(1);
        assertThat(row).extracting(ExecutionRow::jobName, ExecutionRow::status, ExecutionRow::exitCode, ExecutionRow::read,
                ExecutionRow::written, ExecutionRow::unchanged, ExecutionRow::skipped, ExecutionRow::tenant)
                .containsExactly("customerExportJob", "COMPLETED", "COMPLETED", 8L, 5L, 2L, 1L, "");
        assertThat(row.start()).isNotNull();
        assertThat(row.end()).isNotNull();
        // the newest of this context's (executions without a tenant), as AutoSync reads it
        assertThat(history.lastExecutionId("customerExportJob")).isEqualTo(untenanted);
        assertThat(history.lastExecutionId("orderExportJob")).isNull();
    }

    @Test
    void aTenantsContextListsItsOwnExecutionsOnly() {
        ExecutionHistory a = new ExecutionHistory(db.jdbc, "a");
        assertThat(ids(a.recent(null, 10))).containsExactly(tenantA);
        assertThat(a.recent(null, 10).get(0).tenant()).isEqualTo("a");
        assertThat(a.recent("orderExportJob", 10)).isEmpty();
        assertThat(a.lastExecutionId("customerExportJob")).isEqualTo(tenantA);
        assertThat(ids(new ExecutionHistory(db.jdbc, "b").recent(null, 10))).containsExactly(tenantB);
    }

    @Test
    void theFilterChoosesAllOneTenantOrThoseWithoutATenant() {
        ExecutionHistory history = new ExecutionHistory(db.jdbc, "a");   // the context's tenant does not matter here
        assertThat(ids(history.recent(null, TenantFilter.ALL, 10))).containsExactly(tenantB, tenantA, untenanted);
        assertThat(ids(history.recent(null, TenantFilter.only("b"), 10))).containsExactly(tenantB);
        assertThat(ids(history.recent(null, TenantFilter.WITHOUT_TENANT, 10))).containsExactly(untenanted);
        assertThat(ids(history.recent(null, TenantFilter.only(""), 10))).containsExactly(untenanted);
        assertThat(TenantFilter.tenantOrAll(null)).isEqualTo(TenantFilter.ALL);
        assertThat(TenantFilter.tenantOrAll(" ")).isEqualTo(TenantFilter.ALL);
        assertThat(TenantFilter.tenantOrAll(" b ")).isEqualTo(TenantFilter.only("b"));
    }

    @Test
    void theConsoleListsWhatTheHistoryLists() {
        ExecutionHistory history = new ExecutionHistory(db.jdbc, "");
        ConsoleQueries console = new ConsoleQueries(db.jdbc, history);

        assertThat(console.executions(null, null, null, null, 50)).extracting(ConsoleQueries.Execution::id)
                .containsExactly(tenantB, tenantA, untenanted);
        assertThat(console.executions(null, null, null, null, "", 50)).hasSize(3);
        assertThat(console.executions(null, null, null, null, "b", 50)).singleElement()
                .satisfies(e -> assertThat(e).extracting(ConsoleQueries.Execution::id, ConsoleQueries.Execution::tenant,
                        ConsoleQueries.Execution::read, ConsoleQueries.Execution::written, ConsoleQueries.Execution::unchanged)
                        .containsExactly(tenantB, "b", 4L, 1L, 3L));
        assertThat(console.executions(null, null, null, null, "c", 50)).isEmpty();
        assertThat(console.executions("customerExportJob", "FAILED", null, null, null, 50)).singleElement()
                .satisfies(e -> {
                    assertThat(e.id()).isEqualTo(tenantA);
                    assertThat(e.exitMessage()).isEqualTo("Xero refused the call");   // its first line
                    assertThat(e.restartable()).isTrue();
                });
        assertThat(console.executions(" customerExportJob ", " ", null, null, null, 50)).hasSize(2);
        LocalDate today = LocalDate.now();
        assertThat(console.executions(null, null, today, today, null, 50)).hasSize(3);
        assertThat(console.executions(null, null, today.plusDays(1), null, null, 50)).isEmpty();
        assertThat(console.executions(null, null, null, today.minusDays(1), null, 50)).isEmpty();

        ConsoleQueries.Execution one = console.execution(untenanted);
        assertThat(one).extracting(ConsoleQueries.Execution::jobName, ConsoleQueries.Execution::read,
                ConsoleQueries.Execution::skipped, ConsoleQueries.Execution::exitMessage).containsExactly("customerExportJob", 8L, 1L, null);
        assertThat(console.execution(tenantB + 1000)).isNull();
        assertThat(console.lastRuns(List.of("customerExportJob", "productExportJob")))
                .satisfies(last -> {
                    assertThat(last.get("customerExportJob").id()).isEqualTo(tenantA);
                    assertThat(last.get("productExportJob")).isNull();
                });
    }
}
