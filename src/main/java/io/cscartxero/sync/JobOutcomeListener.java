package io.cscartxero.sync;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Marks a completed run that skipped records as "COMPLETED WITH SKIPS" so operators (and exit code 3) see it. */
@Component
public class JobOutcomeListener implements JobExecutionListener {

    public static final String COMPLETED_WITH_SKIPS = "COMPLETED WITH SKIPS";

    @Override
    public void afterJob(JobExecution jobExecution) {
        long skips = jobExecution.getStepExecutions().stream().mapToLong(StepExecution::getSkipCount).sum();
        if (jobExecution.getStatus() == BatchStatus.COMPLETED && skips > 0) {
            jobExecution.setExitStatus(new ExitStatus(COMPLETED_WITH_SKIPS, skips + " record(s) skipped: see the error log"));
        }
    }
}
