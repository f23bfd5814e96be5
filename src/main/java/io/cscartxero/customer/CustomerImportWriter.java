package io.cscartxero.customer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes imported contacts into CS-Cart: matched by link, then by e-mail (case-insensitive, customers only);
 * matched customers get only the fields that changed, new ones are inserted. Three queries per chunk to match,
 * no write at all when nothing changed. The links commit with the chunk; the CS-Cart writes are repeatable.
 */
class CustomerImportWriter implements ItemWriter<CustomerImport> {

    private final CsCartCustomerStore store;
    private final SyncLinkRepository links;
    private final SyncRecorder recorder;
    private final String tenant;

    CustomerImportWriter(CsCartCustomerStore store, SyncLinkRepository links, SyncRecorder recorder, String tenant) {
        this.store = store;
        this.links = links;
        this.recorder = recorder;
        this.tenant = tenant;
    }

    @Override
    public void write(Chunk<? extends CustomerImport> chunk) {
        List<? extends CustomerImport> items = chunk.getItems();
        Map<String, SyncLink> linked = links.findByXeroIds(tenant, XeroContactWriter.ENTITY,
                items.stream().map(CustomerImport::contactId).toList());
        Set<String> emails = new HashSet<>();
        items.forEach(i -> {
            emails.add(i.email());
            emails.add(i.email().toLowerCase(Locale.ROOT));
        });
        Map<String, Long> byEmail = store.accountsByEmail(emails);
        Set<Long> candidates = new HashSet<>();
        linked.values().removeIf(l -> l.state() != SyncLink.State.SYNCED);
        linked.values().forEach(l -> candidates.add(Long.valueOf(l.cscartId())));
        byEmail.values().stream().filter(id -> id > 0).forEach(candidates::add);
        Map<Long, CsCartCustomer> current = store.load(candidates);

        List<SyncOutcome<CustomerImport>> outcomes = new ArrayList<>();
        Set<Long> insertedNow = new HashSet<>();
        for (CustomerImport item : items) {
            String emailKey = item.email().toLowerCase(Locale.ROOT);
            SyncLink link = linked.get(item.contactId());
            Long userId = link != null && current.containsKey(Long.valueOf(link.cscartId())) ? Long.valueOf(link.cscartId())
                    : byEmail.get(emailKey);
            if (userId != null && userId < 0) {
                outcomes.add(SyncOutcome.rejected(item, SyncLink.rejected(XeroContactWriter.ENTITY, "xero:" + item.contactId(),
                        item.contactId(), null, PayloadHash.of(item)),
                        "The email " + item.email() + " belongs to a CS-Cart administrator or vendor account; it was not changed",
                        "Email=" + item.email()));
                continue;
            }
            if (userId != null && insertedNow.contains(userId)) {
                // a second Xero contact with the e-mail of a customer this chunk just created: same customer
            } else if (userId == null || !current.containsKey(userId)) {
                userId = store.insert(item);
                byEmail.put(emailKey, userId);
                insertedNow.add(userId);
            } else {
                boolean profileInserted = store.repair(userId, item);
                store.update(current.get(userId), item, !profileInserted);
            }
            outcomes.add(SyncOutcome.accepted(item, SyncLink.synced(XeroContactWriter.ENTITY, Long.toString(userId),
                    item.contactId(), null, PayloadHash.of(item))));
        }
        @SuppressWarnings("unchecked")
        Chunk<CustomerImport> written = (Chunk<CustomerImport>) chunk;
        recorder.record(written, outcomes);
    }
}
