package io.cscartxero.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.sync.InvoiceNumbers;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.model.Invoice;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Order → invoice: ACCREC, InvoiceNumber prefix + order id (or its link's re-issue number, {@link InvoiceNumbers}), Date = the order's date in the store's time zone,
 * DueDate = Date + due days, the configured status and the store's primary currency; lines from the invoice
 * calculator (whose total equals orders.total to the cent). Orders whose data cannot be invoiced correctly are
 * skipped into the error log; unchanged ones (same payload hash) are dropped. No calls, no queries.
 * <p>
 * An order with a completed refund return ({@code refunded}, from {@code cscart.RmaReturns}) that already has its
 * invoice is dropped too: CS-Cart has lowered the order by what came back, but the invoice keeps what was sold and
 * refundExportJob books the return as a credit note (sending the lowered order would refund it twice, and would
 * make paidedit remove the invoice's payment to change it). Once no return is completed any more (reverted), the
 * order is compared again as usual. An order invoiced for the first time (or again) is invoiced as CS-Cart has it,
 * lowered by the returns completed when it was read: the item carries their ids ({@link SourceOrder#refundReturns}),
 * which the invoice's link records, so that refundExportJob credits only the other returns. An invoiced order whose
 * completed returns are all reflected in its invoice (by that record) is compared as usual: a reflected return since
 * reverted grows the invoice back while it keeps reflecting the others.
 */
class OrderToInvoiceProcessor implements ItemProcessor<SourceOrder, InvoiceSyncItem> {

    private final InvoiceCalculator calculator;
    private final BookkeepingProperties bookkeeping;
    private final String currency;
    private final ZoneId zone;
    private final Map<String, SyncLink> links;
    private final boolean full;
    private final Set<Long> refunded;
    /** Of the invoiced orders in {@code refunded}: the returns their invoice's link says it reflects, when it says. */
    private final Map<Long, Set<Long>> reflected;
    /** A dry run links nothing: an order without a link needs no payload hash (a tenth of a dry run's CPU, issue 11). */
    private final boolean dryRun;

    OrderToInvoiceProcessor(InvoiceCalculator calculator, BookkeepingProperties bookkeeping, String currency, ZoneId zone,
            Map<String, SyncLink> links, boolean full) {
        this(calculator, bookkeeping, currency, zone, links, full, Set.of());
    }

    OrderToInvoiceProcessor(InvoiceCalculator calculator, BookkeepingProperties bookkeeping, String currency, ZoneId zone,
            Map<String, SyncLink> links, boolean full, Set<Long> refunded) {
        this(calculator, bookkeeping, currency, zone, links, full, refunded, Map.of());
    }

    OrderToInvoiceProcessor(InvoiceCalculator calculator, BookkeepingProperties bookkeeping, String currency, ZoneId zone,
            Map<String, SyncLink> links, boolean full, Set<Long> refunded, Map<Long, Set<Long>> reflected) {
        this(calculator, bookkeeping, currency, zone, links, full, refunded, reflected, false);
    }

    OrderToInvoiceProcessor(InvoiceCalculator calculator, BookkeepingProperties bookkeeping, String currency, ZoneId zone,
            Map<String, SyncLink> links, boolean full, Set<Long> refunded, Map<Long, Set<Long>> reflected, boolean dryRun) {
        this.dryRun = dryRun;
        this.refunded = refunded;
        this.reflected = reflected;
        this.calculator = calculator;
        this.bookkeeping = bookkeeping;
        this.currency = currency;
        this.zone = zone;
        this.links = links;
        this.full = full;
    }

    @Override
    public InvoiceSyncItem process(SourceOrder source) {
        OrderRow row = source.row();
        String id = Long.toString(row.orderId());
        SyncLink invoiced = links.get(id);
        if (invoiced != null && invoiced.xeroId() != null && refunded.contains(row.orderId())
                && !onlyReflected(row.orderId(), source)) {
            return null; // the invoice keeps what was sold; the credit note of the return books the refund
        }
        if (source.problem() != null) {
            throw new InvalidRecordException(id, "Order " + id + " cannot be read: " + source.problem());
        }
        if (source.order().lines().isEmpty()) {
            throw new InvalidRecordException(id, "Order " + id + " has no lines (its products were removed from the order)");
        }
        InvoiceDraft draft;
        try {
            draft = calculator.draft(source.order());
        } catch (InvalidOrderDataException e) {
            throw new InvalidRecordException(id, e.getMessage());
        }
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(row.placedAt()), zone);
        // prefix + order id, or the re-issue number reconcile --repair gave the order (Xero voided or deleted its invoice)
        Invoice invoice = Invoice.request(null, InvoiceNumbers.current(bookkeeping.invoiceNumberPrefix(), row.orderId(),
                invoiced == null ? null : invoiced.xeroKey()),
                bookkeeping.invoiceReference().replace("{orderId}", id), null, date.toString(),
                date.plusDays(bookkeeping.invoiceDueDays()).toString(), bookkeeping.invoiceStatus(), draft.lineAmountTypes(),
                currency, draft.lines());
        byte[] json = PayloadHash.utf8Json(invoice);   // once: for the hash and (dry run) the report
        SyncLink link = links.get(id);
        String hash = dryRun && link == null ? null : PayloadHash.sha256((json == null ? PayloadHash.of(invoice)
                : PayloadHash.of(invoice, json)) + "|" + OrderBuyer.contactKey(row));
        if (link != null && link.payloadHash().equals(hash) && !full) {
            return null;
        }
        String xeroId = link == null ? null : link.xeroId();
        return new InvoiceSyncItem(row, invoice.withIds(xeroId, null, invoice.lineItems()), draft.expectedTotal(), hash,
                draft.chargedTax(), source.refundReturns(), xeroId == null ? json : null);
    }

    /**
     * Whether every return completed now is one the invoice already reflects (its link says so; the order read with
     * its returns known): then no credit note books any of them, and the invoice is CS-Cart's order as usual — e.g.
     * grown back by a reflected return since reverted, reflecting the others still.
     */
    private boolean onlyReflected(long orderId, SourceOrder source) {
        Set<Long> inInvoice = reflected.get(orderId);
        return inInvoice != null && source.refundReturns() != null && inInvoice.containsAll(source.refundReturns());
    }
}
