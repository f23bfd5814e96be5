package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sandbox.StoredItem.Details;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading item elements from request bodies and rendering stored items the way Xero does. */
final class ItemJson {

    static final Set<String> ELEMENTS = Set.of("ItemID", "Code", "Name", "Description", "PurchaseDescription",
            "IsSold", "IsPurchased", "SalesDetails", "PurchaseDetails", "InventoryAssetAccountCode",
            "IsTrackedAsInventory");
    /** Read-only elements, accepted and ignored so that a GET result can be posted back. */
    static final Set<String> IGNORED = Set.of("UpdatedDateUTC", "TotalCostPool", "QuantityOnHand",
            "StatusAttributeString", "ValidationErrors");
    static final Set<String> DETAIL_ELEMENTS = Set.of("UnitPrice", "AccountCode", "COGSAccountCode", "TaxType");

    private ItemJson() {
    }

    /**
     * One item element. {@code values} holds the top-level elements that were sent (a sent null stays as a null
     * value); {@code sales}/{@code purchase} hold the sent detail elements, or are null when the object was absent.
     * UnitPrice is already rounded to the request's unitdp.
     */
    record ItemInput(String itemId, Map<String, Object> values, Map<String, Object> sales,
            Map<String, Object> purchase, ObjectNode raw) {

        boolean has(String element) {
            return values.containsKey(element);
        }

        String text(String element) {
            return (String) values.get(element);
        }
    }

    static ItemInput parse(ObjectNode element, int unitDp) {
        XeroInput.checkElements(element, ELEMENTS, IGNORED);
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : List.of("Code", "Name", "Description", "PurchaseDescription", "InventoryAssetAccountCode")) {
            if (element.has(name)) values.put(name, blankToNull(XeroInput.text(name, element.get(name))));
        }
        for (String name : List.of("IsSold", "IsPurchased", "IsTrackedAsInventory")) {
            if (element.has(name)) values.put(name, XeroInput.bool(name, element.get(name)));
        }
        String itemId = XeroInput.guid("ItemID", element.get("ItemID"));
        return new ItemInput(itemId, values, details("SalesDetails", element.get("SalesDetails"), unitDp),
                details("PurchaseDetails", element.get("PurchaseDetails"), unitDp), element.deepCopy());
    }

    private static Map<String, Object> details(String name, JsonNode node, int unitDp) {
        if (node == null || node.isNull()) return null;
        if (!(node instanceof ObjectNode object)) throw new XeroApiException(XeroInput.wrongType(name));
        XeroInput.checkElements(object, DETAIL_ELEMENTS, Set.of());
        Map<String, Object> values = new LinkedHashMap<>();
        if (object.has("UnitPrice")) {
            BigDecimal price = XeroInput.decimal("UnitPrice", object.get("UnitPrice"));
            // "By default UnitPrice is rounded to two decimal places", 4 with unitdp=4 (half-up: unverified)
            values.put("UnitPrice", price == null ? null : price.setScale(unitDp, RoundingMode.HALF_UP));
        }
        for (String element : List.of("AccountCode", "COGSAccountCode", "TaxType")) {
            if (object.has(element)) values.put(element, blankToNull(XeroInput.text(element, object.get(element))));
        }
        return values;
    }

    /** Stored details with the sent elements applied. */
    static Details merge(Details base, Map<String, Object> sent) {
        if (sent == null) return base;
        return new Details(
                sent.containsKey("UnitPrice") ? (BigDecimal) sent.get("UnitPrice") : base.unitPrice(),
                sent.containsKey("AccountCode") ? (String) sent.get("AccountCode") : base.accountCode(),
                sent.containsKey("COGSAccountCode") ? (String) sent.get("COGSAccountCode") : base.cogsAccountCode(),
                sent.containsKey("TaxType") ? upper((String) sent.get("TaxType")) : base.taxType());
    }

    // ---- rendering ----

    /** An item as Xero returns it; UnitPrice with {@code unitDp} decimals. */
    static ObjectNode render(StoredItem item, int unitDp) {
        ObjectNode n = XeroJson.object();
        n.put("ItemID", item.itemId());
        n.put("Code", item.code());
        if (item.name() != null) n.put("Name", item.name());
        if (item.description() != null) n.put("Description", item.description());
        if (item.purchaseDescription() != null) n.put("PurchaseDescription", item.purchaseDescription());
        n.put("UpdatedDateUTC", XeroJson.msDate(item.updatedDateUtc()));
        n.set("PurchaseDetails", details(item.purchaseDetails(), unitDp));
        n.set("SalesDetails", details(item.salesDetails(), unitDp));
        n.put("IsTrackedAsInventory", item.tracked());
        if (item.tracked()) {
            n.put("InventoryAssetAccountCode", item.inventoryAssetAccountCode());
            // no stock movements are simulated
            n.put("TotalCostPool", XeroJson.scaled(BigDecimal.ZERO, 2));
            n.put("QuantityOnHand", XeroJson.scaled(BigDecimal.ZERO, 4));
        }
        n.put("IsSold", item.isSold());
        n.put("IsPurchased", item.isPurchased());
        return n;
    }

    private static ObjectNode details(Details d, int unitDp) {
        ObjectNode n = XeroJson.object();
        if (d.unitPrice() != null) n.put("UnitPrice", XeroJson.scaled(d.unitPrice(), unitDp));
        if (d.accountCode() != null) n.put("AccountCode", d.accountCode());
        if (d.cogsAccountCode() != null) n.put("COGSAccountCode", d.cogsAccountCode());
        if (d.taxType() != null) n.put("TaxType", d.taxType());
        return n;
    }

    /** A failed element: the item as it would have been saved, with its errors. */
    static ObjectNode echoFailed(StoredItem candidate, ItemInput input, String itemId, List<String> errors,
            int unitDp) {
        ObjectNode n = candidate != null ? render(candidate, unitDp) : input.raw().deepCopy();
        n.put("ItemID", itemId == null ? ContactJson.ZERO_GUID : itemId);
        n.set("ValidationErrors", validationErrors(errors));
        return n;
    }

    static JsonNode validationErrors(List<String> errors) {
        var array = XeroJson.array();
        errors.forEach(m -> array.addObject().put("Message", m));
        return array;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String upper(String value) {
        return value == null ? null : value.trim().toUpperCase(java.util.Locale.ROOT);
    }
}
