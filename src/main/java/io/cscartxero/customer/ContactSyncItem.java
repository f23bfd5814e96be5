package io.cscartxero.customer;

import io.cscartxero.xero.model.Contact;

/**
 * A customer ready to send: the contact (with ContactID when already linked), the name before de-duplication
 * and the hash of the payload as mapped.
 */
record ContactSyncItem(long userId, String baseName, Contact contact, String payloadHash) {

    String cscartId() {
        return Long.toString(userId);
    }

    ContactSyncItem withContact(Contact newContact) {
        return new ContactSyncItem(userId, baseName, newContact, payloadHash);
    }

    String summary() {
        return "Name=" + contact.name() + ", ContactNumber=" + contact.contactNumber() + ", Email=" + contact.emailAddress();
    }
}
