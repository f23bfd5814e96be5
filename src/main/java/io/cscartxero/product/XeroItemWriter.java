package io.cscartxero.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroItems;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Item;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of items: new ones with one PUT, linked ones with one POST by ItemID, both with
 * {@code summarizeErrors=false}. "Price List Item with Code 'X' already exists" on a create means an earlier run
 * created it and died before linking (or someone created it by hand): the item is looked up by code, linked and
 * updated instead of being logged as an error.
 */
class XeroItemWriter implements ItemWriter<ItemSyncItem> {

    static final String ENTITY = "ITEM";

    private final XeroItems items;
    private final SyncRecorder recorder;
    private final StepExecution step;

    XeroItemWriter(XeroItems items, SyncRecorder recorder, StepExecution step) {
        this.items = items;
        this.recorder = recorder;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends ItemSyncItem> chunk) {
        List<SyncOutcome<ItemSyncItem>> outcomes = new ArrayList<>();
        List<ItemSyncItem> creates = new ArrayList<>();
        List<ItemSyncItem> updates = new ArrayList<>();
        for (ItemSyncItem item : chunk) {
            (item.item().itemID() == null ? creates : updates).add(item);
        }
        List<ItemSyncItem> existing = new ArrayList<>();
        List<ElementResult<Item>> created = items.create(creates.stream().map(ItemSyncItem::item).toList());
        for (int i = 0; i < creates.size(); i++) {
            ElementResult<Item> verdict = created.get(i);
            if (!verdict.accepted() && verdict.messages().stream().anyMatch(m -> m.contains("already exists"))) {
                existing.add(creates.get(i));
            } else {
                outcomes.add(outcome(creates.get(i), verdict));
            }
        }
        if (!existing.isEmpty()) {
            Map<String, Item> found = items.findByCodes(existing.stream().map(i -> i.item().code()).toList());
            for (ItemSyncItem item : existing) {
                Item inXero = found.get(item.item().code().toLowerCase(Locale.ROOT));
                if (inXero == null) {
                    outcomes.add(rejected(item, "Xero reports the item code as taken but no item has it"));
                } else {
                    updates.add(item.withItem(item.item().withItemID(inXero.itemID())));
                }
            }
        }
        List<ElementResult<Item>> updated = items.update(updates.stream().map(ItemSyncItem::item).toList());
        for (int i = 0; i < updates.size(); i++) {
            outcomes.add(outcome(updates.get(i), updated.get(i)));
        }
        @SuppressWarnings("unchecked")
        Chunk<ItemSyncItem> written = (Chunk<ItemSyncItem>) chunk;
        recorder.record(step, written, ofChunkItems(written, outcomes));
    }

    /**
     * The outcomes with the chunk's own items (an item found by code is sent with its ItemID), so that an item Xero
     * refused leaves the chunk and counts as a write skip only, not also as written.
     */
    private static List<SyncOutcome<ItemSyncItem>> ofChunkItems(Chunk<ItemSyncItem> chunk, List<SyncOutcome<ItemSyncItem>> outcomes) {
        Map<Long, ItemSyncItem> byProduct = new java.util.HashMap<>();
        chunk.forEach(item -> byProduct.put(item.productId(), item));
        return outcomes.stream().map(o -> new SyncOutcome<>(byProduct.getOrDefault(o.item().productId(), o.item()), o.link(),
                o.accepted(), o.message(), o.payloadSummary())).toList();
    }

    private static SyncOutcome<ItemSyncItem> outcome(ItemSyncItem item, ElementResult<Item> verdict) {
        if (verdict.accepted()) {
            return SyncOutcome.accepted(item, SyncLink.synced(ENTITY, item.cscartId(), verdict.xeroId(), item.item().code(), item.payloadHash()));
        }
        return rejected(item, verdict.message());
    }

    private static SyncOutcome<ItemSyncItem> rejected(ItemSyncItem item, String message) {
        return SyncOutcome.rejected(item, SyncLink.rejected(ENTITY, item.cscartId(), item.item().itemID(), item.item().code(),
                item.payloadHash()), message, item.summary());
    }
}
