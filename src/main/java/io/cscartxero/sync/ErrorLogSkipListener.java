package io.cscartxero.sync;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;

/** Read and process skips (bad CS-Cart data) go to the error log like Xero's rejections. */
public class ErrorLogSkipListener<I, O> implements SkipListener<I, O> {

    private final ErrorLog errorLog;
    private final String entity;

    public ErrorLogSkipListener(ErrorLog errorLog, String entity) {
        this.errorLog = errorLog;
        this.entity = entity;
    }

    @Override
    public void onSkipInRead(Throwable t) {
        log(t, "read");
    }

    @Override
    public void onSkipInProcess(I item, Throwable t) {
        log(t, "process");
    }

    private void log(Throwable t, String phase) {
        StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
        InvalidRecordException invalid = t instanceof InvalidRecordException e ? e : null;
        String id = invalid != null && invalid.cscartId() != null ? invalid.cscartId()
                : invalid != null && invalid.xeroId() != null ? "xero:" + invalid.xeroId() : "unknown-" + phase;
        errorLog.record(new ErrorLog.Entry(step.getJobExecutionId(), step.getJobExecution().getJobInstance().getJobName(),
                step.getStepName(), entity, id, invalid == null ? null : invalid.xeroId(), t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), null));
    }
}
