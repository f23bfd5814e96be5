package io.cscartxero.product;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.cscartxero.cscart.CsCartText;
import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.xero.model.Item;

/** A Xero item as the CS-Cart product it becomes, values fitted to CS-Cart's columns (price at 2 decimals). */
record ProductImport(String itemId, String code, String name, String description, BigDecimal price) {

    static ProductImport from(Item item) {
        String code = item.code() == null ? "" : item.code().strip();
        if (code.isEmpty()) {
            throw new InvalidRecordException(null, item.itemID(), "Xero item '" + item.name() + "' has no code");
        }
        BigDecimal price = item.salesDetails() == null || item.salesDetails().unitPrice() == null ? null
                : item.salesDetails().unitPrice().setScale(2, RoundingMode.HALF_UP);
        if (price != null && (price.signum() < 0 || price.compareTo(new BigDecimal("9999999999.99")) > 0)) {
            throw new InvalidRecordException(null, item.itemID(), "Xero item " + code + " has a price CS-Cart cannot store: " + price);
        }
        String name = CsCartText.fit(item.name() == null || item.name().isBlank() ? code : item.name(), 255);
        return new ProductImport(item.itemID(), CsCartText.fit(code, 64), name, CsCartText.fit(item.description(), 65_000), price);
    }
}
