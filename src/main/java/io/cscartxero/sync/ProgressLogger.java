package io.cscartxero.sync;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.cscartxero.xero.XeroCallMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs one line per chunk: done/total, Xero calls, skips and rate, so an operator sees a run move. The count read so
 * far is kept in the step's execution context, so a restarted step goes on counting where it stopped.
 */
public class ProgressLogger<I, O> implements StepExecutionListener, ItemReadListener<I>, ChunkListener<I, O> {

    private static final Logger log = LoggerFactory.getLogger(ProgressLogger.class);

    private final LongSupplier total;
    private final XeroCallMetrics metrics;
    private final AtomicLong read = new AtomicLong();
    private long totalRecords;
    private long startedNanos;
    private long callsAtStart;
    private StepExecution step;

    public ProgressLogger(LongSupplier total, XeroCallMetrics metrics) {
        this.total = total;
        this.metrics = metrics;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        step = stepExecution;
        totalRecords = total.getAsLong();
        read.set(stepExecution.getExecutionContext().getLong("progress.read", 0L));
        startedNanos = System.nanoTime();
        callsAtStart = metrics.calls();
        log.info("{}: {} records to examine", stepExecution.getStepName(), totalRecords);
    }

    @Override
    public void afterRead(I item) {
        read.incrementAndGet();
    }

    @Override
    public void afterChunk(Chunk<O> chunk) {
        step.getExecutionContext().putLong("progress.read", read.get());
        double seconds = Math.max(0.001, (System.nanoTime() - startedNanos) / 1e9);
        long skips = step.getWriteSkipCount() + step.getProcessSkipCount() + step.getReadSkipCount();
        log.info("{}: {}/{} done, {} Xero calls, {} skipped, {} records/s", step.getStepName(), read.get(), totalRecords,
                metrics.calls() - callsAtStart, skips, String.format("%.1f", read.get() / seconds));
    }
}
