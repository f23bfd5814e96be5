package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.util.List;

/** Read-only snapshot of a stored credit note, for assertions in tests. RemainingCredit = Total − allocated − refunded. */
public record SandboxCreditNote(String creditNoteId, String creditNoteNumber, String type, String status,
        String contactId, String lineAmountTypes, List<SandboxLine> lines, BigDecimal subTotal, BigDecimal totalTax,
        BigDecimal total, BigDecimal remainingCredit, BigDecimal allocated, BigDecimal refunded) {

    public SandboxCreditNote {
        lines = List.copyOf(lines);
    }
}
