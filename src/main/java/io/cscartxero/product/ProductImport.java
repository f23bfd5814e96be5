package io.cscartxero.product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import io.cscartxero.cscart.CsCartText;
import io.cscartxero.cscart.XeroText;
import io.cscartxero.sync.FieldValues;
import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.xero.model.Item;

/**
 * A Xero item as the CS-Cart product it would become, values fitted to CS-Cart's columns (price at 2 decimals) and
 * made safe for CS-Cart's templates: code and name plain text without markup, the description HTML-escaped with its
 * line breaks kept ({@link XeroText}). {@code fields} are Xero's values as they are, compared field by field with
 * what the connector last sent or received.
 */
record ProductImport(String itemId, String code, String name, String description, BigDecimal price, Map<String, String> fields) {

    static ProductImport from(Item item) {
        String code = CsCartText.fit(XeroText.plain(item.code()), 64);
        if (code.isEmpty()) {
            throw new InvalidRecordException(null, item.itemID(), "Xero item '" + XeroText.plain(item.name()) + "' has no code");
        }
        BigDecimal price = item.salesDetails() == null || item.salesDetails().unitPrice() == null ? null
                : item.salesDetails().unitPrice().setScale(2, RoundingMode.HALF_UP);
        if (price != null && (price.signum() < 0 || price.compareTo(new BigDecimal("9999999999.99")) > 0)) {
            throw new InvalidRecordException(null, item.itemID(), "Xero item " + code + " has a price CS-Cart cannot store: " + price);
        }
        String name = CsCartText.fit(XeroText.plain(item.name()), 255);
        return new ProductImport(item.itemID(), code, name.isEmpty() ? code : name,
                CsCartText.fit(XeroText.html(item.description()), 65_000), price, FieldValues.of(item));
    }

    /** Whether Xero's name holds any text once markup is gone (else the code stands in for it). */
    boolean hasOwnName() {
        return !CsCartText.fit(XeroText.plain(fields.get("Name")), 255).isEmpty();
    }
}
