package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.List;

/**
 * One {@code order_details} row of a {@link GeneratedOrder}.
 *
 * @param itemId        {@code order_details.item_id}: CS-Cart's cart id, {@code crc32("<product_id>[_<variant ids>]")}
 * @param productId     {@code order_details.product_id} (the product may no longer exist: {@code productExists})
 * @param productCode   {@code order_details.product_code} as copied at order time
 * @param name          {@code extra.product}: the product name in the order's language at order time
 * @param price         {@code order_details.price}: unit price after product discounts (tax-inclusive when the
 *                      order's taxes include tax)
 * @param amount        {@code order_details.amount} (quantity)
 * @param basePrice     {@code extra.base_price}: unit price before product discounts, options included
 * @param discount      {@code extra.discount}: product discount per unit ({@code basePrice - price})
 * @param options       "Option: Variant" for each {@code extra.product_options_value} entry
 * @param taxed         whether the order's taxes apply to this line ({@code applies.items.P} of {@code T})
 * @param productExists whether {@code products} has a row with {@code productId}
 */
public record GeneratedLine(long itemId, long productId, String productCode, String name, BigDecimal price,
        int amount, BigDecimal basePrice, BigDecimal discount, List<String> options, boolean taxed,
        boolean productExists) {

    /** {@code price × amount}. */
    public BigDecimal lineTotal() {
        return price.multiply(BigDecimal.valueOf(amount));
    }
}
