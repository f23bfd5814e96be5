package io.cscartxero.contact;

import java.util.List;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.xero.model.Address;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.Phone;

/**
 * CS-Cart customer → Xero Contact. Pure: the same customer always gives the same contact, so its hash tells
 * whether anything Xero would see has changed. Billing goes to POBOX (the address Xero prints on invoices),
 * shipping to STREET. Fields longer than Xero accepts are shortened rather than losing the whole contact. The e-mail
 * is sent as stored (trimmed): only Xero knows which addresses it takes, and when it refuses one the contact is sent
 * again without it ({@link ContactUpserter}) and a warning names the address for the store owner to fix.
 */
public final class CustomerContactMapper {

    public static final String CONTACT_NUMBER_PREFIX = "cscart-";
    static final int MAX_PHONE = 50;
    static final int MAX_PERSON_NAME = 255;

    private CustomerContactMapper() {
    }

    static String contactNumber(long userId) {
        return CONTACT_NUMBER_PREFIX + userId;
    }

    /**
     * A customer's contact as the customer export, its import (the hash of what Xero holds) and the order export's buyer
     * step all build it: named by {@code names}, without ContactID, with the hash of this payload.
     */
    public static ContactSyncItem toItem(CsCartCustomer c, ContactNames names) {
        String baseName = baseName(c);
        Contact contact = toContact(c, names.nameFor(c.userId(), baseName), null);
        return new ContactSyncItem(ContactSyncItem.CUSTOMER_ENTITY, Long.toString(c.userId()), baseName, ContactNames.suffix(c.userId()),
                contact, PayloadHash.of(contact));
    }

    public static String baseName(CsCartCustomer c) {
        return ContactNames.baseName(c.userId(), c.company(), c.firstname(), c.lastname(), c.email());
    }

    public static Contact toContact(CsCartCustomer c, String name, String existingContactId) {
        String phone = firstNonBlank(c.phone(), c.billing().phone());
        List<Phone> phones = List.of(
                new Phone("DEFAULT", shorten(phone, MAX_PHONE)),
                new Phone("MOBILE", shorten(c.shipping().phone().equals(phone) ? "" : c.shipping().phone(), MAX_PHONE)),
                new Phone("FAX", shorten(c.fax(), MAX_PHONE)));
        return Contact.request(existingContactId, contactNumber(c.userId()), name,
                shorten(c.firstname(), MAX_PERSON_NAME), shorten(c.lastname(), MAX_PERSON_NAME), c.email().strip(),
                List.of(address(Address.POBOX, c.billing()), address(Address.STREET, c.shipping())), phones);
    }

    private static Address address(String type, CsCartCustomer.PostalAddress a) {
        String attention = ContactNames.collapse(a.firstname() + " " + a.lastname());
        return new Address(type, shorten(a.address(), 500), shorten(a.address2(), 500), shorten(a.city(), 255),
                shorten(a.state(), 255), shorten(a.zipcode(), 50), shorten(a.country(), 50), shorten(attention, 255));
    }

    private static String firstNonBlank(String a, String b) {
        return a.isBlank() ? b : a;
    }

    static String shorten(String s, int max) {
        return ContactNames.truncate(ContactNames.collapse(s), max);
    }
}
