package io.cscartxero.sync;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Runs a Xero pre-flight check once per step execution, just before the first chunk is written: a failing check
 * stops the run with one clear message before anything is sent, and a run with nothing to send (the usual case of
 * a change-sync tick on a quiet store) makes no call at all.
 */
public class PreflightOnFirstWrite<T> implements ItemWriter<T>, StepExecutionListener {

    private final Runnable preflight;
    private final ItemWriter<T> writer;
    private volatile boolean checked;

    public PreflightOnFirstWrite(Runnable preflight, ItemWriter<T> writer) {
        this.preflight = preflight;
        this.writer = writer;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        checked = false;
    }

    @Override
    public void write(Chunk<? extends T> chunk) throws Exception {
        if (!checked && !chunk.isEmpty()) {
            preflight.run();
            checked = true;
        }
        writer.write(chunk);
    }
}
