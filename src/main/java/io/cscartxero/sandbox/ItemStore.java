package io.cscartxero.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import io.cscartxero.sandbox.ItemJson.ItemInput;
import io.cscartxero.sandbox.OrgSettings.Account;
import io.cscartxero.sandbox.StoredItem.Details;

/**
 * The items of one tenant (Xero's API docs: PUT vs POST, how updates match records; item fields). Writes run element by element under the tenant's ledger lock
 * (shared with the invoices, which read items), each validated against everything saved before it.
 * <p>
 * Matching: PUT only creates (an existing Code fails). POST matches by ItemID (unknown → error), else by Code
 * (case-insensitive, unverified), else creates. Omitted elements keep their stored values; inside SalesDetails /
 * PurchaseDetails each omitted element keeps its value too (unverified).
 */
final class ItemStore {

    /** Xero: spec example of PUT /Items (the YAML doubles the quotes). */
    static final String CODE_TAKEN = "Price List Item with Code '%s' already exists";
    /** Unverified wording: Code is "the only required field". */
    static final String CODE_REQUIRED = "Item code must be specified.";
    /** Xero's message for an unknown id in a body on other endpoints; unverified for Items. */
    static final String ID_NOT_FOUND = "The document with the supplied id was not found for this endpoint.";
    /** Unverified wording. */
    static final String INVENTORY_ACCOUNT = "Inventory asset account code '%s' must be an active account of type"
            + " INVENTORY.";
    /** Unverified wording: a tracked item needs PurchaseDetails.COGSAccountCode. */
    static final String COGS_REQUIRED = "A COGS account code is required for an item tracked as inventory.";
    /** Unverified wording (3rd-party reports "The specified item could not be deleted"). */
    static final String NOT_DELETABLE = "The specified item could not be deleted";

