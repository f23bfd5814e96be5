package io.cscartxero.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.xero.model.Address;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.Phone;
import org.junit.jupiter.api.Test;

class CustomerContactMapperTest {

    static CsCartCustomer customer(String phone) {
        return new CsCartCustomer(42, 1, "A", " Ada@Example.org ", "Ada", "Lovelace", "", phone, "",
                1_700_000_000L,
                new CsCartCustomer.PostalAddress("Ada", "Lovelace", "1 Billing Rd", "Flat 2", "London", "LND", "GB", "N1 1AA", "+44 1"),
                new CsCartCustomer.PostalAddress("Charles", "Babbage", "9 Ship St", "", "Boston", "MA", "US", "02134", "+1 617"));
    }

    @Test
    void billingIsPoBoxShippingIsStreetAndContactNumberIsStable() {
        Contact c = CustomerContactMapper.toContact(customer("+44 20 7946 0000"), "Ada Lovelace", null);
        assertThat(c.contactNumber()).isEqualTo("cscart-42");
        assertThat(c.emailAddress()).isEqualTo("Ada@Example.org");
        Address pobox = c.addresses().get(0);
        Address street = c.addresses().get(1);
        assertThat(pobox.addressType()).isEqualTo("POBOX");
        assertThat(pobox.addressLine1()).isEqualTo("1 Billing Rd");
        assertThat(pobox.addressLine2()).isEqualTo("Flat 2");
        assertThat(pobox.region()).isEqualTo("LND");
        assertThat(pobox.country()).isEqualTo("GB");
        assertThat(street.addressType()).isEqualTo("STREET");
        assertThat(street.city()).isEqualTo("Boston");
        assertThat(street.attentionTo()).isEqualTo("Charles Babbage");
        assertThat(c.phones()).contains(new Phone("DEFAULT", "+44 20 7946 0000"), new Phone("MOBILE", "+1 617"));
    }

    @Test
    void phonesLongerThanXeroAcceptsAreShortenedNotDropped() {
        Contact c = CustomerContactMapper.toContact(customer("1".repeat(128)), "Ada", null);
        assertThat(c.phones().get(0).phoneNumber()).hasSize(50);
    }

    @Test
    void sameCustomerGivesSameHashAndAnyVisibleChangeChangesIt() {
        String a = PayloadHash.of(CustomerContactMapper.toContact(customer("1"), "Ada", null));
        String b = PayloadHash.of(CustomerContactMapper.toContact(customer("1"), "Ada", null));
        String c = PayloadHash.of(CustomerContactMapper.toContact(customer("2"), "Ada", null));
        assertThat(a).isEqualTo(b).hasSize(64);
        assertThat(c).isNotEqualTo(a);
    }
}
