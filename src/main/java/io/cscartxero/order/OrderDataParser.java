package io.cscartxero.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.php.PhpArray;
import io.cscartxero.cscart.php.PhpBool;
import io.cscartxero.cscart.php.PhpFormatException;
import io.cscartxero.cscart.php.PhpUnserializer;
import io.cscartxero.cscart.php.PhpValue;

/**
 * Reads the serialized order data CS-Cart keeps in {@code order_data} (types T, U, L) and {@code order_details.extra}
 * into the records the invoice is computed from. Tolerant of what CS-Cart versions and modes actually write (numbers
 * as strings or floats, {@code applies} in subtotal or unit-price shape, int or string keys, absent optional keys),
 * strict where guessing would give a wrong invoice: an unreadable blob or a tax without a rate is an
 * {@link InvalidOrderDataException}.
 *
 * <p>Every method takes the raw column bytes (null or empty meaning "no row") or an already parsed value.
 */
public final class OrderDataParser {

    private OrderDataParser() {
    }

    /** Parses a longblob column; null for a missing row or an empty blob. */
    public static PhpValue parse(long orderId, String what, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        try {
            return PhpUnserializer.parse(data);
        } catch (PhpFormatException e) {
            throw new InvalidOrderDataException(orderId, what + " is not readable PHP serialized data: " + e.getMessage(), e);
        }
    }

    // ---- T: taxes

    public static List<OrderTax> taxes(long orderId, byte[] data) {
        return taxes(orderId, parse(orderId, "order_data T (taxes)", data));
    }

    /** {@code {tax_id: {rate_type, rate_value, price_includes_tax, tax_subtotal, description, priority, applies}}} */
    public static List<OrderTax> taxes(long orderId, PhpValue value) {
        PhpArray all = container(orderId, "order_data T (taxes)", value);
        List<OrderTax> taxes = new ArrayList<>();
        for (Map.Entry<String, PhpValue> e : all.entries().entrySet()) {
            String id = e.getKey();
            PhpArray tax = e.getValue().asArray();
            if (tax == null) {
                throw new InvalidOrderDataException(orderId, "tax " + id + " in order_data T is " + article(e.getValue())
                        + ", not an array");
            }
            String description = text(tax, "description");
            String label = description.isBlank() ? id : id + " (" + description.strip() + ")";
            String rateType = text(tax, "rate_type").strip().toUpperCase(java.util.Locale.ROOT);
            if (rateType.isEmpty()) {
                rateType = OrderTax.PERCENT; // percent is what CS-Cart defaults to and all the demo data uses
            }
            if (!rateType.equals(OrderTax.PERCENT) && !rateType.equals(OrderTax.FLAT)) {
                throw new InvalidOrderDataException(orderId, "tax " + label + " has an unknown rate_type \"" + rateType + "\"");
            }
            BigDecimal rateValue = decimal(orderId, tax, "rate_value", "tax " + label, null);
            if (rateValue == null) {
                throw new InvalidOrderDataException(orderId, "tax " + label + " has no rate_value");
            }
            BigDecimal subtotal = cents(decimal(orderId, tax, "tax_subtotal", "tax " + label, BigDecimal.ZERO));
            BigDecimal priority = decimal(orderId, tax, "priority", "tax " + label, BigDecimal.ZERO);
            TaxApplies applies = applies(orderId, label, tax.get("applies"), subtotal);
            taxes.add(new OrderTax(id, rateType, rateValue, yes(tax.get("price_includes_tax")), subtotal, description,
                    priority.intValue(), applies));
        }
        return taxes;
    }

