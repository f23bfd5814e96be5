package io.cscartxero.order;

import java.math.BigDecimal;

import io.cscartxero.xero.model.Invoice;

/**
 * An order ready to send: the invoice without its contact (resolved per chunk in the writer), who bought it, the
 * total and the tax Xero must end up with and the hash of the payload.
 *
 * @param expectedTax the tax CS-Cart charged, what Xero's TotalTax must be; null when unknown (not checked)
 */
record InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash,
        BigDecimal expectedTax) {

    InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash) {
        this(order, invoice, expectedTotal, payloadHash, null);
    }

    /** The same order with another version of its invoice (contact, ids, line ids resolved). */
    InvoiceSyncItem withInvoice(Invoice other) {
        return new InvoiceSyncItem(order, other, expectedTotal, payloadHash, expectedTax);
    }

    String cscartId() {
        return Long.toString(order.orderId());
    }

    String summary() {
        return "InvoiceNumber=" + invoice.invoiceNumber() + ", Total=" + expectedTotal + ", Lines="
                + (invoice.lineItems() == null ? 0 : invoice.lineItems().size()) + ", Email=" + order.email();
    }
}
