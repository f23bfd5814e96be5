package io.cscartxero.order;

import java.math.BigDecimal;

import io.cscartxero.xero.model.Invoice;

/**
 * An order ready to send: the invoice without its contact (resolved per chunk in the writer), who bought it, the
 * total Xero must end up with and the hash of the payload.
 */
record InvoiceSyncItem(OrderRow order, Invoice invoice, BigDecimal expectedTotal, String payloadHash) {

    String cscartId() {
        return Long.toString(order.orderId());
    }

    String summary() {
        return "InvoiceNumber=" + invoice.invoiceNumber() + ", Total=" + expectedTotal + ", Lines="
                + (invoice.lineItems() == null ? 0 : invoice.lineItems().size()) + ", Email=" + order.email();
    }
}
