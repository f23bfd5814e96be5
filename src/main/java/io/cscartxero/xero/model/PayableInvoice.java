package io.cscartxero.xero.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a payment needs to know of a sales invoice: its status, what is still due and the payments it already has
 * (an unpaged {@code GET /Invoices} carries them, without line items).
 */
public record PayableInvoice(String invoiceID, String invoiceNumber, String status, BigDecimal total, BigDecimal amountDue,
        BigDecimal amountPaid, String currencyCode, List<Payment> payments) {

    public PayableInvoice {
        payments = payments == null ? List.of() : List.copyOf(payments);
    }
}