    private static TaxApplies applies(long orderId, String label, PhpValue value, BigDecimal subtotal) {
        PhpArray applies = value == null ? null : value.asArray();
        if (applies == null) {
            if (subtotal.signum() == 0) {
                return TaxApplies.NOTHING;
            }
            throw new InvalidOrderDataException(orderId, "tax " + label + " charged " + subtotal.toPlainString()
                    + " but does not say what it applies to");
        }
        Set<String> itemIds = new LinkedHashSet<>();
        boolean shipping = false;
        boolean surcharge = false;
        boolean perUnit = false;
        String where = "tax " + label + " applies";
        // unit-price mode: one key per taxed thing, each with the tax CS-Cart charged on it
        Map<String, BigDecimal> itemTaxes = new LinkedHashMap<>();
        BigDecimal unitShipping = null;
        BigDecimal unitSurcharge = null;
        for (String key : applies.keys()) {
            if (key.startsWith("PS_")) {
                surcharge = true;
                unitSurcharge = plus(unitSurcharge, decimal(orderId, applies, key, where, null));
            } else if (key.startsWith("P_")) {
                itemIds.add(key.substring(2));
                perUnit = true;
                BigDecimal amount = decimal(orderId, applies, key, where, null);
                if (amount != null) {
                    itemTaxes.merge(key.substring(2), cents(amount), BigDecimal::add);
                }
            } else if (key.startsWith("S_")) {
                shipping = true;
                perUnit = true;
                unitShipping = plus(unitShipping, decimal(orderId, applies, key, where, null));
            }
        }
        // subtotal mode: aggregated amounts plus membership flags
        PhpArray items = applies.getArray("items");
        if (items != null) {
            PhpArray products = items.getArray("P");
            if (products != null) {
                products.entries().forEach((itemId, flag) -> {
                    if (!(flag instanceof PhpBool b) || b.value()) {
                        itemIds.add(itemId);
                    }
                });
            }
            shipping |= nonEmpty(items.getArray("S"));
            surcharge |= nonEmpty(items.getArray("PS"));
        }
        BigDecimal products = decimal(orderId, applies, "P", where, null);
        BigDecimal onShipping = decimal(orderId, applies, "S", where, null);
        BigDecimal onSurcharge = decimal(orderId, applies, "PS", where, null);
        shipping |= onShipping != null && onShipping.signum() != 0;
        surcharge |= onSurcharge != null && onSurcharge.signum() != 0;
        boolean allItems = itemIds.isEmpty() && products != null && products.signum() != 0;
        if (perUnit) {
            // the per-target keys are the amounts; the aggregated ones are not written in this mode
            products = itemTaxes.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            onShipping = unitShipping == null ? onShipping : unitShipping;
            onSurcharge = unitSurcharge == null ? onSurcharge : unitSurcharge;
        } else if (unitSurcharge != null) {
            onSurcharge = unitSurcharge;
        }
        return new TaxApplies(itemIds, allItems, shipping, surcharge, perUnit, itemTaxes, centsOrNull(products),
                centsOrNull(onShipping), centsOrNull(onSurcharge));
    }

    private static BigDecimal plus(BigDecimal sum, BigDecimal amount) {
        if (amount == null) {
            return sum;
        }
        return sum == null ? cents(amount) : sum.add(cents(amount));
    }

    private static BigDecimal centsOrNull(BigDecimal value) {
        return value == null ? null : cents(value);
    }

    // ---- U: gift certificates used

    public static List<GiftCertificateUse> giftCertificates(long orderId, byte[] data) {
        return giftCertificates(orderId, parse(orderId, "order_data U (gift certificates)", data));
    }

    /** {@code {code: {gift_cert_id, amount, cost, log_id}}}: {@code cost} is what came off the total. */
    public static List<GiftCertificateUse> giftCertificates(long orderId, PhpValue value) {
        PhpArray all = container(orderId, "order_data U (gift certificates)", value);
        List<GiftCertificateUse> used = new ArrayList<>();
        all.entries().forEach((code, v) -> {
            PhpArray gc = v.asArray();
            if (gc == null) {
                throw new InvalidOrderDataException(orderId, "gift certificate " + code + " in order_data U is "
                        + article(v) + ", not an array");
            }
            BigDecimal cost = decimal(orderId, gc, "cost", "gift certificate " + code, null);
            if (cost == null) {
                throw new InvalidOrderDataException(orderId, "gift certificate " + code + " has no cost");
            }
            String storedCode = text(gc, "gift_cert_code");
            used.add(new GiftCertificateUse(storedCode.isBlank() ? code : storedCode, cents(cost)));
        });
        return used;
    }

    // ---- L: chosen shipping

    public static String shippingName(long orderId, byte[] data) {
        return shippingName(orderId, parse(orderId, "order_data L (shipping)", data));
    }

