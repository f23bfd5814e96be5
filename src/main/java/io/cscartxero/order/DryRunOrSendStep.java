package io.cscartxero.order;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * {@code orderExportStep} as two steps of the same name and the same reader, processor and writer beans, chosen per
 * execution by the job parameter {@code dryRun}: a real export commits every {@code sync.chunk-size} orders (one Xero
 * write call per chunk); a dry run, which sends nothing, commits every {@link #DRY_RUN_CHUNK} orders — the per-chunk
 * commit and step-state save were a third of a dry run's time (BENCHMARKS.md, issue 11). The name, the restart state
 * (the reader's last order id, the report file) and the counters are the same either way: a restarted dry run is a
 * dry run again (dryRun is an identifying parameter) and continues after the last committed chunk.
 */
final class DryRunOrSendStep implements Step {

    /** Orders per chunk of a dry run: two pages of the reader (half the commits of one page, issue 11). */
    static final int DRY_RUN_CHUNK = 1000;

    private final Step send;
    private final Step dryRun;

    DryRunOrSendStep(Step send, Step dryRun) {
        if (!send.getName().equals(dryRun.getName())) {
            throw new IllegalArgumentException("both steps must have one name: " + send.getName() + ", " + dryRun.getName());
        }
        this.send = send;
        this.dryRun = dryRun;
    }

    @Override
    public String getName() {
        return send.getName();
    }

    @Override
    public boolean isAllowStartIfComplete() {
        return send.isAllowStartIfComplete();
    }

    @Override
    public int getStartLimit() {
        return send.getStartLimit();
    }

    @Override
    public void execute(StepExecution stepExecution) throws JobInterruptedException {
        (isDryRun(stepExecution) ? dryRun : send).execute(stepExecution);
    }

    static boolean isDryRun(StepExecution stepExecution) {
        JobParameter<?> parameter = stepExecution.getJobParameters().getParameter("dryRun");
        Object value = parameter == null ? null : parameter.value();
        return Boolean.TRUE.equals(value) || (value instanceof String s && Boolean.parseBoolean(s));
    }
}
