package io.cscartxero.order;

import java.util.Set;

/**
 * What a CS-Cart tax was charged on, from its {@code applies} entry. CS-Cart writes it in two shapes: in the default
 * "subtotal" tax mode aggregated amounts {@code P}/{@code S}/{@code PS} plus membership flags under {@code items};
 * in "unit_price" mode one key per taxed thing, {@code P_<item_id>}, {@code S_<group>_<shipping_id>},
 * {@code PS_<payment_id>} ({@code perUnit}: the tax was rounded per unit, then multiplied by the quantity).
 *
 * @param itemIds  order lines ({@code item_id}) the tax applies to
 * @param allItems the tax names a product amount but no lines: it applies to every line
 */
public record TaxApplies(Set<String> itemIds, boolean allItems, boolean shipping, boolean paymentSurcharge,
        boolean perUnit) {

    public static final TaxApplies NOTHING = new TaxApplies(Set.of(), false, false, false, false);

    public TaxApplies {
        itemIds = Set.copyOf(itemIds);
    }

    public boolean appliesTo(OrderLine line) {
        return allItems || itemIds.contains(Long.toString(line.itemId()));
    }
}
