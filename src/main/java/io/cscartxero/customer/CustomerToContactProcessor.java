package io.cscartxero.customer;

import java.util.Map;

import io.cscartxero.contact.ContactNames;
import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.contact.CustomerContactMapper;
import io.cscartxero.sync.SyncLink;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Maps a customer to a contact and drops it (a filter, not a skip) when Xero already has exactly this payload,
 * so a run with no changes makes no write call. A contact {@code reconcile --repair} re-queued is sent with
 * ContactStatus ACTIVE (restoring it when it was archived in Xero). A payload Xero rejected before is not re-sent until it changes.
 * Makes no calls: links and names were loaded once when the step started.
 */
class CustomerToContactProcessor implements ItemProcessor<CsCartCustomer, ContactSyncItem> {

    private final Map<String, SyncLink> links;
    private final ContactNames names;
    private final boolean full;

    CustomerToContactProcessor(Map<String, SyncLink> links, ContactNames names, boolean full) {
        this.links = links;
        this.names = names;
        this.full = full;
    }

    @Override
    public ContactSyncItem process(CsCartCustomer customer) {
        ContactSyncItem item = CustomerContactMapper.toItem(customer, names);
        SyncLink link = links.get(item.cscartId());
        if (link != null && link.payloadHash().equals(item.payloadHash()) && !full) {
            return null;
        }
        if (link == null) {
            return item;
        }
        // re-queued by reconcile --repair (the contact was archived in Xero): sent with ContactStatus ACTIVE, which
        // restores it; the hash stays the payload's, so the next run sends nothing
        return link.requeued() && link.xeroId() != null ? item.withContactId(link.xeroId()).restored() : item.withContactId(link.xeroId());
    }
}
