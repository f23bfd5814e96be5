package io.cscartxero.product;

import java.time.Instant;
import java.util.List;

import io.cscartxero.xero.XeroItems;
import io.cscartxero.xero.model.Item;
import io.cscartxero.xero.model.XeroDates;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Xero Items are not paged: one GET returns them all (modified since the last successful import). The position
 * is saved with each chunk for the operator; a restart starts over (idempotent); the newest UpdatedDateUTC becomes the
 * next run's If-Modified-Since.
 */
class XeroItemListReader implements ItemStreamReader<Item> {

    static final String POSITION = "itemReader.position";
    static final String NEWEST = "itemReader.newest";

    private final XeroItems xeroItems;
    private final Instant modifiedSince;
    private List<Item> items;
    private int position;
    private Instant newest;

    XeroItemListReader(XeroItems xeroItems, Instant modifiedSince) {
        this.xeroItems = xeroItems;
        this.modifiedSince = modifiedSince;
    }

    @Override
    public void open(ExecutionContext context) {
        // a restart reads the whole list again: an item deleted in Xero since the stop would shift a saved index
        // and skip another item; re-importing is idempotent (only changes are written)
        position = 0;
        newest = context.containsKey(NEWEST) ? Instant.ofEpochMilli(context.getLong(NEWEST)) : null;
        items = xeroItems.all(modifiedSince);
    }

    @Override
    public Item read() {
        if (position >= items.size()) {
            return null;
        }
        Item item = items.get(position++);
        Instant updated = XeroDates.parse(item.updatedDateUTC());
        if (updated != null && (newest == null || updated.isAfter(newest))) {
            newest = updated;
        }
        return item;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putInt(POSITION, position);
        if (newest != null) {
            context.putLong(NEWEST, newest.toEpochMilli());
        }
    }
}
