package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.List;

import io.cscartxero.xero.model.Invoice;

/**
 * An order ready to send: the invoice without its contact (resolved per chunk in the writer), who bought it, the
 * total and the tax Xero must end up with and the hash of the payload (null in a dry run for an order without a link:
 * nothing is linked, so nothing needs it).
 *
 * @param expectedTax the tax CS-Cart charged, what Xero's TotalTax must be; null when unknown (not checked)
 * @param refundReturns the completed refund returns the order was lowered by when read (null: not known), what the
 *                      link records for refundExportJob ({@code cscart.RmaReturns.InInvoice})
 * @param invoiceJson   {@code invoice} as JSON ({@code XeroJson.MAPPER}, UTF-8) when the processor already wrote it (for
 *                      the payload hash, or in a dry run for the report) and it is exactly this invoice (no ids added), else null: the dry-run report
 *                      reuses it instead of serialising the invoice a second time. Not part of what is sent.
 */
record InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash,
        BigDecimal expectedTax, List<Long> refundReturns, byte[] invoiceJson) {

    InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash,
            BigDecimal expectedTax, List<Long> refundReturns) {
        this(order, invoice, expectedTotal, payloadHash, expectedTax, refundReturns, null);
    }

    InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash,
            BigDecimal expectedTax) {
        this(order, invoice, expectedTotal, payloadHash, expectedTax, List.of());
    }

    InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash) {
        this(order, invoice, expectedTotal, payloadHash, null, List.of());
    }

    /** The same order with another version of its invoice (contact, ids, line ids resolved). */
    InvoiceSyncItem withInvoice(Invoice other) {
        return new InvoiceSyncItem(order, other, expectedTotal, payloadHash, expectedTax, refundReturns, null);
    }

    String cscartId() {
        return Long.toString(order.orderId());
    }

    String summary() {
        return "InvoiceNumber=" + invoice.invoiceNumber() + ", Total=" + expectedTotal + ", Lines="
                + (invoice.lineItems() == null ? 0 : invoice.lineItems().size()) + ", Email=" + order.email();
    }
}
