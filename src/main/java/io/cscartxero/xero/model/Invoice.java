package io.cscartxero.xero.model;

import java.math.BigDecimal;
import java.util.List;

/** A Xero sales invoice (ACCREC) as sent and as returned; totals and status come back from Xero. */
public record Invoice(
        String type,
        String invoiceID,
        String invoiceNumber,
        String reference,
        ContactRef contact,
        String date,
        String dueDate,
        String status,
        String lineAmountTypes,
        String currencyCode,
        List<LineItem> lineItems,
        BigDecimal subTotal,
        BigDecimal totalTax,
        BigDecimal total,
        BigDecimal amountPaid,
        String updatedDateUTC,
        String statusAttributeString,
        List<ValidationError> validationErrors,
        Boolean hasErrors) {

    public static final String ACCREC = "ACCREC";

    /** Invoices name their contact by ContactID only: other contact fields would edit the contact. */
    public record ContactRef(String contactID) {
    }

    public static Invoice request(String invoiceID, String invoiceNumber, String reference, String contactID, String date,
            String dueDate, String status, String lineAmountTypes, String currencyCode, List<LineItem> lineItems) {
        return new Invoice(ACCREC, invoiceID, invoiceNumber, reference, contactID == null ? null : new ContactRef(contactID),
                date, dueDate, status, lineAmountTypes, currencyCode, lineItems, null, null, null, null, null, null, null, null);
    }

    /** A status change only (DELETED, VOIDED). */
    public static Invoice statusChange(String invoiceID, String status) {
        return new Invoice(null, invoiceID, null, null, null, null, null, status, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    public Invoice withIds(String newInvoiceID, String contactID, List<LineItem> lines) {
        return new Invoice(type, newInvoiceID, invoiceNumber, reference, contactID == null ? null : new ContactRef(contactID),
                date, dueDate, status, lineAmountTypes, currencyCode, lines, subTotal, totalTax, total, amountPaid,
                updatedDateUTC, statusAttributeString, validationErrors, hasErrors);
    }
}
