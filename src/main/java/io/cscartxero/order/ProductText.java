package io.cscartxero.order;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The product name and chosen options of an order line, as CS-Cart copied them into {@code order_details.extra} when
 * the order was placed (the catalogue may have changed since).
 *
 * @param product the name, empty when the extra has none
 */
public record ProductText(String product, List<Option> options) {

    public record Option(String name, String value) {
    }

    public ProductText {
        product = product == null ? "" : product.strip();
        options = List.copyOf(options);
    }

    /** "iPad (Colour: White; Memory: 32GB)"; just the name without options. */
    public String description() {
        if (options.isEmpty()) {
            return product;
        }
        String chosen = options.stream().map(o -> o.name() + ": " + o.value()).collect(Collectors.joining("; "));
        return product.isEmpty() ? chosen : product + " (" + chosen + ")";
    }
}
