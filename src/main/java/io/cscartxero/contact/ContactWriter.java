package io.cscartxero.contact;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroContacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The one writer of contacts, used by customerExportJob and by the order export's buyer step: sends a chunk (up to 50
 * contacts, one PUT for the new and one POST for the linked, {@code summarizeErrors=false}) with
 * {@link ContactUpserter}, which repairs in the chunk's next call what can be repaired — a refused e-mail (sent
 * without it), a name taken outside the store (the record's suffix, once), a contact number taken after a crash
 * (looked up and linked) — and records the links in the chunk transaction; a contact Xero rejects is an error row.
 * <p>
 * The two jobs differ only in what a contact Xero took without its e-mail leaves behind:
 * <ul>
 * <li>{@link #forCustomers customerExportJob}: one {@code Warning:} row in the error log (the contact is in Xero, so it
 * is no skip and does not make the run exit 3) naming the address for the store owner to correct; the link keeps the
 * hash of the customer as mapped, so an unchanged customer is not sent again and a corrected e-mail is;</li>
 * <li>{@link #forBuyers the order export}: no row (its error log is about orders); a customer's link gets the hash of
 * what Xero holds, so the next customer export sends the contact once more and writes the warning there (or sends the
 * corrected address). A guest's link keeps the hash as mapped.</li>
 * </ul>
 * The writer takes its step as an argument (never from the static step context); {@code beforeFirstSend} runs once,
 * before the first contact is sent (the order export's pre-flight: a run that cannot invoice sends nothing).
 */
public class ContactWriter implements ItemWriter<ContactSyncItem> {

    private static final Logger log = LoggerFactory.getLogger(ContactWriter.class);

    private final ContactUpserter upserter;
    private final SyncRecorder recorder;
    private final StepExecution step;
    private final ErrorLog warnings;
    private final Runnable beforeFirstSend;
    private boolean started;

    /**
     * @param step            the step whose chunks this writer writes: its links and error rows are this step's
     * @param warnings        where a contact taken without its e-mail gets its warning row; null: no row, the customer's
     *                        link gets the hash of what Xero holds instead (see the class comment)
     * @param beforeFirstSend run once, before the first contact is sent
     */
    ContactWriter(ContactUpserter upserter, SyncRecorder recorder, StepExecution step, ErrorLog warnings, Runnable beforeFirstSend) {
        this.upserter = upserter;
        this.recorder = recorder;
        this.step = step;
        this.warnings = warnings;
        this.beforeFirstSend = beforeFirstSend;
    }

    /** customerExportJob's writer: a customer Xero took without its e-mail gets a warning row of {@code step} in {@code errorLog}. */
    public static ContactWriter forCustomers(XeroContacts contacts, SyncRecorder recorder, ErrorLog errorLog, StepExecution step) {
        return new ContactWriter(new ContactUpserter(contacts), recorder, step, errorLog, () -> {
        });
    }

    /**
     * The order export's buyer-step writer: {@code beforeFirstSend} once, before the first contact; a customer Xero took
     * without its e-mail is left to customerExportJob to warn about.
     */
    public static ContactWriter forBuyers(XeroContacts contacts, SyncRecorder recorder, StepExecution step, Runnable beforeFirstSend) {
        return new ContactWriter(new ContactUpserter(contacts), recorder, step, null, beforeFirstSend);
    }

    @Override
    public void write(Chunk<? extends ContactSyncItem> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!started) {
            beforeFirstSend.run();
            started = true;
        }
        ContactUpserter.Result result = upserter.upsert(List.copyOf(chunk.getItems()));
        @SuppressWarnings("unchecked")
        Chunk<ContactSyncItem> written = (Chunk<ContactSyncItem>) chunk;
        if (warnings == null) {
            recorder.record(step, written, withHeldHashes(result));
        } else {
            recorder.record(step, written, result.outcomes());
            warnEmailsDropped(result);
        }
    }

    /** One warning row (and log line) per customer Xero took without its e-mail. */
    private void warnEmailsDropped(ContactUpserter.Result result) {
        for (ContactUpserter.EmailDropped dropped : result.emailsDropped()) {
            ContactSyncItem item = dropped.item();
            String who = "customer " + item.cscartId() + " (" + item.baseName() + ")";
            log.warn("Xero refused the e-mail of {}; the contact is in Xero without it", who);
            warnings.record(dropped.warning(step, who));
        }
    }

    /**
     * An invoice must not be lost to a mistyped e-mail, so a buyer whose e-mail Xero refuses is a contact without it:
     * a customer's link gets the hash of what Xero holds (the customer export sends it once more and warns there), a
     * guest's link keeps the hash as mapped.
     */
    static List<SyncOutcome<ContactSyncItem>> withHeldHashes(ContactUpserter.Result result) {
        Map<ContactSyncItem, String> heldHash = new IdentityHashMap<>();
        for (ContactUpserter.EmailDropped dropped : result.emailsDropped()) {
            log.warn("Xero refused the e-mail of {} {}; its contact is in Xero without it", dropped.item().entity(), dropped.item().cscartId());
            heldHash.put(dropped.item(), PayloadHash.of(dropped.sent()));
        }
        return result.outcomes().stream().map(o -> {
            SyncLink link = o.link();
            String hash = heldHash.get(o.item());
            if (hash == null || !ContactSyncItem.CUSTOMER_ENTITY.equals(link.entity())) {
                return o;
            }
            return SyncOutcome.accepted(o.item(), SyncLink.synced(link.entity(), link.cscartId(), link.xeroId(), link.xeroKey(), hash));
        }).toList();
    }
}
