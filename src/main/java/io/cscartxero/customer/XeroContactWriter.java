package io.cscartxero.customer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroContacts;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of contacts: new ones with one PUT, linked ones with one POST (by ContactID), both with
 * {@code summarizeErrors=false} so every element gets its own verdict.
 *
 * <p>Two element errors are repaired instead of logged: "Another contact has this contact number" means a
 * previous run created the contact but crashed before linking it, so it is looked up and updated instead; a
 * name already used by a contact outside the store gets the customer's " (#id)" suffix and is sent once more.
 */
class XeroContactWriter implements ItemWriter<ContactSyncItem> {

    static final String ENTITY = "CONTACT";

    private final XeroContacts contacts;
    private final SyncRecorder recorder;

    XeroContactWriter(XeroContacts contacts, SyncRecorder recorder) {
        this.contacts = contacts;
        this.recorder = recorder;
    }

    @Override
    public void write(Chunk<? extends ContactSyncItem> chunk) {
        List<SyncOutcome<ContactSyncItem>> outcomes = new ArrayList<>();
        List<ContactSyncItem> creates = new ArrayList<>();
        List<ContactSyncItem> updates = new ArrayList<>();
        for (ContactSyncItem item : chunk) {
            (item.contact().contactID() == null ? creates : updates).add(item);
        }

        List<ContactSyncItem> alreadyInXero = new ArrayList<>();
        List<ContactSyncItem> renamedCreates = new ArrayList<>();
        for (var result : send(creates, true)) {
            ContactSyncItem item = result.getKey();
            ElementResult<Contact> verdict = result.getValue();
            if (verdict.accepted()) {
                outcomes.add(accepted(item, verdict.xeroId()));
            } else if (isDuplicateContactNumber(verdict)) {
                alreadyInXero.add(item);
            } else if (isDuplicateName(verdict) && !isRenamed(item)) {
                renamedCreates.add(renamed(item));
            } else {
                outcomes.add(rejected(item, verdict.message()));
            }
        }
        if (!alreadyInXero.isEmpty()) {
            Map<String, Contact> found = contacts.findByContactNumbers(
                    alreadyInXero.stream().map(i -> i.contact().contactNumber()).toList());
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
        for (var result : send(updates, false)) {
            ContactSyncItem item = result.getKey();
            ElementResult<Contact> verdict = result.getValue();
            if (verdict.accepted()) {
                outcomes.add(accepted(item, verdict.xeroId()));
            } else if (isDuplicateName(verdict) && !isRenamed(item)) {
                renamedUpdates.add(renamed(item));
            } else {
                outcomes.add(rejected(item, verdict.message()));
            }
        }
        for (var result : send(renamedCreates, true)) {
            outcomes.add(outcome(result.getKey(), result.getValue()));
        }
        for (var result : send(renamedUpdates, false)) {
            outcomes.add(outcome(result.getKey(), result.getValue()));
        }
        @SuppressWarnings("unchecked")
        Chunk<ContactSyncItem> items = (Chunk<ContactSyncItem>) chunk;
        recorder.record(items, outcomes);
    }

    private List<Map.Entry<ContactSyncItem, ElementResult<Contact>>> send(List<ContactSyncItem> items, boolean create) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Contact> payload = items.stream().map(ContactSyncItem::contact).toList();
        List<ElementResult<Contact>> results = create ? contacts.create(payload) : contacts.update(payload);
        Map<ContactSyncItem, ElementResult<Contact>> paired = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            paired.put(items.get(i), results.get(i));
        }
        return List.copyOf(paired.entrySet());
    }

    private static SyncOutcome<ContactSyncItem> outcome(ContactSyncItem item, ElementResult<Contact> verdict) {
        return verdict.accepted() ? accepted(item, verdict.xeroId()) : rejected(item, verdict.message());
    }

    private static SyncOutcome<ContactSyncItem> accepted(ContactSyncItem item, String contactId) {
        return SyncOutcome.accepted(item, SyncLink.synced(ENTITY, item.cscartId(), contactId, item.contact().contactNumber(), item.payloadHash()));
    }

    private static SyncOutcome<ContactSyncItem> rejected(ContactSyncItem item, String message) {
        return SyncOutcome.rejected(item, SyncLink.rejected(ENTITY, item.cscartId(), item.contact().contactID(),
                item.contact().contactNumber(), item.payloadHash()), message, item.summary());
    }

    private static boolean isDuplicateContactNumber(ElementResult<Contact> verdict) {
        return verdict.messages().stream().anyMatch(m -> m.contains("Another contact has this contact number"));
    }

    private static boolean isDuplicateName(ElementResult<Contact> verdict) {
        return verdict.messages().stream().anyMatch(m -> m.contains("is already assigned to another contact"));
    }

    private static boolean isRenamed(ContactSyncItem item) {
        return item.contact().name().endsWith(" (#" + item.userId() + ")");
    }

    private static ContactSyncItem renamed(ContactSyncItem item) {
        return item.withContact(item.contact().withName(ContactNames.withSuffix(item.baseName(), item.userId())));
    }
}
