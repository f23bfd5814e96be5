package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tax of an order, from {@code order_data} type T.
 *
 * @param rateType         {@code P} percent or {@code F} flat amount
 * @param rateValue        percent for {@code P} (e.g. 10.000)
 * @param priceIncludesTax the prices it applies to already contain it ({@code price_includes_tax = 'Y'})
 * @param taxSubtotal      the amount CS-Cart charged (added to the total only when not included)
 * @param priority         taxes of a higher priority are computed on the price plus the lower-priority taxes
 */
public record OrderTax(String taxId, String rateType, BigDecimal rateValue, boolean priceIncludesTax,
        BigDecimal taxSubtotal, String description, int priority, TaxApplies applies) {

    public static final String PERCENT = "P";
    public static final String FLAT = "F";

    public OrderTax {
        Objects.requireNonNull(taxId, "taxId");
        Objects.requireNonNull(rateType, "rateType");
        Objects.requireNonNull(rateValue, "rateValue");
        Objects.requireNonNull(taxSubtotal, "taxSubtotal");
        Objects.requireNonNull(applies, "applies");
        description = description == null ? "" : description;
    }

    public OrderTax withApplies(TaxApplies other) {
        return new OrderTax(taxId, rateType, rateValue, priceIncludesTax, taxSubtotal, description, priority, other);
    }

    /** "6 (VAT)" for messages. */
    public String label() {
        return description.isBlank() ? taxId : taxId + " (" + description.strip() + ")";
    }
}
