package io.cscartxero.product;

import java.math.BigDecimal;

/**
 * A CS-Cart product (variations are products of their own) with its name and descriptions in the configured
 * language (any language when that one is missing) and its base price ({@code null}: no base price row).
 */
public record CsCartProduct(long productId, String productCode, String productType, String status, String name,
        String shortDescription, String fullDescription, BigDecimal price, long updatedTimestamp) {
}
