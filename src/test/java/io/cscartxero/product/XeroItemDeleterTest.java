package io.cscartxero.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroItems;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

/** The product delete step's writer: one DELETE per item, 404 as done, refusals logged, links removed with success. */
class XeroItemDeleterTest {

    /** Xero holding some items; refuses to delete "in-use". */
    static final class Xero extends XeroItems {
        final Set<String> held = new java.util.HashSet<>(Set.of("item-1", "in-use"));
        final List<String> deletes = new ArrayList<>();

        Xero() {
            super(null);
        }

        @Override
        public boolean delete(String itemId) {
            deletes.add(itemId);
            if (itemId.equals("in-use")) {
                throw new XeroApiException.Validation(List.of("Item is used in transactions and cannot be deleted"));
            }
            return held.remove(itemId);
        }
    }

    @Test
    void deletedAndAlreadyGoneItemsLoseTheirLinksARefusalIsLogged() {
        ConnectorDb db = new ConnectorDb();
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(SyncLink.synced("ITEM", "1", "item-1", "A-1", "h"),
                SyncLink.synced("ITEM", "2", "gone-2", "A-2", "h"), SyncLink.synced("ITEM", "3", "in-use", "A-3", "h")));
        List<SyncLink> linked = new ArrayList<>(db.links("ITEM").values());
        linked.sort(java.util.Comparator.comparing(SyncLink::cscartId));
        StepExecution step = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("productDeleteJob", 1L, 51L), "productDeleteStep", 3L);
        Xero xero = new Xero();
        Chunk<SyncLink> chunk = new Chunk<>(new ArrayList<>(linked));

        new XeroItemDeleter(xero, db.recorder, step).write(chunk);

        assertThat(xero.deletes).containsExactly("item-1", "gone-2", "in-use");
        assertThat(db.links("ITEM")).containsOnlyKeys("3");
        assertThat(chunk.getItems()).extracting(SyncLink::cscartId).containsExactly("1", "2");
        assertThat(step.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.jobName()).isEqualTo("productDeleteJob");
            assertThat(row.cscartId()).isEqualTo("3");
            assertThat(row.xeroId()).isEqualTo("in-use");
            assertThat(row.message()).contains("used in transactions");
            assertThat(row.payloadSummary()).isEqualTo("Code=A-3");
        });
    }
}
