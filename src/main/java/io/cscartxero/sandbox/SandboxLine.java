package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.util.List;

/** Read-only snapshot of one invoice line, for assertions in tests. Money has 2 dp (UnitAmount 2 or 4). */
public record SandboxLine(String lineItemId, String description, BigDecimal quantity, BigDecimal unitAmount,
        String itemCode, String accountCode, String taxType, BigDecimal taxAmount, BigDecimal lineAmount,
        List<String> tracking) {

    /** @param tracking the line's tracking as "Category: Option", in the order stored */
    public SandboxLine {
        tracking = tracking == null ? List.of() : List.copyOf(tracking);
    }

    public SandboxLine(String lineItemId, String description, BigDecimal quantity, BigDecimal unitAmount,
            String itemCode, String accountCode, String taxType, BigDecimal taxAmount, BigDecimal lineAmount) {
        this(lineItemId, description, quantity, unitAmount, itemCode, accountCode, taxType, taxAmount, lineAmount, List.of());
    }
}
