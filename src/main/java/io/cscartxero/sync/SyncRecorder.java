package io.cscartxero.sync;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.XeroProperties;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * Records the outcomes of one written chunk: links in the chunk transaction, rejected elements in the error log
 * (own transaction) and as write skips. Rejected items are removed from the chunk so the step's write count
 * counts only what Xero accepted; Xero's per-element errors are data, not exceptions, so the step never enters
 * scan mode and never re-sends the accepted elements of a batch.
 */
@Component
public class SyncRecorder {

    private final SyncLinkRepository links;
    private final ErrorLog errorLog;
    private final XeroProperties xero;

    public SyncRecorder(SyncLinkRepository links, ErrorLog errorLog, XeroProperties xero) {
        this.links = links;
        this.errorLog = errorLog;
        this.xero = xero;
    }

    public <T> void record(Chunk<T> chunk, List<SyncOutcome<T>> outcomes) {
        StepContext context = StepSynchronizationManager.getContext();
        StepExecution step = context.getStepExecution();
        long executionId = step.getJobExecutionId();
        links.saveAll(xero.tenantKey(), executionId, outcomes.stream().map(SyncOutcome::link).toList());

        Map<Object, ErrorLog.Entry> rejected = new IdentityHashMap<>();
        for (SyncOutcome<T> outcome : outcomes) {
            if (!outcome.accepted()) {
                rejected.put(outcome.item(), new ErrorLog.Entry(executionId, step.getJobExecution().getJobInstance().getJobName(),
                        step.getStepName(), outcome.link().entity(), outcome.link().cscartId(), outcome.link().xeroId(),
                        outcome.message(), outcome.payloadSummary()));
            }
        }
        skip(chunk, rejected, step);
    }

    /**
     * For the delete jobs: the links of records no longer in Xero go (in the chunk transaction); refusals (link →
     * Xero's reason) are logged and skipped.
     */
    public void recordRemovals(Chunk<? extends SyncLink> chunk, List<SyncLink> gone, Map<SyncLink, String> refusals, String keyLabel) {
        StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
        links.deleteAll(xero.tenantKey(), gone);
        Map<Object, ErrorLog.Entry> rejected = new IdentityHashMap<>();
        refusals.forEach((link, reason) -> rejected.put(link, new ErrorLog.Entry(step.getJobExecutionId(),
                step.getJobExecution().getJobInstance().getJobName(), step.getStepName(), link.entity(), link.cscartId(),
                link.xeroId(), reason, keyLabel + "=" + link.xeroKey())));
        skip(chunk, rejected, step);
    }

    /** For writers that skip an item with nothing to link (no CS-Cart record): logged and taken out of the chunk. */
    public void skip(Chunk<?> chunk, Map<Object, ErrorLog.Entry> skipped) {
        skip(chunk, skipped, StepSynchronizationManager.getContext().getStepExecution());
    }

    /** Logs each rejected item and takes it out of the chunk, so the write count counts only what Xero accepted. */
    private void skip(Chunk<?> chunk, Map<Object, ErrorLog.Entry> rejected, StepExecution step) {
        if (rejected.isEmpty()) {
            return;
        }
        rejected.values().forEach(errorLog::record);
        for (var it = chunk.iterator(); it.hasNext();) {
            Object item = it.next();
            if (rejected.containsKey(item)) {
                it.remove(new RejectedByXeroException(rejected.get(item).message()));
            }
        }
        // restored by the step if this chunk's transaction rolls back
        step.setWriteSkipCount(step.getWriteSkipCount() + rejected.size());
    }

    /** Why an item left the chunk: Xero's validation message. */
    public static final class RejectedByXeroException extends RuntimeException {
        public RejectedByXeroException(String message) {
            super(message, null, false, false);
        }
    }
}
