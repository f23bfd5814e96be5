package io.cscartxero.sync;

import java.time.Instant;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * After a completed step, the watermark its reader saved in the step context (epoch milliseconds under
 * {@code contextKey}) becomes the next run's starting point ({@link Watermarks#since}). A failed or stopped step
 * leaves the mark where it was, so the next run reads the same changes again.
 */
public final class AdvanceWatermarkOnSuccess implements StepExecutionListener {

    private final Watermarks watermarks;
    private final String tenant;
    private final String name;
    private final String contextKey;

    public AdvanceWatermarkOnSuccess(Watermarks watermarks, String tenant, String name, String contextKey) {
        this.watermarks = watermarks;
        this.tenant = tenant;
        this.name = name;
        this.contextKey = contextKey;
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        if (ExitStatus.COMPLETED.getExitCode().equals(step.getExitStatus().getExitCode())
                && step.getExecutionContext().containsKey(contextKey)) {
            watermarks.advance(tenant, name, Instant.ofEpochMilli(step.getExecutionContext().getLong(contextKey)));
        }
        return null;
    }
}
