package io.cscartxero.tax;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One CS-Cart tax as an order applied it (order_data T): its id, the rate it was charged at (percent), its priority
 * (taxes added to the price compound across priorities) and whether prices include it.
 *
 * @param name the tax's name for messages and for a Xero rate created after it ("VAT", "Sales Tax"); may be blank
 */
public record AppliedTax(String taxId, String name, BigDecimal rate, int priority, boolean included) {

    public AppliedTax {
        Objects.requireNonNull(taxId, "taxId");
        Objects.requireNonNull(rate, "rate");
        taxId = taxId.strip();
        name = name == null ? "" : name.strip();
    }

    /** "6@12", "8@8.875": the id and the rate without trailing zeros. */
    public String key() {
        return taxId + "@" + TaxCombo.plain(rate);
    }

    /** "6 (VAT) at 12 %" for messages. */
    public String label() {
        return (name.isBlank() ? taxId : taxId + " (" + name + ")") + " at " + TaxCombo.plain(rate) + " %";
    }

    AppliedTax withName(String newName) {
        return new AppliedTax(taxId, newName, rate, priority, included);
    }
}
