package io.cscartxero.sync;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.XeroProperties;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * Records the outcomes of one written chunk: links in the chunk transaction, rejected elements in the error log
 * (own transaction) and as write skips. Rejected items are removed from the chunk so the step's write count
 * counts only what Xero accepted; Xero's per-element errors are data, not exceptions, so the step never enters
 * scan mode and never re-sends the accepted elements of a batch. The writer passes its step execution (which job
 * execution the links and error rows belong to, and whose write-skip count goes up).
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

    /** Saves the outcomes' links; logs the rejected ones and takes them out of the chunk as write skips. */
    public <T> void record(StepExecution step, Chunk<T> chunk, List<SyncOutcome<T>> outcomes) {
        long executionId = step.getJobExecutionId();
        links.saveAll(xero.tenantKey(), executionId, outcomes.stream().map(SyncOutcome::link).toList());

        Map<Object, ErrorLog.Entry> rejected = new IdentityHashMap<>();
        for (SyncOutcome<T> outcome : outcomes) {
            if (!outcome.accepted()) {
                rejected.put(outcome.item(), ErrorLog.Entry.of(step, outcome.link().entity(), outcome.link().cscartId(),
                        outcome.link().xeroId(), outcome.message(), outcome.payloadSummary()));
            }
        }
        skip(step, chunk, rejected);
    }

    /**
     * For the delete jobs: the links of records no longer in Xero go (in the chunk transaction); refusals (link →
     * Xero's reason) are logged and skipped.
     */
    public void recordRemovals(StepExecution step, Chunk<? extends SyncLink> chunk, List<SyncLink> gone,
            Map<SyncLink, String> refusals, String keyLabel) {
        links.deleteAll(xero.tenantKey(), gone);
        Map<Object, ErrorLog.Entry> rejected = new IdentityHashMap<>();
        refusals.forEach((link, reason) -> rejected.put(link, ErrorLog.Entry.of(step, link.entity(), link.cscartId(),
                link.xeroId(), reason, keyLabel + "=" + link.xeroKey())));
        skip(step, chunk, rejected);
    }

    /** Logs each item (item → its error row) and takes it out of the chunk, so the write count counts only what Xero accepted. */
    public void skip(StepExecution step, Chunk<?> chunk, Map<Object, ErrorLog.Entry> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        skipped.values().forEach(errorLog::record);
        for (var it = chunk.iterator(); it.hasNext();) {
            Object item = it.next();
            if (skipped.containsKey(item)) {
                it.remove(new RejectedByXeroException(skipped.get(item).message()));
            }
        }
        // restored by the step if this chunk's transaction rolls back
        step.setWriteSkipCount(step.getWriteSkipCount() + skipped.size());
    }

    /** Why an item left the chunk: Xero's validation message. */
    public static final class RejectedByXeroException extends RuntimeException {
        public RejectedByXeroException(String message) {
            super(message, null, false, false);
        }
    }
}
