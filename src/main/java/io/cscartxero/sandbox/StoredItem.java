package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An item (price-list item) as the sandbox keeps it. Immutable. {@code salesDetails}/{@code purchaseDetails} are
 * never null (an empty {@link Details} renders as {@code {}}); blank strings are stored as null.
 */
record StoredItem(String itemId, String code, String name, String description, String purchaseDescription,
        boolean isSold, boolean isPurchased, Details salesDetails, Details purchaseDetails,
        String inventoryAssetAccountCode, Instant updatedDateUtc) {

    /** SalesDetails / PurchaseDetails (spec schema {@code Purchase}). */
    record Details(BigDecimal unitPrice, String accountCode, String cogsAccountCode, String taxType) {
        static final Details EMPTY = new Details(null, null, null, null);
    }

    StoredItem {
        salesDetails = salesDetails == null ? Details.EMPTY : salesDetails;
        purchaseDetails = purchaseDetails == null ? Details.EMPTY : purchaseDetails;
    }

    /** "An item will be tracked as inventory if the InventoryAssetAccountCode and COGSAccountCode are set." */
    boolean tracked() {
        return inventoryAssetAccountCode != null && purchaseDetails.cogsAccountCode() != null;
    }

    StoredItem withUpdated(Instant updated) {
        return new StoredItem(itemId, code, name, description, purchaseDescription, isSold, isPurchased,
                salesDetails, purchaseDetails, inventoryAssetAccountCode, updated);
    }
}