    /** The names of the chosen shipping methods ({@code [{shipping_id, shipping, …}]}), distinct, joined by ", ". */
    public static String shippingName(long orderId, PhpValue value) {
        PhpArray all = container(orderId, "order_data L (shipping)", value);
        Set<String> names = new LinkedHashSet<>();
        for (PhpValue v : all.asList()) {
            PhpArray shipping = v.asArray();
            if (shipping != null) {
                String name = text(shipping, "shipping").strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return String.join(", ", names);
    }

    // ---- order_details.extra

    public static ProductText productText(long orderId, long itemId, byte[] extra) {
        PhpValue value;
        if (extra == null || extra.length == 0) {
            value = null;
        } else {
            try {
                value = PhpUnserializer.parse(extra);
            } catch (PhpFormatException e) {   // the text naming the blob is built only here, not for every line read
                throw new InvalidOrderDataException(orderId, "order_details.extra of item " + itemId
                        + " is not readable PHP serialized data: " + e.getMessage(), e);
            }
        }
        return productText(orderId, itemId, value);
    }

    /** The name ({@code product}) and the chosen options ({@code product_options_value}) of an order line. */
    public static ProductText productText(long orderId, long itemId, PhpValue value) {
        PhpArray extra = value != null && value.asArray() != null ? value.asArray()
                : container(orderId, "order_details.extra of item " + itemId, value);
        List<ProductText.Option> options = new ArrayList<>();
        PhpArray chosen = extra.getArray("product_options_value");
        if (chosen != null) {
            Set<String> seen = new HashSet<>();
            for (PhpValue v : chosen.asList()) {
                PhpArray option = v.asArray();
                if (option == null || "F".equals(text(option, "option_type"))) {
                    continue; // file uploads have no text worth printing
                }
                String name = text(option, "option_name").strip();
                String variant = text(option, "variant_name").strip();
                String optionValue = variant.isEmpty() ? text(option, "value").strip() : variant;
                if (!name.isEmpty() && !optionValue.isEmpty() && seen.add(name + "\0" + optionValue)) {
                    options.add(new ProductText.Option(name, optionValue));
                }
            }
        }
        return new ProductText(text(extra, "product"), options);
    }

    // ---- helpers

    /** An array (or object); null, N; and "" count as empty, anything else is an error. */
    private static PhpArray container(long orderId, String what, PhpValue value) {
        if (value == null || value.isNull() || "".equals(value.asText())) {
            return PhpArray.EMPTY;
        }
        PhpArray array = value.asArray();
        if (array == null) {
            throw new InvalidOrderDataException(orderId, what + " is " + article(value) + ", not an array");
        }
        return array;
    }

    private static String text(PhpArray array, String key) {
        String s = array.getString(key);
        return s == null ? "" : s;
    }

    /** A number stored as int, float or numeric string; {@code absent} when missing, null or ""; else an error. */
    private static BigDecimal decimal(long orderId, PhpArray array, String key, String where, BigDecimal absent) {
        PhpValue v = array.get(key);
        if (v == null || v.isNull() || "".equals(v.asText())) {
            return absent;
        }
        BigDecimal d = v.asDecimal();
        if (d == null) {
            String shown = v.asText() == null ? article(v) : "\"" + v.asText() + "\"";
            throw new InvalidOrderDataException(orderId, where + ": " + key + " is " + shown + ", not a number");
        }
        // no order amount has more than 15 integer digits or 30 decimals; "1E99999999" must not become a
        // hundred-million-digit number when it is rounded to cents
        if (d.precision() - d.scale() > 15 || d.scale() > 30) {
            throw new InvalidOrderDataException(orderId, where + ": " + key + " is " + v.asText() + ", not a plausible amount");
        }
        return d;
    }

    /**
     * Money PHP kept as a float: serialized with 17 digits it reads 14.359999999999999, which CS-Cart's
     * fn_format_price rounds to 14.36 wherever it uses it.
     */
    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    private static boolean yes(PhpValue v) {
        if (v instanceof PhpBool b) {
            return b.value();
        }
        String s = v == null ? null : v.asText();
        return s != null && (s.equalsIgnoreCase("Y") || s.equals("1"));
    }

    /** "a string", "an array". */
    private static String article(PhpValue v) {
        String type = v.typeName();
        return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }

    private static boolean nonEmpty(PhpArray array) {
        return array != null && !array.isEmpty();
    }
}
