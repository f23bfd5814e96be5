package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * An order written by {@link StoreGenerator#orders(int)}: the {@code orders} row, its {@code order_details} rows and
 * the money held in its {@code order_data} rows. For every order (parents included)
 * <pre>
 * total = subtotal − subtotalDiscount + shippingCost + paymentSurcharge
 *         + Σ taxes[price_includes_tax = N].taxSubtotal − giftCertificateCost
 * subtotal = Σ lines.price × lines.amount
 * </pre>
 * (CS-Cart's order totals, fn.cart.php); included taxes ({@code pricesIncludeTax}) are informational.
 *
 * @param orderId             {@code orders.order_id}
 * @param userId              {@code orders.user_id}; 0 for guests
 * @param status              {@code orders.status}: P C O F D B I, N (incomplete: to be ignored), T (parent)
 * @param email               {@code orders.email} as stored (guests: case / blank variants of the same address)
 * @param guest               {@code user_id = 0}
 * @param parent              {@code is_parent_order = 'Y'} (Multi-Vendor checkout; its children carry the lines too)
 * @param total               {@code orders.total}
 * @param subtotal            {@code orders.subtotal}
 * @param subtotalDiscount    {@code orders.subtotal_discount} (cart promotions)
 * @param shippingCost        {@code orders.shipping_cost}
 * @param paymentSurcharge    {@code orders.payment_surcharge}
 * @param pricesIncludeTax    the order's taxes ({@code T}) have {@code price_includes_tax = 'Y'}
 * @param lines               the {@code order_details} rows in item order
 * @param traits              the variety categories this order was built for
 * @param parentOrderId       {@code orders.parent_order_id} (0 unless a Multi-Vendor child)
 * @param companyId           {@code orders.company_id} (0 for a parent, the vendor for a child, 1 otherwise)
 * @param timestamp           {@code orders.timestamp}
 * @param updatedAt           {@code orders.updated_at} (0 for legacy orders)
 * @param discount            {@code orders.discount}: product discounts, informational (already inside the prices)
 * @param taxes               the {@code T} entries (empty without a {@code T} row)
 * @param giftCertificateCost Σ {@code U.cost}
 * @param shippingName        {@code L[0].shipping}, "" without an {@code L} row
 * @param taxExempt           {@code orders.tax_exempt = 'Y'}
 */
public record GeneratedOrder(long orderId, long userId, String status, String email, boolean guest, boolean parent,
        BigDecimal total, BigDecimal subtotal, BigDecimal subtotalDiscount, BigDecimal shippingCost,
        BigDecimal paymentSurcharge, boolean pricesIncludeTax, List<GeneratedLine> lines, Set<Trait> traits,
        long parentOrderId, long companyId, long timestamp, long updatedAt, BigDecimal discount, List<Tax> taxes,
        BigDecimal giftCertificateCost, String shippingName, boolean taxExempt) {

    /**
     * One entry of the {@code T} row.
     *
     * @param taxId            {@code taxes.tax_id}
     * @param description      tax name in the order's language ("VAT", "TVA", ...)
     * @param rateValue        {@code rate_value}, e.g. 10.000
     * @param priceIncludesTax {@code price_includes_tax = 'Y'}
     * @param taxSubtotal      {@code tax_subtotal} (= productTax + shippingTax)
     * @param productTax       {@code applies.P}: tax on the products, computed once on their (discounted) sum
     * @param shippingTax      {@code applies.S}: tax on the shipping cost
     * @param perLineRounded   the same tax rounded per line as Xero does (each taxed line total and the shipping
     *                         separately, before subtotal discounts); differs from {@code taxSubtotal} for
     *                         {@link Trait#ROUNDING_DIFFERENCE} orders
     */
    public record Tax(int taxId, String description, BigDecimal rateValue, boolean priceIncludesTax,
            BigDecimal taxSubtotal, BigDecimal productTax, BigDecimal shippingTax, BigDecimal perLineRounded) {
    }

    /** Variety categories (see {@link StoreGenerator} for the proportions). */
    public enum Trait {
        /** Guest checkout: {@code user_id = 0}, {@code profile_id = 0}, contact data only in the order. */
        GUEST,
        /** A guest e-mail seen on an earlier order, identical. */
        GUEST_REPEAT,
        /** A guest e-mail seen on an earlier order, in another case or with blanks around it. */
        GUEST_EMAIL_VARIANT,
        /** {@code orders.firstname} / {@code lastname} cut to their 32 characters (the b_ fields keep 128). */
        TRUNCATED_NAME,
        /** Multi-Vendor parent order: {@code is_parent_order='Y'}, {@code status='T'}, {@code company_id=0}. */
        PARENT,
        /** Multi-Vendor child order ({@code parent_order_id} set, vendor {@code company_id}). */
        CHILD,
        /** {@code status='N'}: incomplete checkout, to be ignored. */
        INCOMPLETE,
        /** {@code updated_at = 0} (orders from before CS-Cart 4.12). */
        LEGACY_UPDATED_AT,
        /** Taxes included in the prices ({@code price_includes_tax='Y'}). */
        TAX_INCLUDED,
        /** Taxes added to the prices ({@code price_includes_tax='N'}). */
        TAX_EXCLUDED,
        /** Two taxes in {@code T}. */
        TWO_TAXES,
        /** {@code tax_exempt='Y'}: no {@code T} row. */
        TAX_EXEMPT,
        /** No tax applies (no {@code T} row; destination without rates). */
        NO_TAX,
        /** Some lines are untaxed while others are taxed. */
        MIXED_TAX_LINES,
        /** The shipping cost is taxed too ({@code applies.S > 0}). */
        SHIPPING_TAXED,
        /** {@code subtotal_discount > 0} (cart promotion, {@code promotions} / {@code promotion_ids} set). */
        SUBTOTAL_DISCOUNT,
        /** A coupon code in {@code C}. */
        COUPON,
        /** Lines priced below their base price ({@code extra.discount > 0}, {@code orders.discount > 0}). */
        PRODUCT_DISCOUNT,
        /** {@code payment_surcharge > 0}. */
        PAYMENT_SURCHARGE,
        /** Shipping method with rate 0 ({@code shipping_cost = 0}, {@code L} present). */
        FREE_SHIPPING,
        /** No shipping ({@code L} absent, {@code shipping_cost = 0}, empty {@code shipping_ids}). */
        NO_SHIPPING,
        /** Gift certificate used ({@code U}). */
        GIFT_CERTIFICATE,
        /** {@code total = 0}. */
        ZERO_TOTAL,
        /** A line of 9,999.99 × 20 or similar (six-figure totals). */
        HIGH_VALUE,
        /** A line with quantity 20 or more. */
        BULK_QUANTITY,
        /** Σ tax_subtotal differs from the per-line rounded tax (Xero's way) by a cent or more. */
        ROUNDING_DIFFERENCE,
        /** Lines with {@code product_options_value}. */
        PRODUCT_OPTIONS,
        /** A line whose product no longer exists. */
        DELETED_PRODUCT,
        /** A product name in {@code extra} with multi-byte UTF-8 (serialized length ≠ character count). */
        MULTIBYTE_NAME,
        /** Encrypted payment information ({@code P}). */
        PAYMENT_INFO,
        /** {@code R} = a display currency other than the primary one (amounts are still primary). */
        DISPLAY_CURRENCY,
        /** Placed by an administrator ({@code issuer_id} set). */
        ADMIN_CREATED,
        /** Customer notes ({@code notes}) with line breaks / multi-byte text. */
        CUSTOMER_NOTES
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** Σ tax_subtotal of the taxes not included in the prices. */
    public BigDecimal excludedTax() {
        return taxes.stream().filter(t -> !t.priceIncludesTax()).map(Tax::taxSubtotal)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