    record Outcome(ItemInput input, StoredItem saved, StoredItem candidate, String itemId, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Object lock;
    private final SandboxClock clock;
    private final OrgSettings org;
    private final Map<String, StoredItem> items = new LinkedHashMap<>();
    private Instant lastStamp = Instant.EPOCH;

    ItemStore(Object lock, SandboxClock clock, OrgSettings org) {
        this.lock = lock;
        this.clock = clock;
        this.org = org;
    }

    List<StoredItem> all() {
        synchronized (lock) {
            return new ArrayList<>(items.values());
        }
    }

    StoredItem find(String itemId) {
        synchronized (lock) {
            return items.get(itemId);
        }
    }

    /** By Code, case-insensitively and trimmed. */
    StoredItem findByCode(String code) {
        if (code == null) return null;
        String wanted = code.trim().toLowerCase(Locale.ROOT);
        synchronized (lock) {
            return items.values().stream().filter(i -> i.code().trim().toLowerCase(Locale.ROOT).equals(wanted))
                    .findFirst().orElse(null);
        }
    }

    /** By ItemID when {@code idOrCode} is a GUID, else by Code. */
    StoredItem findByIdOrCode(String idOrCode) {
        return ContactJson.looksLikeGuid(idOrCode) ? find(ContactJson.guidOrNull(idOrCode)) : findByCode(idOrCode);
    }

    void clear() {
        synchronized (lock) {
            items.clear();
        }
    }

    List<Outcome> write(boolean createOnly, List<ItemInput> inputs, String pathItemId) {
        synchronized (lock) {
            List<Outcome> outcomes = new ArrayList<>();
            for (ItemInput input : inputs) outcomes.add(writeOne(createOnly, input, pathItemId));
            return outcomes;
        }
    }

    /**
     * Deletes an item. A tracked item still used on documents cannot be deleted (3rd-party, unverified for the API);
     * untracked items can, and existing documents keep their lines.
     *
     * @return the error message, or null when deleted
     */
    String delete(String itemId, Predicate<String> codeInUse) {
        synchronized (lock) {
            StoredItem item = items.get(itemId);
            if (item == null) throw new IllegalStateException("caller checks existence");
            if (item.tracked() && codeInUse.test(item.code())) return NOT_DELETABLE;
            items.remove(itemId);
            return null;
        }
    }

    private Outcome writeOne(boolean createOnly, ItemInput input, String pathItemId) {
        StoredItem existing = null;
        String targetId = pathItemId != null ? pathItemId : createOnly ? null : input.itemId();
        if (targetId != null) {
            existing = items.get(targetId);
            if (existing == null) return failed(input, null, ID_NOT_FOUND);
        } else if (!createOnly && input.text("Code") != null) {
            existing = findByCode(input.text("Code"));
        }
        StoredItem candidate = merge(existing, input);
        List<String> errors = validate(candidate, existing);
        if (!errors.isEmpty()) {
            return new Outcome(input, null, candidate, existing == null ? null : existing.itemId(), errors);
        }
        StoredItem saved = candidate.withUpdated(nextStamp());
        items.put(saved.itemId(), saved);
        return new Outcome(input, saved, saved, saved.itemId(), List.of());
    }

    /** The item after applying the input. IsSold/IsPurchased false null their description and details. */
    private static StoredItem merge(StoredItem existing, ItemInput in) {
        StoredItem base = existing != null ? existing
                : new StoredItem(XeroJson.newId(), null, null, null, null, true, true, null, null, null,
                        Instant.EPOCH);
        boolean isSold = in.has("IsSold") && in.values().get("IsSold") != null
                ? (Boolean) in.values().get("IsSold") : base.isSold();
        boolean isPurchased = in.has("IsPurchased") && in.values().get("IsPurchased") != null
                ? (Boolean) in.values().get("IsPurchased") : base.isPurchased();
        String description = in.has("Description") ? in.text("Description") : base.description();
        String purchaseDescription = in.has("PurchaseDescription") ? in.text("PurchaseDescription")
                : base.purchaseDescription();
        Details sales = ItemJson.merge(base.salesDetails(), in.sales());
        Details purchase = ItemJson.merge(base.purchaseDetails(), in.purchase());
        if (!isSold) {
            description = null;
            sales = Details.EMPTY;
        }
        if (!isPurchased) {
            purchaseDescription = null;
            purchase = Details.EMPTY;
        }
        // IsTrackedAsInventory is derived from the two account codes; a sent value is ignored (unverified)
        return new StoredItem(base.itemId(),
                in.has("Code") ? trimOrNull(in.text("Code")) : base.code(),
                in.has("Name") ? in.text("Name") : base.name(),
                description, purchaseDescription, isSold, isPurchased, sales, purchase,
                in.has("InventoryAssetAccountCode") ? in.text("InventoryAssetAccountCode")
                        : base.inventoryAssetAccountCode(),
                base.updatedDateUtc());
    }

    private List<String> validate(StoredItem c, StoredItem existing) {
        List<String> errors = new ArrayList<>();
        if (c.code() == null) errors.add(CODE_REQUIRED);
        LedgerChecks.length(errors, "Code", c.code(), 30);
        LedgerChecks.length(errors, "Name", c.name(), 50);
        LedgerChecks.length(errors, "Description", c.description(), 4000);
        LedgerChecks.length(errors, "PurchaseDescription", c.purchaseDescription(), 4000);
        if (c.code() != null) {
            StoredItem clash = findByCode(c.code());
            if (clash != null && (existing == null || !clash.itemId().equals(existing.itemId()))) {
                errors.add(String.format(CODE_TAKEN, c.code()));
            }
        }
        Account sales = LedgerChecks.lineAccount(errors, org, c.salesDetails().accountCode());
        LedgerChecks.tax(errors, org, c.salesDetails().taxType(), sales);
        Account purchase = LedgerChecks.lineAccount(errors, org, c.purchaseDetails().accountCode());
        Account cogs = LedgerChecks.lineAccount(errors, org, c.purchaseDetails().cogsAccountCode());
        LedgerChecks.tax(errors, org, c.purchaseDetails().taxType(), purchase != null ? purchase : cogs);
        if (c.inventoryAssetAccountCode() != null) {
            Account inventory = org.account(c.inventoryAssetAccountCode());
            if (inventory == null || !inventory.active() || !"INVENTORY".equals(inventory.type())) {
                errors.add(String.format(INVENTORY_ACCOUNT, c.inventoryAssetAccountCode()));
            }
            if (c.purchaseDetails().cogsAccountCode() == null) errors.add(COGS_REQUIRED);
        }
        return errors;
    }

    private static Outcome failed(ItemInput input, String itemId, String message) {
        return new Outcome(input, null, null, itemId, List.of(message));
    }

    /** Millisecond timestamps that strictly increase, so "modified since" is unambiguous. */
    private Instant nextStamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) now = lastStamp.plusMillis(1);
        lastStamp = now;
        return now;
    }

    private static String trimOrNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
