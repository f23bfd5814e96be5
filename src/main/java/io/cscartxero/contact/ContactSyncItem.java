package io.cscartxero.contact;

import io.cscartxero.xero.model.Contact;

/**
 * A contact ready to send for one CS-Cart record (a customer, or a guest's e-mail): the contact (with ContactID
 * when already linked), the link key, the name before de-duplication, the suffix that makes it unique if Xero
 * reports the name as taken, and the hash of the payload as mapped.
 */
public record ContactSyncItem(String entity, String cscartId, String baseName, String nameSuffix, Contact contact,
        String payloadHash) {

    /** The link entity of a registered customer's contact (customerExportJob, customerImportJob, the order export's buyers). */
    public static final String CUSTOMER_ENTITY = "CONTACT";
    /** The link entity of a buyer known only from an order (a guest): one per normalised e-mail, one per order without one. */
    public static final String GUEST_ENTITY = "GUEST";

    /** The same contact naming the Xero contact it updates (hash unchanged: it is the hash of the payload as mapped). */
    public ContactSyncItem withContactId(String contactId) {
        return withContact(contact.withContactID(contactId));
    }

    /** The same contact sent with ContactStatus ACTIVE: restores it in Xero if it was archived (hash unchanged). */
    public ContactSyncItem restored() {
        Contact c = contact;
        return withContact(new Contact(c.contactID(), c.contactNumber(), "ACTIVE", c.name(), c.firstName(), c.lastName(),
                c.emailAddress(), c.addresses(), c.phones(), null, null, null, null));
    }

    ContactSyncItem withContact(Contact newContact) {
        return new ContactSyncItem(entity, cscartId, baseName, nameSuffix, newContact, payloadHash);
    }

    /** The same contact with its e-mail cleared (hash unchanged: the CS-Cart data did not change). */
    public ContactSyncItem withoutEmail() {
        Contact c = contact;
        return withContact(new Contact(c.contactID(), c.contactNumber(), c.contactStatus(), c.name(), c.firstName(), c.lastName(), "",
                c.addresses(), c.phones(), null, null, null, null));
    }

    boolean isRenamed() {
        return contact.name().endsWith(nameSuffix);
    }

    ContactSyncItem renamed() {
        return withContact(contact.withName(ContactNames.withSuffix(baseName, nameSuffix)));
    }

    String summary() {
        return "Name=" + contact.name() + ", ContactNumber=" + contact.contactNumber() + ", Email=" + contact.emailAddress();
    }
}
