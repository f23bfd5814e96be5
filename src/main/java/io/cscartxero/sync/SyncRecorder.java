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

        Map<T, SyncOutcome<T>> rejected = new IdentityHashMap<>();
        for (SyncOutcome<T> outcome : outcomes) {
            if (!outcome.accepted()) {
                rejected.put(outcome.item(), outcome);
                errorLog.record(new ErrorLog.Entry(executionId, step.getJobExecution().getJobInstance().getJobName(),
                        step.getStepName(), outcome.link().entity(), outcome.link().cscartId(), outcome.link().xeroId(),
                        outcome.message(), outcome.payloadSummary()));
            }
        }
        if (!rejected.isEmpty()) {
            for (var it = chunk.iterator(); it.hasNext();) {
                T item = it.next();
                if (rejected.containsKey(item)) {
                    it.remove(new RejectedByXeroException(rejected.get(item).message()));
                }
            }
            // restored by the step if this chunk's transaction rolls back
            step.setWriteSkipCount(step.getWriteSkipCount() + rejected.size());
        }
    }

    /** Why an item left the chunk: Xero's validation message. */
    public static final class RejectedByXeroException extends RuntimeException {
        public RejectedByXeroException(String message) {
            super(message, null, false, false);
        }
    }
}
