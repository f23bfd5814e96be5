package io.cscartxero.order;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.customer.ContactSyncItem;
import io.cscartxero.customer.ContactUpserter;
import io.cscartxero.customer.OrderContactFactory;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The buyer step's writer: sends a chunk of contacts with {@link ContactUpserter} (one PUT for up to 50 new contacts;
 * a refused e-mail, a taken name or a contact number taken after a crash repaired in the next call) and records
 * their links in the chunk transaction; a contact Xero rejects is an error row and its orders' invoices wait.
 * Before the first contact of a run is sent, {@code beforeFirstSend} runs (the order export's pre-flight), so a run
 * that cannot invoice sends nothing.
 */
class BuyerContactWriter implements ItemWriter<ContactSyncItem> {

    private static final Logger log = LoggerFactory.getLogger(BuyerContactWriter.class);

    private final ContactUpserter contacts;
    private final SyncRecorder recorder;
    private final Runnable beforeFirstSend;
    private boolean checked;

    BuyerContactWriter(ContactUpserter contacts, SyncRecorder recorder, Runnable beforeFirstSend) {
        this.contacts = contacts;
        this.recorder = recorder;
        this.beforeFirstSend = beforeFirstSend;
    }

    @Override
    public void write(Chunk<? extends ContactSyncItem> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        if (!checked) {
            beforeFirstSend.run();
            checked = true;
        }
        ContactUpserter.Result results = contacts.upsert(List.copyOf(chunk.getItems()));
        @SuppressWarnings("unchecked")
        Chunk<ContactSyncItem> written = (Chunk<ContactSyncItem>) chunk;
        recorder.record(written, withHeldHashes(results));
    }

    /**
     * An invoice must not be lost to a mistyped e-mail, so a buyer whose e-mail Xero refuses is a contact without
     * it; the warning is left to customerExportJob, where customers are corrected: a customer's contact taken without
     * its e-mail is linked with the hash of what Xero holds, not of the customer as mapped, so the next customer
     * export sends it once more and records the warning row when Xero refuses the address again (or sends the
     * corrected one). A guest's link keeps the hash as mapped.
     */
    static List<SyncOutcome<ContactSyncItem>> withHeldHashes(ContactUpserter.Result results) {
        Map<ContactSyncItem, String> heldHash = new IdentityHashMap<>();
        for (ContactUpserter.EmailDropped dropped : results.emailsDropped()) {
            log.warn("Xero refused the e-mail of {} {}; its contact is in Xero without it", dropped.item().entity(), dropped.item().cscartId());
            heldHash.put(dropped.item(), PayloadHash.of(dropped.sent()));
        }
        return results.outcomes().stream().map(o -> {
            SyncLink link = o.link();
            String hash = heldHash.get(o.item());
            if (hash == null || !OrderContactFactory.customerEntity().equals(link.entity())) {
                return o;
            }
            return SyncOutcome.accepted(o.item(), SyncLink.synced(link.entity(), link.cscartId(), link.xeroId(), link.xeroKey(), hash));
        }).toList();
    }
}
