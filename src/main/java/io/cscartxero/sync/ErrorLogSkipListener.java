package io.cscartxero.sync;

import org.springframework.batch.core.listener.SkipListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Read and process skips (bad CS-Cart or Xero data) go to the error log like Xero's rejections, as rows of the step
 * execution the listener was given in {@link #beforeStep}.
 */
public class ErrorLogSkipListener<I, O> implements SkipListener<I, O>, StepExecutionListener {

    private final ErrorLog errorLog;
    private final String entity;
    private volatile StepExecution step;

    public ErrorLogSkipListener(ErrorLog errorLog, String entity) {
        this.errorLog = errorLog;
        this.entity = entity;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        this.step = stepExecution;
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
        if (step == null) {
            throw new IllegalStateException("ErrorLogSkipListener for " + entity + " is not registered as a step listener");
        }
        InvalidRecordException invalid = t instanceof InvalidRecordException e ? e : null;
        String id = invalid != null && invalid.cscartId() != null ? invalid.cscartId()
                : invalid != null && invalid.xeroId() != null ? "xero:" + invalid.xeroId() : "unknown-" + phase;
        errorLog.record(ErrorLog.Entry.of(step, entity, id, invalid == null ? null : invalid.xeroId(),
                t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage(), null));
    }
}
