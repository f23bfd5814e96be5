package io.cscartxero.xero.model;

import java.util.List;

/** A Xero Item (price-list item). The connector sends untracked items: no inventory fields. */
public record Item(
        String itemID,
        String code,
        String name,
        String description,
        Boolean isSold,
        Boolean isTrackedAsInventory,
        SalesDetails salesDetails,
        String updatedDateUTC,
        String statusAttributeString,
        List<ValidationError> validationErrors) {

    public record SalesDetails(java.math.BigDecimal unitPrice, String accountCode, String taxType) {
    }

    public static Item request(String itemID, String code, String name, String description, SalesDetails sales) {
        return new Item(itemID, code, name, description, Boolean.TRUE, null, sales, null, null, null);
    }

    public Item withItemID(String id) {
        return new Item(id, code, name, description, isSold, isTrackedAsInventory, salesDetails, updatedDateUTC,
                statusAttributeString, validationErrors);
    }
}
