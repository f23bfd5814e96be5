package io.cscartxero.order;

import static io.cscartxero.order.InvoiceCalculatorTest.CALCULATOR;
import static io.cscartxero.order.InvoiceCalculatorTest.line;
import static io.cscartxero.order.InvoiceCalculatorTest.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Order → invoice: number, reference, dates in the store's zone, currency and status from the settings; unreadable
 * or line-less orders are invalid records (skipped into the error log by the step); unchanged ones are dropped.
 */
class OrderToInvoiceProcessorTest {

    private final BookkeepingProperties bookkeeping = new Binder(new MapConfigurationPropertySource(Map.of(
            "xero.invoice-number-prefix", "WEB-", "xero.invoice-due-days", "30")))
            .bindOrCreate("xero", XeroProperties.class).bookkeeping();

    /** 2026-01-31 23:30 UTC: already 1 February in Auckland. */
    private static final long PLACED = 1_769_902_200L;

    private static SourceOrder order(long id, CsCartOrder order, String problem) {
        OrderRow row = new OrderRow(id, 5, "P", PLACED, "buyer@example.com", "B", "Uyer", "", "", null, null, null, problem);
        return new SourceOrder(row, order, problem);
    }

    private static CsCartOrder simple(long id) {
        return new CsCartOrder(id, money("20.00", "20.00", "0", "0", "0"), List.of(line(1, "10.00", 2)), List.of(), List.of(), "");
    }

    private OrderToInvoiceProcessor processor(Map<String, SyncLink> links, boolean full) {
        return new OrderToInvoiceProcessor(CALCULATOR, bookkeeping, "NZD", ZoneId.of("Pacific/Auckland"), links, full);
    }

    @Test
    void anOrderBecomesAnInvoiceDatedInTheStoresZone() {
        InvoiceSyncItem item = processor(Map.of(), false).process(order(77, simple(77), null));

        assertThat(item.cscartId()).isEqualTo("77");
        assertThat(item.invoice().invoiceNumber()).isEqualTo("WEB-77");
        assertThat(item.invoice().reference()).isEqualTo("77");
        assertThat(item.invoice().date()).isEqualTo("2026-02-01");
        assertThat(item.invoice().dueDate()).isEqualTo("2026-03-03");
        assertThat(item.invoice().currencyCode()).isEqualTo("NZD");
        assertThat(item.invoice().status()).isEqualTo("AUTHORISED");
        assertThat(item.invoice().invoiceID()).isNull();
        assertThat(item.expectedTotal()).isEqualByComparingTo("20.00");
        assertThat(item.invoice().lineItems()).isNotEmpty();
    }

