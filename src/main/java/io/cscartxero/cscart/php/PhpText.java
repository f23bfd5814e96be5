package io.cscartxero.cscart.php;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The text of a PHP string, decoded from its UTF-8 bytes. The keys CS-Cart writes into order data ({@code rate_value},
 * {@code product}, {@code shipping_id}, …) and one-letter flags ({@code "Y"}, {@code "N"}) come back as one shared
 * String each: no copy or UTF-8 check per key, and a map look-up uses the hash the String already holds. A 100,000-order
 * back-fill reads some ten million of them (issue 11). Any other text is decoded as before (malformed UTF-8 becomes
 * U+FFFD).
 */
final class PhpText {

    /**
     * Keys of CS-Cart's order data (order_data T, L, U, G and order_details.extra in CS-Cart 4.x: the real demo
     * orders and what the connector reads); a key not listed is decoded as any other text.
     */
    private static final List<String> KNOWN = List.of(
            // order_data T (taxes)
            "rate_type", "rate_value", "price_includes_tax", "regnumber", "priority", "tax_subtotal", "description", "applies",
            "items", "P", "S", "PS", "G", "tax_id",
            // order_data L (shipping), U (gift certificates)
            "shipping", "shipping_id", "service_params", "service_id", "service_code", "rate_info", "rate_calculation", "rate",
            "module", "min_weight", "max_weight", "group_key", "destination", "delivery_time", "rate_id", "position",
            "products", "group_name", "company_id", "amount", "cost", "gift_cert_id", "gift_cert_code", "log_id", "code",
            "name", "phone", "zipcode", "state", "country", "city", "address", "store_location_id", "pickup_point_id",
            // order_details.extra
            "product", "product_options", "product_options_value", "product_id", "option_id", "option_name", "option_type",
            "variant_id", "variant_name", "value", "modifier", "modifier_type", "inventory", "type", "stored_price",
            "stored_discount", "is_edp", "edp_shipping", "discount", "base_price", "price", "display_price", "per_unit",
            "unlimited_download", "min_items_in_box", "max_items_in_box", "box_width", "box_length", "box_height",
            "promotions", "original_product_data", "original_amount", "options_type", "modifiers_price", "extra",
            "exceptions_type", "cart_id", "company_name", "product_code", "weight", "shipping_params", "free_shipping",
            "shipping_freight", "tracking", "return_period", "amount_total", "main_pair", "subtotal", "tax", "taxed_price",
            "clean_price", "tax_value", "tax_summary", "included", "added", "total", "parent", "product_type",
            // one-letter flags and the empty string
            "", "Y", "N", "A", "B", "C", "D", "F", "I", "M", "O", "R", "T", "U", "V", "0", "1");

    /** Known texts by byte length, then in list order. */
    private static final byte[][][] BYTES;
    private static final String[][] TEXTS;

    static {
        int longest = KNOWN.stream().mapToInt(String::length).max().orElse(0);
        BYTES = new byte[longest + 1][][];
        TEXTS = new String[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int n = length;
            List<String> same = KNOWN.stream().filter(k -> k.length() == n).distinct().toList();
            TEXTS[length] = same.toArray(String[]::new);
            BYTES[length] = same.stream().map(k -> k.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
            for (String text : TEXTS[length]) {
                text.hashCode();   // computed once, kept in the String
            }
        }
    }

    private PhpText() {
    }

    /** The text of {@code length} bytes from {@code offset}: a shared String when it is a known key, else a new one. */
    static String decode(byte[] in, int offset, int length) {
        if (length < BYTES.length) {
            byte[][] candidates = BYTES[length];
            if (length == 0) {
                return "";
            }
            byte first = in[offset];
            byte last = in[offset + length - 1];
            for (int i = 0; i < candidates.length; i++) {
                byte[] c = candidates[i];
                if (c[0] == first && c[length - 1] == last && Arrays.equals(in, offset, offset + length, c, 0, length)) {
                    return TEXTS[length][i];
                }
            }
        }
        return new String(in, offset, length, StandardCharsets.UTF_8);
    }
}
