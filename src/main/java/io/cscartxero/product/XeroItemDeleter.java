package io.cscartxero.product;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroItems;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The product delete step's writer: one DELETE per linked item; 404 counts as already deleted; the link goes on
 * success (in the chunk transaction); a refusal goes to the error log with Xero's reason and is a write skip.
 */
class XeroItemDeleter implements ItemWriter<SyncLink> {

    private final XeroItems items;
    private final SyncRecorder recorder;
    private final StepExecution step;

    XeroItemDeleter(XeroItems items, SyncRecorder recorder, StepExecution step) {
        this.items = items;
        this.recorder = recorder;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends SyncLink> chunk) {
        List<SyncLink> gone = new ArrayList<>();
        Map<SyncLink, String> refused = new HashMap<>();
        for (SyncLink link : chunk) {
            try {
                items.delete(link.xeroId());    // false (404): already deleted in Xero, which is what we wanted
                gone.add(link);
            } catch (XeroApiException.BadRequest | XeroApiException.Validation refusal) {
                refused.put(link, refusal.getMessage());
            }
        }
        recorder.recordRemovals(step, chunk, gone, refused, "Code");
    }
}
