package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Counts of an {@link StoreGenerator#ordersSummary(int)} run (for large stores, without keeping the orders).
 *
 * @param orders       {@code orders} rows written (parents and children included)
 * @param parents      Multi-Vendor parent orders
 * @param guests       guest orders
 * @param lines        {@code order_details} rows
 * @param orderData    {@code order_data} rows
 * @param byStatus     orders per {@code status}
 * @param traits       orders per trait
 * @param sumOfTotals  Σ {@code total} of the non-parent orders
 * @param firstOrderId first {@code order_id} written (0 if none)
 * @param lastOrderId  last {@code order_id} written (0 if none)
 */
public record OrderSummary(int orders, int parents, int guests, long lines, long orderData,
        Map<String, Integer> byStatus, Map<GeneratedOrder.Trait, Integer> traits, BigDecimal sumOfTotals,
        long firstOrderId, long lastOrderId) {
}
