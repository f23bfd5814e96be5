package io.cscartxero.payment;

import java.time.LocalDate;

import io.cscartxero.xero.XeroPayments;

/**
 * A paid CS-Cart order whose invoice is in Xero and has no payment yet: what the payment step reads. Its Reference starts
 * with {@link XeroPayments#orderReferencePrefix}, by which the connector recognises its own payments (paymentExportJob
 * after a crash, orderExportJob's paid-invoice edits).
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
        return XeroPayments.orderReferencePrefix(orderId) + "paid " + paidOn + ", " + (fromStatusLog ? "status log" : "order date") + ")";
    }
}
