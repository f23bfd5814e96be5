package io.cscartxero.xero.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Xero payment on a sales invoice, as sent ({@code Invoice}, {@code Account}, {@code Date}, {@code Amount},
 * {@code Reference}) and as returned ({@code PaymentID}, {@code Status}, per-element errors). A payment cannot be
 * edited, only deleted.
 */
public record Payment(
        String paymentID,
        InvoiceRef invoice,
        AccountRef account,
        String date,
        BigDecimal amount,
        String reference,
        String status,
        String statusAttributeString,
        List<ValidationError> validationErrors) {

    /** The invoice paid: by InvoiceID (and its number, for messages). */
    public record InvoiceRef(String invoiceID, String invoiceNumber) {
    }

    /** The account paid into: by Code. */
    public record AccountRef(String code) {
    }

    public static Payment request(String invoiceID, String accountCode, String date, BigDecimal amount, String reference) {
        return new Payment(null, new InvoiceRef(invoiceID, null), new AccountRef(accountCode), date, amount, reference,
                null, null, null);
    }
}
