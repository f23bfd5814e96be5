package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A product written by {@link StoreGenerator#products(int)}: the values stored in {@code products}, the
 * {@code product_descriptions} row of {@code en} and the base {@code product_prices} row.
 *
 * @param productId        {@code products.product_id}
 * @param productCode      {@code products.product_code} (may be empty, duplicated, longer than Xero's 30, contain '/')
 * @param productType      {@code P} product or {@code V} variation
 * @param parentProductId  {@code products.parent_product_id}: the variation group's parent product, 0 for {@code P}
 * @param status           {@code A} active, {@code H} hidden, {@code D} disabled
 * @param name             {@code product_descriptions.product} in {@code en} (other languages may differ:
 *                         {@link Trait#TRANSLATED})
 * @param price            the selling price: {@code product_prices.price} of the row {@code lower_limit = 1 AND
 *                         usergroup_id = 0}
 * @param taxIds           {@code products.tax_ids}: "", "6", "6,7", "7", "8" or "8,9"
 * @param updatedTimestamp {@code products.updated_timestamp} (unix seconds)
 * @param traits           the variety categories this product was built for
 */
public record GeneratedProduct(long productId, String productCode, String productType, long parentProductId,
        String status, String name, BigDecimal price, String taxIds, long updatedTimestamp, Set<Trait> traits) {

    /** Variety categories (see {@link StoreGenerator} for the proportions). */
    public enum Trait {
        /** {@code product_code = ''}. */
        EMPTY_CODE,
        /** Same {@code product_code} as an earlier product (sometimes in another case). */
        DUPLICATE_CODE,
        /** {@code product_code} of 31..64 characters (Xero allows 30). */
        LONG_CODE,
        /** {@code product_code} containing '/'. */
        SLASH_CODE,
        /** Parent of a variation group ({@code product_type='P'} with {@code 'V'} children). */
        VARIATION_PARENT,
        /** {@code product_type='V'}, {@code parent_product_id} set. */
        VARIATION,
        /** {@code status='H'}. */
        HIDDEN,
        /** {@code status='D'}. */
        DISABLED,
        /** Name longer than 50 characters (Xero's Item Name maximum). */
        LONG_NAME,
        /** Name with accented Latin letters (2-byte UTF-8). */
        ACCENTED_NAME,
        /** Name with CJK, Hangul, Cyrillic or Greek letters. */
        NON_LATIN_NAME,
        /** Name with quotes, ampersand or 3-byte symbols (★ ™ № ±). */
        SYMBOLS_NAME,
        /** The source name had emoji; stored as CS-Cart stores it ("????" per emoji). */
        EMOJI_REPLACED_NAME,
        /** {@code full_description} longer than 4000 characters (Xero's Description maximum). */
        LONG_DESCRIPTION,
        /** {@code full_description} empty. */
        EMPTY_DESCRIPTION,
        /** The {@code fr} name differs from the {@code en} name. */
        TRANSLATED,
        /** {@code tax_ids = ''}. */
        NO_TAX,
        /** Two taxes in {@code tax_ids}. */
        TWO_TAXES,
        /** Price 0.00. */
        FREE,
        /** Price of 1,000.00 or more. */
        HIGH_PRICE,
        /** Quantity tier rows ({@code lower_limit > 1}, {@code usergroup_id = 0}). */
        TIER_PRICES,
        /** Usergroup price rows ({@code usergroup_id > 0}). */
        USERGROUP_PRICE,
        /** Additional {@code products_categories} rows with {@code link_type='A'}. */
        EXTRA_CATEGORIES,
        /** {@code list_price} ("compare at") above the price. */
        LIST_PRICE,
        /** Negative stock ({@code amount < 0}). */
        NEGATIVE_STOCK
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    /** {@code product_type = 'V'}. */
    public boolean isVariation() {
        return "V".equals(productType);
    }
}
