package io.cscartxero.sync;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import io.cscartxero.xero.DailyCallsLeft;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** Marks a completed run that skipped records as "COMPLETED WITH SKIPS" so operators (and exit code 3) see it. */
@Component
public class JobOutcomeListener implements JobExecutionListener {

    public static final String COMPLETED_WITH_SKIPS = "COMPLETED WITH SKIPS";

    private final MeterRegistry registry;
    private final DailyCallsLeft dailyCallsLeft;

    public JobOutcomeListener(MeterRegistry registry, DailyCallsLeft dailyCallsLeft) {
        this.registry = registry;
        this.dailyCallsLeft = dailyCallsLeft;
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        dailyCallsLeft.saveLastReported();   // for `status` in another process
        long skips = jobExecution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum();
        String job = jobExecution.getJobInstance().getJobName();
        // records per job for dashboards: sent (accepted by Xero / written), skipped (error log), unchanged
        registry.counter("cscartxero.records.synced", "job", job)
                .increment(jobExecution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum());
        registry.counter("cscartxero.records.skipped", "job", job).increment(skips);
        registry.counter("cscartxero.records.unchanged", "job", job)
                .increment(jobExecution.getStepExecutions().stream().mapToLong(StepExecution::getFilterCount).sum());
        registry.counter("cscartxero.runs", "job", job, "status", jobExecution.getStatus().name()).increment();
        if (jobExecution.getStatus() == BatchStatus.COMPLETED && skips > 0) {
            jobExecution.setExitStatus(new ExitStatus(COMPLETED_WITH_SKIPS, skips + " record(s) skipped: see the error log"));
        }
    }
}
