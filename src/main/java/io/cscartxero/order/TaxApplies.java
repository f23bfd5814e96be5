package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * What a CS-Cart tax was charged on, from its {@code applies} entry. CS-Cart writes it in two shapes: in the default
 * "subtotal" tax mode aggregated amounts {@code P}/{@code S}/{@code PS} plus membership flags under {@code items};
 * in "unit_price" mode one key per taxed thing, {@code P_<item_id>}, {@code S_<group>_<shipping_id>},
 * {@code PS_<payment_id>} ({@code perUnit}: the tax was rounded per unit, then multiplied by the quantity).
 * <p>
 * The amounts are what CS-Cart charged on each target, rounded to cents; the invoice gives each Xero line exactly
 * these amounts as its TaxAmount, so null means "not recorded" (older data, or a key CS-Cart did not write).
 *
 * @param itemIds      order lines ({@code item_id}) the tax applies to
 * @param allItems     the tax names a product amount but no lines: it applies to every line
 * @param itemTaxes    unit-price mode: the tax of each line ({@code P_<item_id>}), by item id; empty otherwise
 * @param productsTax  the tax on all its products ({@code P}, or Σ {@code P_…}); null when not recorded
 * @param shippingTax  the tax on shipping ({@code S}, or Σ {@code S_…}); null when not recorded
 * @param surchargeTax the tax on the payment surcharge ({@code PS}, or Σ {@code PS_…}); null when not recorded
 */
public record TaxApplies(Set<String> itemIds, boolean allItems, boolean shipping, boolean paymentSurcharge,
        boolean perUnit, Map<String, BigDecimal> itemTaxes, BigDecimal productsTax, BigDecimal shippingTax,
        BigDecimal surchargeTax) {

    public static final TaxApplies NOTHING = new TaxApplies(Set.of(), false, false, false, false);

    public TaxApplies {
        itemIds = Set.copyOf(itemIds);
        itemTaxes = itemTaxes == null ? Map.of() : Map.copyOf(itemTaxes);
    }

    /** Membership only, no recorded amounts. */
    public TaxApplies(Set<String> itemIds, boolean allItems, boolean shipping, boolean paymentSurcharge,
            boolean perUnit) {
        this(itemIds, allItems, shipping, paymentSurcharge, perUnit, Map.of(), null, null, null);
    }

    public boolean appliesTo(OrderLine line) {
        return allItems || itemIds.contains(Long.toString(line.itemId()));
    }

    /** The same, applying to every order line (a recorded products tax that is the tax on all of them). */
    public TaxApplies onAllItems() {
        return new TaxApplies(itemIds, true, shipping, paymentSurcharge, perUnit, itemTaxes, productsTax, shippingTax,
                surchargeTax);
    }

    /** The same targets without the recorded amounts (for comparing what a tax applies to). */
    public TaxApplies targetsOnly() {
        return new TaxApplies(itemIds, allItems, shipping, paymentSurcharge, perUnit);
    }
}
