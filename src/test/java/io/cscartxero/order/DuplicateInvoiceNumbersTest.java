package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Invoice;

import org.junit.jupiter.api.Test;

/** The duplicate-number-after-crash recovery: one look-up by number for all, found ones become updates. */
class DuplicateInvoiceNumbersTest {

    /** Xero holding CS-1 only; counts the look-ups. */
    static final class Xero extends XeroInvoices {
        final List<Collection<String>> lookUps = new ArrayList<>();

        Xero() {
            super(null);
        }

        @Override
        public List<Invoice> byNumbers(Collection<String> numbers) {
            lookUps.add(List.copyOf(numbers));
            return numbers.contains("CS-1") ? List.of(Invoice.request("inv-1", "CS-1", null, "c-x", null, null, null, null, null, List.of()))
                    : List.of();
        }
    }

    static InvoiceSyncItem item(long orderId, String contactId) {
        OrderRow row = new OrderRow(orderId, 0, "P", 0, "a@example.com", "A", "B", "", "", null, null, null, null);
        return new InvoiceSyncItem(row, Invoice.request(null, "CS-" + orderId, null, contactId, null, null, null, null, null, List.of()),
                BigDecimal.TEN, "hash");
    }

    @Test
    void takenNumbersAreLookedUpOnceAndBecomeUpdatesOfXerosInvoice() {
        Xero xero = new Xero();
        var recovered = new DuplicateInvoiceNumbers(xero).recover(List.of(item(1, "c-1"), item(2, "c-2")));
        assertThat(xero.lookUps).containsExactly(List.of("CS-1", "CS-2"));
        assertThat(recovered.updates()).singleElement().satisfies(u -> {
            assertThat(u.invoice().invoiceID()).isEqualTo("inv-1");
            assertThat(u.invoice().contact().contactID()).as("the buyer's contact, not the one Xero holds").isEqualTo("c-1");
        });
        assertThat(recovered.notFound()).extracting(i -> i.order().orderId()).containsExactly(2L);
    }

    @Test
    void nothingTakenCostsNoCall() {
        Xero xero = new Xero();
        var recovered = new DuplicateInvoiceNumbers(xero).recover(List.of());
        assertThat(xero.lookUps).isEmpty();
        assertThat(recovered.updates()).isEmpty();
    }

    @Test
    void onlyTheUniqueNumberMessageCounts() {
        Invoice sent = item(1, "c").invoice();
        assertThat(DuplicateInvoiceNumbers.isNumberTaken(new XeroInvoices.Result(sent, null,
                ElementResult.rejected(sent, List.of("Invoice # must be unique."))))).isTrue();
        assertThat(DuplicateInvoiceNumbers.isNumberTaken(new XeroInvoices.Result(sent, null,
                ElementResult.rejected(sent, List.of("Account code '999' is not a valid code"))))).isFalse();
        assertThat(DuplicateInvoiceNumbers.isNumberTaken(new XeroInvoices.Result(sent, sent, ElementResult.accepted(sent, "id")))).isFalse();
    }
}
