package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Read-only snapshot of a stored item, for assertions in tests. {@code unitPrice}, {@code accountCode} and
 * {@code taxType} are those of SalesDetails (null when unset); {@code unitPrice} keeps the stored scale (2, or 4 when
 * written with {@code unitdp=4}).
 */
public record SandboxItem(String itemId, String code, String name, String description, BigDecimal unitPrice,
        String accountCode, String taxType, boolean isTrackedAsInventory, Instant updatedDateUtc) {
}
