package io.cscartxero.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.XeroItems;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Item;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * The item writer without a running step: its step execution is an argument. Xero is a recording stand-in with
 * Xero's per-element answers; links and error rows go to a real connector database.
 */
class XeroItemWriterTest {

    /** Items Xero holds by code; refuses codes starting with "BAD"; says "already exists" for codes it holds. */
    static final class Xero extends XeroItems {
        final List<String> calls = new ArrayList<>();
        final Map<String, Item> byCode = new HashMap<>();
        int ids;

        Xero() {
            super(null);
        }

        @Override
        public List<ElementResult<Item>> create(List<Item> items) {
            calls.add("PUT " + items.size());
            return items.stream().map(i -> {
                if (i.code().startsWith("BAD")) {
                    return ElementResult.<Item>rejected(i, List.of("Code is not valid"));
                }
                if (byCode.containsKey(i.code().toLowerCase(Locale.ROOT))) {
                    return ElementResult.<Item>rejected(i, List.of("Price List Item with Code '" + i.code() + "' already exists"));
                }
                String id = "item-" + (++ids);
                byCode.put(i.code().toLowerCase(Locale.ROOT), i.withItemID(id));
                return ElementResult.accepted(i, id);
            }).toList();
        }

        @Override
        public List<ElementResult<Item>> update(List<Item> items) {
            calls.add("POST " + items.size());
            return items.stream().map(i -> ElementResult.accepted(i, i.itemID())).toList();
        }

        @Override
        public Map<String, Item> findByCodes(Collection<String> codes) {
            calls.add("GET " + codes.size());
            Map<String, Item> found = new HashMap<>();
            codes.forEach(c -> {
                Item item = byCode.get(c.toLowerCase(Locale.ROOT));
                if (item != null) {
                    found.put(c.toLowerCase(Locale.ROOT), item);
                }
            });
            return found;
        }
    }

    private final ConnectorDb db = new ConnectorDb();
    private final Xero xero = new Xero();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("productExportJob", 1L, 31L), "productExportStep", 2L);
    private final XeroItemWriter writer = new XeroItemWriter(xero, db.recorder, step);

    private static ItemSyncItem item(long productId, String code, String itemId) {
        Item item = Item.request(itemId, code, "Product " + productId, null, new Item.SalesDetails(new BigDecimal("9.90"), "200", null));
        return new ItemSyncItem(productId, item, "hash-" + productId);
    }

    @Test
    void newItemsInOnePutLinkedOnesInOnePostRefusedOnesLoggedAndSkipped() {
        Chunk<ItemSyncItem> chunk = new Chunk<>(new ArrayList<>(List.of(item(1, "A-1", null), item(2, "BAD-2", null),
                item(3, "A-3", "known-3"), item(4, "A-4", null))));

        writer.write(chunk);

        assertThat(xero.calls).containsExactly("PUT 3", "POST 1");
        Map<String, SyncLink> links = db.links(XeroItemWriter.ENTITY);
        assertThat(links.get("1").xeroId()).isEqualTo("item-1");
        assertThat(links.get("1").xeroKey()).isEqualTo("A-1");
        assertThat(links.get("3").xeroId()).isEqualTo("known-3");
        assertThat(links.get("2").state()).isEqualTo(SyncLink.State.REJECTED);
        assertThat(db.linkExecution(XeroItemWriter.ENTITY, "1")).isEqualTo(31L);
        assertThat(chunk.getItems()).extracting(ItemSyncItem::productId).containsExactly(1L, 3L, 4L);
        assertThat(step.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.cscartId()).isEqualTo("2");
            assertThat(row.stepName()).isEqualTo("productExportStep");
            assertThat(row.message()).contains("Code is not valid");
            assertThat(row.payloadSummary()).startsWith("Code=BAD-2");
        });
    }

    @Test
    void anItemCreatedBeforeACrashIsFoundByCodeLinkedAndUpdated() {
        writer.write(new Chunk<>(new ArrayList<>(List.of(item(1, "A-1", null)))));
        db.jdbc.update("DELETE FROM sync_link");          // the crash: Xero has the item, the link was never committed
        xero.calls.clear();

        Chunk<ItemSyncItem> again = new Chunk<>(new ArrayList<>(List.of(item(1, "a-1", null))));
        writer.write(again);

        assertThat(xero.calls).containsExactly("PUT 1", "GET 1", "POST 1");
        assertThat(db.links(XeroItemWriter.ENTITY).get("1").xeroId()).isEqualTo("item-1");
        assertThat(db.errors()).isEmpty();
        assertThat(step.getWriteSkipCount()).isZero();
    }

    @Test
    void anEmptyChunkRecordsNothing() {
        writer.write(new Chunk<>());
        assertThat(db.links(XeroItemWriter.ENTITY)).isEmpty();
        assertThat(db.errors()).extracting(ErrorLog.Row::id).isEmpty();
    }
}
