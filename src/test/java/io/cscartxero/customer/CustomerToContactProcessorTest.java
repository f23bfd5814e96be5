package io.cscartxero.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.cscartxero.contact.ContactNames;
import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.contact.CustomerContactMapper;
import io.cscartxero.sync.SyncLink;

import org.junit.jupiter.api.Test;

/** Customer → contact: unchanged payloads are dropped (filtered, no call), shared names made unique, links carried. */
class CustomerToContactProcessorTest {

    private static final CsCartCustomer.PostalAddress NO_ADDRESS = new CsCartCustomer.PostalAddress("", "", "", "", "", "", "", "", "");

    private static CsCartCustomer customer(long id, String first, String last, String email) {
        return new CsCartCustomer(id, 1, "A", email, first, last, "", "", "", 1_700_000_000L, NO_ADDRESS, NO_ADDRESS);
    }

    private static ContactNames names(CsCartCustomer... customers) {
        ContactNames.Builder names = ContactNames.builder();
        for (CsCartCustomer c : customers) {
            names.add(c.userId(), CustomerContactMapper.baseName(c));
        }
        return names.build();
    }

    @Test
    void aNewCustomerBecomesAContactWithItsNumberAndHash() {
        CsCartCustomer jane = customer(7, "Jane", "Doe", "jane@example.com");
        ContactSyncItem item = new CustomerToContactProcessor(Map.of(), names(jane), false).process(jane);

        assertThat(item.entity()).isEqualTo("CONTACT");
        assertThat(item.cscartId()).isEqualTo("7");
        assertThat(item.contact().name()).isEqualTo("Jane Doe");
        assertThat(item.contact().contactID()).isNull();
        assertThat(item.contact().contactNumber()).isEqualTo("cscart-7");
        assertThat(item.contact().emailAddress()).isEqualTo("jane@example.com");
        assertThat(item.payloadHash()).hasSize(64);
    }

    @Test
    void anUnchangedCustomerIsDroppedUnlessTheRunIsFull() {
        CsCartCustomer jane = customer(7, "Jane", "Doe", "jane@example.com");
        ContactSyncItem first = new CustomerToContactProcessor(Map.of(), names(jane), false).process(jane);
        Map<String, SyncLink> links = Map.of("7", SyncLink.synced("CONTACT", "7", "c-7", "cscart-7", first.payloadHash()));

        assertThat(new CustomerToContactProcessor(links, names(jane), false).process(jane)).isNull();
        ContactSyncItem full = new CustomerToContactProcessor(links, names(jane), true).process(jane);
        assertThat(full.contact().contactID()).as("sent as an update of the linked contact").isEqualTo("c-7");

        CsCartCustomer moved = customer(7, "Jane", "Doe", "jane.doe@example.com");
        assertThat(new CustomerToContactProcessor(links, names(moved), false).process(moved).contact().contactID()).isEqualTo("c-7");
    }

    @Test
    void aContactReconcileRequeuedIsSentActiveWithThePayloadsHash() {
        CsCartCustomer jane = customer(7, "Jane", "Doe", "jane@example.com");
        ContactSyncItem first = new CustomerToContactProcessor(Map.of(), names(jane), false).process(jane);
        assertThat(first.contact().contactStatus()).as("a normal send leaves the status alone").isNull();
        Map<String, SyncLink> requeued = Map.of("7", SyncLink.synced("CONTACT", "7", "c-7", "cscart-7", SyncLink.REQUEUED));

        ContactSyncItem restore = new CustomerToContactProcessor(requeued, names(jane), false).process(jane);
        assertThat(restore.contact().contactID()).isEqualTo("c-7");
        assertThat(restore.contact().contactStatus()).isEqualTo("ACTIVE");
        assertThat(restore.payloadHash()).as("the next run finds it unchanged").isEqualTo(first.payloadHash());
    }

    @Test
    void aSharedNameIsMadeUniqueForAllButItsFirstOwner() {
        CsCartCustomer first = customer(3, "John", "Smith", "j1@example.com");
        CsCartCustomer second = customer(9, "John", "Smith", "j2@example.com");
        CustomerToContactProcessor processor = new CustomerToContactProcessor(Map.of(), names(first, second), false);

        assertThat(processor.process(first).contact().name()).isEqualTo("John Smith");
        assertThat(processor.process(second).contact().name()).isEqualTo("John Smith (#9)");
    }
}
