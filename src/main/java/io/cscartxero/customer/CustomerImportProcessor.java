package io.cscartxero.customer;

import java.util.Set;

import io.cscartxero.contact.CustomerContactMapper;
import io.cscartxero.xero.model.Contact;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Xero contact → {@link CustomerImport}, leaving out (filtering, not skipping) the contacts the connector made itself
 * for buyers who are not customers: those linked to a guest, and any unlinked contact with the connector's own
 * ContactNumber ({@code cscart-…}: its link was lost, e.g. another connector database) — none of them is a customer
 * to create. Links are loaded once when the step starts: no query per contact.
 */
class CustomerImportProcessor implements ItemProcessor<Contact, CustomerImport> {

    private final Set<String> guestContacts;
    private final Set<String> customerContacts;

    CustomerImportProcessor(Set<String> guestContacts, Set<String> customerContacts) {
        this.guestContacts = guestContacts;
        this.customerContacts = customerContacts;
    }

    @Override
    public CustomerImport process(Contact contact) {
        if (contact.contactID() != null && guestContacts.contains(contact.contactID())) {
            return null;
        }
        CustomerImport item = CustomerImport.from(contact);
        boolean linked = contact.contactID() != null && customerContacts.contains(contact.contactID());
        if (!linked && item.contactNumber().toLowerCase(java.util.Locale.ROOT).startsWith(CustomerContactMapper.CONTACT_NUMBER_PREFIX)) {
            return null;
        }
        return item;
    }
}
