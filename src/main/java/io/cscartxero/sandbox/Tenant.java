package io.cscartxero.sandbox;

/**
 * Everything the sandbox keeps for one tenant (organisation). Contacts have their own lock; items, invoices and
 * payments share {@link #ledgerLock}, because invoices read items and deleting an item looks at invoices.
 */
final class Tenant {

    final Object ledgerLock = new Object();
    final ContactStore contacts;
    final OrgSettings org;
    final ItemStore items;
    final InvoiceStore invoices;

    Tenant(String tenantId, String name, SandboxClock clock) {
        this.contacts = new ContactStore(clock);
        this.org = new OrgSettings(tenantId, name, clock);
        this.items = new ItemStore(ledgerLock, clock, org);
        this.invoices = new InvoiceStore(ledgerLock, clock, org, contacts, items);
    }

    /** Empties the stores and restores the seeded organisation. */
    void reset() {
        synchronized (ledgerLock) {
            contacts.clear();
            items.clear();
            invoices.clear();
            org.reset();
        }
    }
}
