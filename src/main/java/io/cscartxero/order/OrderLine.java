package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One {@code order_details} row.
 *
 * @param itemId      the cart hash CS-Cart keys the line by; taxes name the lines they apply to by it
 * @param description product name and chosen options ({@link ProductText#description()}); blank falls back to the
 *                    product code
 * @param unitPrice   {@code price}: after product-level discounts, tax-inclusive when the tax includes it
 * @param quantity    {@code amount}
 * @param itemCode    the linked Xero Item code, null when the product is not linked
 */
public record OrderLine(long itemId, long productId, String productCode, String description, BigDecimal unitPrice,
        long quantity, String itemCode) {

    public OrderLine {
        Objects.requireNonNull(unitPrice, "unitPrice");
    }
}