    @Test
    void unreadableAndLinelessOrdersAreInvalidRecordsNamingTheOrder() {
        assertThatThrownBy(() -> processor(Map.of(), false).process(order(78, simple(78), "order_data T is not PHP")))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("order_data T is not PHP")
                .satisfies(e -> assertThat(((InvalidRecordException) e).cscartId()).isEqualTo("78"));
        CsCartOrder noLines = new CsCartOrder(79, money("0", "0", "0", "0", "0"), List.of(), List.of(), List.of(), "");
        assertThatThrownBy(() -> processor(Map.of(), false).process(order(79, noLines, null)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("has no lines");
    }

    @Test
    void aDryRunHashesOnlyTheOrdersItCompares() {
        OrderToInvoiceProcessor send = processor(Map.of(), false);
        String hash = send.process(order(77, simple(77), null)).payloadHash();
        Map<String, SyncLink> links = Map.of("77", SyncLink.synced("INVOICE", "77", "inv-77", "WEB-77", hash));
        OrderToInvoiceProcessor dryRun = new OrderToInvoiceProcessor(CALCULATOR, bookkeeping, "NZD", ZoneId.of("Pacific/Auckland"),
                links, false, java.util.Set.of(), Map.of(), true);

        assertThat(hash).hasSize(64);
        // no link: nothing is linked in a dry run, so no hash is computed; the invoice is the same as a real run's
        InvoiceSyncItem unlinked = dryRun.process(order(78, simple(78), null));
        assertThat(unlinked.payloadHash()).isNull();
        assertThat(unlinked.invoice()).isEqualTo(send.process(order(78, simple(78), null)).invoice());
        assertThat(unlinked.invoiceJson()).isNotNull();
        // linked and unchanged: dropped as in a real run
        assertThat(dryRun.process(order(77, simple(77), null))).isNull();
    }

    @Test
    void anUnchangedInvoiceIsDroppedUnlessTheRunIsFull() {
        String hash = processor(Map.of(), false).process(order(77, simple(77), null)).payloadHash();
        Map<String, SyncLink> links = Map.of("77", SyncLink.synced("INVOICE", "77", "inv-77", "WEB-77", hash));

        assertThat(processor(links, false).process(order(77, simple(77), null))).isNull();
        assertThat(processor(links, true).process(order(77, simple(77), null)).invoice().invoiceID()).isEqualTo("inv-77");
    }

    @Test
    void anInvoicedOrderWithACompletedRefundReturnKeepsItsInvoiceEvenInAFullRun() {
        Map<String, SyncLink> links = Map.of("77", SyncLink.synced("INVOICE", "77", "inv-77", "WEB-77", "old hash"));
        // CS-Cart lowered order 77 by the return (one of two lines' units): the invoice keeps what was sold
        CsCartOrder lowered = new CsCartOrder(77, money("10.00", "10.00", "0", "0", "0"), List.of(line(1, "10.00", 1)),
                List.of(), List.of(), "");
        OrderToInvoiceProcessor withReturn = new OrderToInvoiceProcessor(CALCULATOR, bookkeeping, "NZD",
                ZoneId.of("Pacific/Auckland"), links, true, java.util.Set.of(77L));

        assertThat(withReturn.process(order(77, lowered, null))).isNull();
        // not invoiced yet: invoiced as CS-Cart has it now (refundExportJob then finds the return in the invoice)
        assertThat(withReturn.process(order(78, simple(78), null)).invoice().invoiceNumber()).isEqualTo("WEB-78");
        // the return reverted: compared as usual again
        assertThat(processor(links, false).process(order(77, simple(77), null))).isNotNull();
    }

    @Test
    void anInvoiceReflectingEveryCompletedReturnFollowsTheOrderAndCarriesTheReturnsItReflects() {
        OrderRow row = order(78, simple(78), null).row();
        // first invoiced from an order lowered by returns 5 and 6, read with them known: the item carries them
        InvoiceSyncItem first = processor(Map.of(), false).process(new SourceOrder(row, simple(78), null, List.of(5L, 6L)));
        assertThat(first.refundReturns()).containsExactly(5L, 6L);
        // the returns changed while the order was read: not known (the link records "?", totals decide)
        assertThat(processor(Map.of(), false).process(new SourceOrder(row, simple(78), null, null)).refundReturns())
                .isNull();

        Map<String, SyncLink> links = Map.of("78", SyncLink.synced("INVOICE", "78", "inv-78", "WEB-78", "old hash"));
        OrderToInvoiceProcessor reflecting = new OrderToInvoiceProcessor(CALCULATOR, bookkeeping, "NZD",
                ZoneId.of("Pacific/Auckland"), links, false, java.util.Set.of(78L),
                Map.of(78L, java.util.Set.of(5L, 6L)));
        // 5 reverted, 6 still in the invoice: the order as CS-Cart has it, reflecting 6
        InvoiceSyncItem grown = reflecting.process(new SourceOrder(row, simple(78), null, List.of(6L)));
        assertThat(grown.invoice().invoiceID()).isEqualTo("inv-78");
        assertThat(grown.refundReturns()).containsExactly(6L);
        // a return the invoice does not reflect (credited by its credit note), or returns not known: kept as it is
        assertThat(reflecting.process(new SourceOrder(row, simple(78), null, List.of(6L, 7L)))).isNull();
        assertThat(reflecting.process(new SourceOrder(row, simple(78), null, null))).isNull();
    }
}
