package io.cscartxero.payment;

import java.time.LocalDate;

/**
 * A paid CS-Cart order whose invoice is in Xero and has no payment yet: what the payment step reads.
 *
 * @param orderId       {@code orders.order_id}
 * @param paymentId     {@code orders.payment_id} (the payment method)
 * @param status        {@code orders.status} (one whose {@code status_data} says {@code payment_received='Y'})
 * @param invoiceId     the InvoiceID the order export linked
 * @param invoiceNumber its InvoiceNumber
 * @param accountCode   the Xero account the method is mapped to
 * @param paidOn        the payment date: the first status change into a paid status, else the order's date
 * @param fromStatusLog whether {@code paidOn} comes from CS-Cart's status log ({@code logs}) or the order's date
 */
public record PaidOrder(long orderId, long paymentId, String status, String invoiceId, String invoiceNumber,
        String accountCode, LocalDate paidOn, boolean fromStatusLog) {

    /** The payment's Reference: which order, when it was paid and where that date comes from. */
    public String reference() {
        return "CS-Cart order " + orderId + " (paid " + paidOn + ", " + (fromStatusLog ? "status log" : "order date") + ")";
    }

    /** How the connector's own payments are recognised on an invoice (e.g. after a crash before the link was saved). */
    public static String referencePrefix(long orderId) {
        return "CS-Cart order " + orderId + " (";
    }
}
