package io.cscartxero.bookkeeping;

import java.util.Locale;
import java.util.Map;

/**
 * One configured tracking category ({@code xero.tracking.<index>.*}): its Xero name, where a line's option comes
 * from, the operator's value → option names and the fallback option.
 *
 * @param fallback the option of a line whose value is unknown or cannot get an option of its own; null: such a line
 *                 goes without this category
 */
public record TrackingDimension(int index, String name, Source source, Map<String, String> options, String fallback) {

    /** Where a line's option comes from. */
    public enum Source {
        /** {@code orders.company_id}: the Ultimate storefront ({@code companies.company}). */
        STOREFRONT("storefront"),
        /** The top-level category of the product's main category ({@code id_path}'s first id). */
        CATEGORY_TOP("category-top"),
        /** The product's main category ({@code products_categories.link_type='M'}). */
        CATEGORY_LEAF("category-leaf"),
        /** {@code orders.company_id} of a Multi-Vendor child order: the vendor ({@code companies.company}). */
        VENDOR("vendor"),
        /** {@code orders.payment_id} ({@code payment_descriptions.payment}). */
        PAYMENT_METHOD("payment-method"),
        /** {@code orders.b_country}, the billing country code. */
        BILLING_COUNTRY("billing-country");

        private final String key;

        Source(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** Whether the value belongs to the line's product rather than to the whole order. */
        public boolean perProduct() {
            return this == CATEGORY_TOP || this == CATEGORY_LEAF;
        }

        public static Source of(String key) {
            String k = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
            for (Source s : values()) {
                if (s.key.equals(k)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown tracking source '" + key + "'");
        }
    }

    public TrackingDimension {
        options = options == null ? Map.of() : Map.copyOf(options);
        fallback = fallback == null || fallback.isBlank() ? null : TrackingOptions.optionName(fallback);
    }

    /** The property prefix of this category, for messages: {@code xero.tracking.1}. */
    public String property() {
        return "xero.tracking." + index;
    }
}
