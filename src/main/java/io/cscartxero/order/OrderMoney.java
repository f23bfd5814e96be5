package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The money columns of a CS-Cart {@code orders} row ({@code decimal(12,2)}, primary currency). {@code total} is what
 * the customer was charged and what the invoice must add up to; {@code orders.discount} is left out on purpose: it
 * is informational, already inside each line's price.
 */
public record OrderMoney(BigDecimal total, BigDecimal subtotal, BigDecimal subtotalDiscount, BigDecimal shippingCost,
        BigDecimal paymentSurcharge, boolean taxExempt) {

    public OrderMoney {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(subtotalDiscount, "subtotalDiscount");
        Objects.requireNonNull(shippingCost, "shippingCost");
        Objects.requireNonNull(paymentSurcharge, "paymentSurcharge");
    }
}
