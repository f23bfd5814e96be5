package io.cscartxero.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.cscartxero.sandbox.ItemJson.ItemInput;
import io.cscartxero.sandbox.ItemStore.Outcome;
import io.cscartxero.sandbox.WhereFilter.Field;
import io.cscartxero.sandbox.WhereFilter.Schema;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /Items}: GET (all items in one response — Items are not paged, Xero's API docs: paging, order and summaryOnly), GET by ItemID or Code,
 * PUT (create), POST (create or update, also {@code POST /Items/{ItemID}}), {@code DELETE /Items/{ItemID}} (204).
 */
final class ItemsEndpoint {

    static final Schema<StoredItem> SCHEMA = schema();

    private final SandboxClock clock;

    ItemsEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    /** @param subPath "" or "/{id}" */
    SandboxResponse handle(SandboxRequest request, String subPath, Tenant tenant) {
        try {
            String id = subPath.isEmpty() ? null : subPath.substring(1);
            if (id != null && id.contains("/")) return XeroErrors.notFound(); // history: not simulated
            return switch (request.method()) {
                case "GET" -> id == null ? list(request, tenant.items) : single(request, id, tenant.items);
                case "PUT" -> id == null ? write(request, tenant.items, true, null) : ContactsEndpoint.methodNotAllowed(request);
                case "POST" -> write(request, tenant.items, false, id);
                case "DELETE" -> id == null ? ContactsEndpoint.methodNotAllowed(request) : delete(id, tenant);
                default -> ContactsEndpoint.methodNotAllowed(request);
            };
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    /** Every matching item; {@code page} is ignored (Items have no paging), so there is no pagination object. */
    private SandboxResponse list(SandboxRequest request, ItemStore store) {
        Stream<StoredItem> stream = store.all().stream();
        String where = request.param("where");
        if (where != null && !where.isBlank()) stream = stream.filter(WhereFilter.compile(where, SCHEMA));
        Instant since = ContactsEndpoint.ifModifiedSince(request.header("If-Modified-Since"));
        if (since != null) stream = stream.filter(i -> !i.updatedDateUtc().isBefore(since));
        // default order by Code (unverified; the spec's order example is "Code ASC")
        List<StoredItem> matches = stream.sorted(Comparator.comparing((StoredItem i) -> i.code().toLowerCase(Locale.ROOT))
                .thenComparing(StoredItem::itemId)).toList();
        int unitDp = XeroInput.unitDp(request);
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("Items");
        matches.forEach(i -> array.add(ItemJson.render(i, unitDp)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse single(SandboxRequest request, String id, ItemStore store) {
        StoredItem item = store.findByIdOrCode(id);
        if (item == null) return XeroErrors.notFound();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ObjectNode node = ItemJson.render(item, XeroInput.unitDp(request));
        node.putArray("ValidationErrors");
        envelope.putArray("Items").add(node);
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse write(SandboxRequest request, ItemStore store, boolean createOnly, String pathId) {
        int unitDp = XeroInput.unitDp(request);
        // parse everything first: an unknown element or a malformed value rejects the whole request
        List<ItemInput> inputs = new ArrayList<>();
        for (ObjectNode element : XeroInput.elements(request, "Items", "Item")) {
            inputs.add(ItemJson.parse(element, unitDp));
        }
        String targetId = null;
        if (pathId != null) {
            StoredItem target = store.findByIdOrCode(pathId);
            if (target == null) return XeroErrors.notFound();
            targetId = target.itemId();
            inputs = List.of(inputs.get(0));
        }
        List<Outcome> outcomes = store.write(createOnly, inputs, targetId);

        boolean summarize = XeroInput.summarize(request);
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode items = envelope.putArray("Items");
        if (summarize) {
            List<ObjectNode> failed = outcomes.stream().filter(o -> !o.ok())
                    .map(o -> ItemJson.echoFailed(o.candidate(), o.input(), o.itemId(), o.errors(), unitDp)).toList();
            // the valid elements stay saved although the call answers 400 (Xero's documented behaviour)
            if (!failed.isEmpty()) return XeroErrors.validation(failed);
        }
        for (Outcome o : outcomes) {
            ObjectNode node = o.ok() ? ItemJson.render(o.saved(), unitDp)
                    : ItemJson.echoFailed(o.candidate(), o.input(), o.itemId(), o.errors(), unitDp);
            if (o.ok()) node.putArray("ValidationErrors");
            if (!summarize) node.put("StatusAttributeString", o.ok() ? "OK" : "ERROR");
            items.add(node);
        }
        return SandboxResponse.json(200, envelope);
    }

    /** 204 without a body; an unknown ItemID is 404 (plain text). Idempotency-Key does not apply to DELETE. */
    private SandboxResponse delete(String id, Tenant tenant) {
        if (!ContactJson.looksLikeGuid(id)) return XeroErrors.notFound();
        String itemId = ContactJson.guidOrNull(id);
        synchronized (tenant.ledgerLock) {
            if (tenant.items.find(itemId) == null) return XeroErrors.notFound();
            String error = tenant.items.delete(itemId, tenant.invoices::usesItem);
            if (error != null) {
                ObjectNode element = XeroJson.object();
                element.put("ItemID", itemId);
                element.set("ValidationErrors", ItemJson.validationErrors(List.of(error)));
                return XeroErrors.validation(List.of(element));
            }
        }
        return SandboxResponse.empty(204);
    }

    private static Schema<StoredItem> schema() {
        Map<String, Field<StoredItem>> f = new LinkedHashMap<>();
        f.put("ItemID", Field.string(StoredItem::itemId));
        f.put("Code", Field.string(StoredItem::code));
        f.put("Name", Field.string(StoredItem::name));
        f.put("Description", Field.string(StoredItem::description));
        f.put("PurchaseDescription", Field.string(StoredItem::purchaseDescription));
        f.put("InventoryAssetAccountCode", Field.string(StoredItem::inventoryAssetAccountCode));
        f.put("IsSold", Field.bool(StoredItem::isSold));
        f.put("IsPurchased", Field.bool(StoredItem::isPurchased));
        f.put("IsTrackedAsInventory", Field.bool(StoredItem::tracked));
        f.put("UpdatedDateUTC", Field.dateTime(StoredItem::updatedDateUtc));
        f.put("SalesDetails.UnitPrice", Field.decimal(i -> i.salesDetails().unitPrice()));
        f.put("SalesDetails.AccountCode", Field.string(i -> i.salesDetails().accountCode()));
        f.put("SalesDetails.TaxType", Field.string(i -> i.salesDetails().taxType()));
        f.put("PurchaseDetails.UnitPrice", Field.decimal(i -> i.purchaseDetails().unitPrice()));
        return new Schema<>("Item", f);
    }
}
