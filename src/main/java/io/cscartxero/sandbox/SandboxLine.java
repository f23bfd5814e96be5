package io.cscartxero.sandbox;

import java.math.BigDecimal;

/** Read-only snapshot of one invoice line, for assertions in tests. Money has 2 dp (UnitAmount 2 or 4). */
public record SandboxLine(String lineItemId, String description, BigDecimal quantity, BigDecimal unitAmount,
        String itemCode, String accountCode, String taxType, BigDecimal taxAmount, BigDecimal lineAmount) {
}
