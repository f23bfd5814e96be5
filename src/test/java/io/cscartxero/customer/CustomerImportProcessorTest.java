package io.cscartxero.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.cscartxero.xero.model.Contact;

import org.junit.jupiter.api.Test;

/** Contacts the connector made for buyers who are not customers are left out of the import; the others are mapped. */
class CustomerImportProcessorTest {

    private final CustomerImportProcessor processor = new CustomerImportProcessor(Set.of("guest-1"), Set.of("cust-7"));

    private static Contact contact(String id, String number, String email) {
        return Contact.request(id, number, "Ann Lee", "Ann", "Lee", email, List.of(), List.of());
    }

    @Test
    void aContactOfAGuestIsLeftOut() {
        assertThat(processor.process(contact("guest-1", "cscart-g-1", "ann@example.com"))).isNull();
    }

    @Test
    void anUnlinkedContactWithTheConnectorsOwnNumberIsLeftOutALinkedOneIsNot() {
        assertThat(processor.process(contact("lost-9", "CSCART-12", "ann@example.com"))).as("its link was lost").isNull();
        CustomerImport linked = processor.process(contact("cust-7", "cscart-7", "ann@example.com"));
        assertThat(linked).isNotNull();
        assertThat(linked.contactId()).isEqualTo("cust-7");
    }

    @Test
    void aContactMadeInXeroIsMapped() {
        CustomerImport item = processor.process(contact("new-1", " ", " ann@example.com "));
        assertThat(item.contactId()).isEqualTo("new-1");
        assertThat(item.contactNumber()).isEmpty();
        assertThat(item.email()).isEqualTo("ann@example.com");
        assertThat(item.firstname()).isEqualTo("Ann");
        assertThat(item.lastname()).isEqualTo("Lee");
        assertThat(item.company()).as("named after the person: no company").isEmpty();
    }
}
