package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Read-only snapshot of a stored invoice, for assertions in tests. Money is BigDecimal with 2 dp; {@code dueDate}
 * may be null.
 */
public record SandboxInvoice(String invoiceId, String invoiceNumber, String reference, String type, String status,
        String contactId, String currencyCode, String lineAmountTypes, List<SandboxLine> lines, BigDecimal subTotal,
        BigDecimal totalTax, BigDecimal total, BigDecimal amountPaid, LocalDate date, LocalDate dueDate,
        Instant updatedDateUtc, BigDecimal amountCredited) {

    public SandboxInvoice {
        lines = List.copyOf(lines);
    }

    /** Total − AmountPaid − AmountCredited (credit notes allocated to it). */
    public BigDecimal amountDue() {
        return total.subtract(amountPaid).subtract(amountCredited);
    }
}
