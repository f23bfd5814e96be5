package io.cscartxero.product;

import java.math.BigDecimal;
import java.util.Map;

import io.cscartxero.sync.FieldValues;
import io.cscartxero.xero.model.Item;

/**
 * What an import may write to an existing product: only what someone changed in Xero since the connector last sent
 * or received it (the {@code baseline}; for an item not linked yet, what the export would send for the product now).
 * So a name Xero holds cut to 50 characters or an HTML description it holds as plain text never flows back. An empty
 * value never blanks a CS-Cart field.
 *
 * @param name        new product name, or null
 * @param description new full description (HTML-escaped text), or null
 * @param price       a price changed in Xero, or null; applied only with {@code cscart.import.update-prices=true}
 */
record ProductImportChanges(String name, String description, BigDecimal price) {

    static final String PRICE = "SalesDetails.UnitPrice";

    boolean isEmpty() {
        return name == null && description == null && price == null;
    }

    /** The fields the export would send for the product as it is now (same rules as {@link ProductItemMapper}). */
    static Map<String, String> exportBaseline(CsCartProduct p, String code) {
        String name = ProductItemMapper.shorten(ProductItemMapper.collapse(p.name()), ProductItemMapper.MAX_NAME);
        if (name.isEmpty()) {
            name = ProductItemMapper.shorten(code, ProductItemMapper.MAX_NAME);
        }
        String description = ProductItemMapper.plainText(p.fullDescription());
        if (description.isEmpty()) {
            description = ProductItemMapper.plainText(p.shortDescription());
        }
        return FieldValues.of(Item.request(null, code, name, ProductItemMapper.shorten(description, ProductItemMapper.MAX_DESCRIPTION),
                new Item.SalesDetails(p.price() == null ? null : p.price().setScale(4), null, null)));
    }

    static ProductImportChanges between(Map<String, String> baseline, ProductImport xero, CsCartProduct current) {
        Map<String, String> now = xero.fields();
        String name = null;
        if (!normal(now.get("Name")).equals(normal(baseline.get("Name"))) && xero.hasOwnName() && !xero.name().equals(current.name())) {
            name = xero.name();
        }
        String description = null;
        if (!normal(now.get("Description")).equals(normal(baseline.get("Description"))) && !xero.description().isBlank()
                && !xero.description().equals(current.fullDescription())) {
            description = xero.description();
        }
        BigDecimal price = null;
        String xeroPrice = now.getOrDefault(PRICE, "");
        if (xero.price() != null && !xeroPrice.equals(baseline.getOrDefault(PRICE, ""))
                && (current.price() == null || current.price().compareTo(xero.price()) != 0)) {
            price = xero.price();
        }
        return new ProductImportChanges(name, description, price);
    }

    private static String normal(String value) {
        return value == null ? "" : value.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
