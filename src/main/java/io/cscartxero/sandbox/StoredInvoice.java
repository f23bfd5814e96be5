package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An invoice as the sandbox keeps it. Immutable: every change creates a new instance. Money is BigDecimal with 2 dp
 * (UnitAmount 2 or 4 dp, Quantity 4 dp). {@code amountPaid} is the sum of its AUTHORISED payments, {@code amountCredited} the sum of
 * the credit notes allocated to it. A credit note (type ACCRECCREDIT or ACCPAYCREDIT) is kept as the same record:
 * its {@code amountPaid} is what was allocated or refunded from it (RemainingCredit = Total − amountPaid). {@code extras}
 * holds echoed-only elements (Url, BrandingThemeID, SentToContact, ExpectedPaymentDate, PlannedPaymentDate).
 */
record StoredInvoice(String invoiceId, String type, String invoiceNumber, String reference, String contactId,
        String status, String lineAmountTypes, String currencyCode, BigDecimal currencyRate, LocalDate date,
        LocalDate dueDate, List<Line> lines, InvoiceMath.Totals totals, BigDecimal amountPaid,
        BigDecimal amountCredited, LocalDate fullyPaidOnDate, ObjectNode extras, String createdByClientId, Instant updatedDateUtc) {

    /** One line item. {@code tracking} is kept verbatim. */
    record Line(String lineItemId, String description, BigDecimal quantity, BigDecimal unitAmount, String itemCode,
            String accountCode, String taxType, BigDecimal taxAmount, BigDecimal lineAmount, BigDecimal discountRate,
            BigDecimal discountAmount, ArrayNode tracking) {

        Line {
            tracking = tracking == null ? XeroJson.array() : tracking.deepCopy();
        }
    }

    /** A payment applied to an invoice; DELETED payments no longer count. */
    record Payment(String paymentId, String invoiceId, String accountCode, LocalDate date, BigDecimal amount,
            String reference, String status, boolean isReconciled, Instant updatedDateUtc) {

        boolean authorised() {
            return "AUTHORISED".equals(status);
        }
    }

    StoredInvoice {
        lines = List.copyOf(lines);
        extras = extras == null ? XeroJson.object() : extras.deepCopy();
    }

    boolean accrec() {
        return "ACCREC".equals(type);
    }

    BigDecimal amountDue() {
        return totals.total().subtract(amountPaid).subtract(amountCredited);
    }

    boolean hasPayments() {
        return amountPaid.signum() != 0 || amountCredited.signum() != 0;
    }

    boolean creditNote() {
        return type.endsWith("CREDIT");
    }

    /** A credit note's RemainingCredit. */
    BigDecimal remainingCredit() {
        return totals.total().subtract(amountPaid);
    }

    StoredInvoice withStatus(String newStatus, Instant updated) {
        return new StoredInvoice(invoiceId, type, invoiceNumber, reference, contactId, newStatus, lineAmountTypes,
                currencyCode, currencyRate, date, dueDate, lines, totals, amountPaid, amountCredited, fullyPaidOnDate, extras,
                createdByClientId, updated);
    }

    StoredInvoice withPayments(BigDecimal paid, String newStatus, LocalDate paidOn, Instant updated) {
        return withPayments(paid, amountCredited, newStatus, paidOn, updated);
    }

    StoredInvoice withPayments(BigDecimal paid, BigDecimal credited, String newStatus, LocalDate paidOn,
            Instant updated) {
        return new StoredInvoice(invoiceId, type, invoiceNumber, reference, contactId, newStatus, lineAmountTypes,
                currencyCode, currencyRate, date, dueDate, lines, totals, paid, credited, paidOn, extras,
                createdByClientId, updated);
    }

    StoredInvoice withNumberAndContact(String number, String newContactId, Instant updated) {
        return new StoredInvoice(invoiceId, type, number, reference, newContactId, status, lineAmountTypes,
                currencyCode, currencyRate, date, dueDate, lines, totals, amountPaid, amountCredited, fullyPaidOnDate, extras,
                createdByClientId, updated);
    }
}
