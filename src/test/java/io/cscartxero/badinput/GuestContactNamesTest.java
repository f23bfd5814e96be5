package io.cscartxero.badinput;

import static io.cscartxero.badinput.StoreRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.sandbox.SandboxContact;

import org.junit.jupiter.api.Test;

/**
 * Guests named like a customer or like each other: Xero refuses a second active contact with a name, so the order
 * export gives such a guest its e-mail as a suffix before sending instead of learning it from a refusal.
 */
class GuestContactNamesTest {

    @Test
    void aGuestNamedLikeACustomerOrAnotherGuestIsSuffixedWithoutARefusedCall() {
        try (ConnectorHarness harness = ConnectorHarness.start()) {
            StoreRows rows = new StoreRows(harness.cscartJdbc());
            long customer = rows.customer(row("email", "oscar@example.com", "firstname", "Oscar", "lastname", "Order"));
            long product = rows.product("MUG-1", "Blue mug", "20.00");
            // every order's buyer is "Oscar Order" (StoreRows.orderDefaults): the customer and three guests
            for (Object[] buyer : List.of(new Object[] {customer, "oscar@example.com"}, new Object[] {0L, "oscar.guest@example.com"},
                    new Object[] {0L, "o.order@example.com"}, new Object[] {0L, "oscar.guest@example.com"})) {
                rows.order(StoreRows.orderDefaults((Long) buyer[0], (String) buyer[1]), List.of(rows.line(product, "MUG-1", "Blue mug", "20.00", 1)),
                        Map.of());
            }

            int exit = harness.cli(System.out, "run", "orderExportJob");

            assertThat(exit).isZero();
            assertThat(harness.sandbox.invoices()).hasSize(4);
            assertThat(harness.sandbox.contacts().stream().map(SandboxContact::name).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("Oscar Order", "Oscar Order (oscar.guest@example.com)", "Oscar Order (o.order@example.com)");
            // one PUT for the three contacts (the two orders of one guest share a contact), one for the invoices
            assertThat(harness.sandbox.stats().calls("PUT", "/Contacts")).isEqualTo(1);
            assertThat(harness.sandbox.stats().calls("POST", "/Contacts")).isZero();
            assertThat(harness.sandbox.stats().calls("PUT", "/Invoices")).isEqualTo(1);
        }
    }
}
