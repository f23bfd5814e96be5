package io.cscartxero.customer;

import java.util.Map;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.model.Contact;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Maps a customer to a contact and drops it (a filter, not a skip) when Xero already has exactly this payload,
 * so a run with no changes makes no write call. A payload Xero rejected before is not re-sent until it changes.
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
        String baseName = CustomerContactMapper.baseName(customer);
        Contact contact = CustomerContactMapper.toContact(customer, names.nameFor(customer.userId(), baseName), null);
        String hash = PayloadHash.of(contact);
        SyncLink link = links.get(Long.toString(customer.userId()));
        if (link != null && link.payloadHash().equals(hash) && !full) {
            return null;
        }
        String contactId = link == null ? null : link.xeroId();
        return new ContactSyncItem(XeroContactWriter.ENTITY, Long.toString(customer.userId()), baseName,
                ContactNames.suffix(customer.userId()), contact.withContactID(contactId), hash);
    }
}
