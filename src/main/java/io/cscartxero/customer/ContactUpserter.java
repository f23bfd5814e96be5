package io.cscartxero.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;

/**
 * Creates and updates contacts in batches: new ones with one PUT, linked ones with one POST (by ContactID), both
 * with {@code summarizeErrors=false} so every element gets its own verdict. Used by the customer export and by the
 * order export (contacts first). Two element errors are repaired instead of reported: "Another contact has this
 * contact number" means an earlier run created the contact and died before linking it, so it is looked up and
 * updated; a name already used by a contact outside the store gets the record's suffix and is sent once more.
 */
public class ContactUpserter {

    private final XeroContacts contacts;

    public ContactUpserter(XeroContacts contacts) {
        this.contacts = contacts;
    }

    public List<SyncOutcome<ContactSyncItem>> upsert(List<ContactSyncItem> items) {
        List<SyncOutcome<ContactSyncItem>> outcomes = new ArrayList<>();
        List<ContactSyncItem> creates = new ArrayList<>();
        List<ContactSyncItem> updates = new ArrayList<>();
        for (ContactSyncItem item : items) {
            (item.contact().contactID() == null ? creates : updates).add(item);
        }
        List<ContactSyncItem> alreadyInXero = new ArrayList<>();
        List<ContactSyncItem> renamedCreates = new ArrayList<>();
        List<ElementResult<Contact>> created = send(creates, true);
        for (int i = 0; i < creates.size(); i++) {
            ContactSyncItem item = creates.get(i);
            ElementResult<Contact> verdict = created.get(i);
            if (verdict.accepted()) {
                outcomes.add(accepted(item, verdict.xeroId()));
            } else if (isDuplicateContactNumber(verdict)) {
                alreadyInXero.add(item);
            } else if (isDuplicateName(verdict) && !item.isRenamed()) {
                renamedCreates.add(item.renamed());
            } else {
                outcomes.add(rejected(item, verdict.message()));
            }
        }
        if (!alreadyInXero.isEmpty()) {
            Map<String, Contact> found = contacts.findByContactNumbers(alreadyInXero.stream().map(i -> i.contact().contactNumber()).toList());
            for (ContactSyncItem item : alreadyInXero) {
                Contact existing = found.get(item.contact().contactNumber());
                if (existing == null) {
                    outcomes.add(rejected(item, "Xero reports the contact number as taken but no contact has it"));
                } else {
                    updates.add(item.withContact(item.contact().withContactID(existing.contactID())));
                }
            }
        }
        List<ContactSyncItem> renamedUpdates = new ArrayList<>();
        List<ElementResult<Contact>> updated = send(updates, false);
        for (int i = 0; i < updates.size(); i++) {
            ContactSyncItem item = updates.get(i);
            ElementResult<Contact> verdict = updated.get(i);
            if (verdict.accepted()) {
                outcomes.add(accepted(item, verdict.xeroId()));
            } else if (isDuplicateName(verdict) && !item.isRenamed()) {
                renamedUpdates.add(item.renamed());
            } else {
                outcomes.add(rejected(item, verdict.message()));
            }
        }
        finish(renamedCreates, send(renamedCreates, true), outcomes);
        finish(renamedUpdates, send(renamedUpdates, false), outcomes);
        return outcomes;
    }

    private List<ElementResult<Contact>> send(List<ContactSyncItem> items, boolean create) {
        List<Contact> payload = items.stream().map(ContactSyncItem::contact).toList();
        return create ? contacts.create(payload) : contacts.update(payload);
    }

    private static void finish(List<ContactSyncItem> items, List<ElementResult<Contact>> verdicts, List<SyncOutcome<ContactSyncItem>> outcomes) {
        for (int i = 0; i < items.size(); i++) {
            ElementResult<Contact> verdict = verdicts.get(i);
            outcomes.add(verdict.accepted() ? accepted(items.get(i), verdict.xeroId()) : rejected(items.get(i), verdict.message()));
        }
    }

    private static SyncOutcome<ContactSyncItem> accepted(ContactSyncItem item, String contactId) {
        return SyncOutcome.accepted(item, SyncLink.synced(item.entity(), item.cscartId(), contactId, item.contact().contactNumber(), item.payloadHash()));
    }

    private static SyncOutcome<ContactSyncItem> rejected(ContactSyncItem item, String message) {
        return SyncOutcome.rejected(item, SyncLink.rejected(item.entity(), item.cscartId(), item.contact().contactID(),
                item.contact().contactNumber(), item.payloadHash()), message, item.summary());
    }

    private static boolean isDuplicateContactNumber(ElementResult<Contact> verdict) {
        return verdict.messages().stream().anyMatch(m -> m.contains("Another contact has this contact number"));
    }

    private static boolean isDuplicateName(ElementResult<Contact> verdict) {
        return verdict.messages().stream().anyMatch(m -> m.contains("is already assigned to another contact"));
    }
}
