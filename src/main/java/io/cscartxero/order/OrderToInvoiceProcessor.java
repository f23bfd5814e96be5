package io.cscartxero.order;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.model.Invoice;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Order → invoice: ACCREC, InvoiceNumber prefix + order id, Date = the order's date in the store's time zone,
 * DueDate = Date + due days, the configured status and the store's primary currency; lines from the invoice
 * calculator (whose total equals orders.total to the cent). Orders whose data cannot be invoiced correctly are
 * skipped into the error log; unchanged ones (same payload hash) are dropped. No calls, no queries.
 */
class OrderToInvoiceProcessor implements ItemProcessor<SourceOrder, InvoiceSyncItem> {

    private final InvoiceCalculator calculator;
    private final BookkeepingProperties bookkeeping;
    private final String currency;
    private final ZoneId zone;
    private final Map<String, SyncLink> links;
    private final boolean full;

    OrderToInvoiceProcessor(InvoiceCalculator calculator, BookkeepingProperties bookkeeping, String currency, ZoneId zone,
            Map<String, SyncLink> links, boolean full) {
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
        Invoice invoice = Invoice.request(null, bookkeeping.invoiceNumberPrefix() + row.orderId(),
                bookkeeping.invoiceReference().replace("{orderId}", id), null, date.toString(),
                date.plusDays(bookkeeping.invoiceDueDays()).toString(), bookkeeping.invoiceStatus(), draft.lineAmountTypes(),
                currency, draft.lines());
        String hash = PayloadHash.sha256(PayloadHash.of(invoice) + "|" + OrderBuyer.contactKey(row));
        SyncLink link = links.get(id);
        if (link != null && link.payloadHash().equals(hash) && !full) {
            return null;
        }
        return new InvoiceSyncItem(row, invoice.withIds(link == null ? null : link.xeroId(), null, invoice.lineItems()),
                draft.expectedTotal(), hash, draft.chargedTax());
    }
}
