package io.cscartxero.customer;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncRecorder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of customers' contacts (see {@link ContactUpserter}) and records the outcomes. A customer Xero took
 * only without its e-mail counts as written (it is in Xero, so it is no skip and does not make the run exit 3) and
 * gets one warning row in the error log, so the store owner learns which address to correct.
 */
class XeroContactWriter implements ItemWriter<ContactSyncItem> {

    private static final Logger log = LoggerFactory.getLogger(XeroContactWriter.class);

    public static final String ENTITY = "CONTACT";

    private final ContactUpserter upserter;
    private final SyncRecorder recorder;
    private final ErrorLog errorLog;

    XeroContactWriter(ContactUpserter upserter, SyncRecorder recorder, ErrorLog errorLog) {
        this.upserter = upserter;
        this.recorder = recorder;
        this.errorLog = errorLog;
    }

    @Override
    public void write(Chunk<? extends ContactSyncItem> chunk) {
        @SuppressWarnings("unchecked")
        Chunk<ContactSyncItem> items = (Chunk<ContactSyncItem>) chunk;
        ContactUpserter.Result result = upserter.upsert(items.getItems());
        recorder.record(items, result.outcomes());
        warnEmailsDropped(result);
    }

    /** One warning row (and log line) per customer Xero took without its e-mail. */
    private void warnEmailsDropped(ContactUpserter.Result result) {
        if (result.emailsDropped().isEmpty()) {
            return;
        }
        StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
        for (ContactUpserter.EmailDropped dropped : result.emailsDropped()) {
            ContactSyncItem item = dropped.item();
            String who = "customer " + item.cscartId() + " (" + item.baseName() + ")";
            log.warn("Xero refused the e-mail of {}; the contact is in Xero without it", who);
            errorLog.record(dropped.warning(step, who));
        }
    }
}
