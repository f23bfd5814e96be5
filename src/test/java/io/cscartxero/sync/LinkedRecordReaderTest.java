package io.cscartxero.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;

/** What the delete jobs go through: one entity's links that exist in Xero, in CS-Cart id order, restartable by key. */
class LinkedRecordReaderTest {

    private final ConnectorDb db = new ConnectorDb();

    @BeforeEach
    void links() {
        List<SyncLink> links = new ArrayList<>();
        IntStream.rangeClosed(1, 130).forEach(i -> links.add(SyncLink.synced("ITEM", String.format("%03d", i), "item-" + i, "C" + i, "h")));
        links.add(SyncLink.rejected("ITEM", "500", null, "C500", "h"));          // never reached Xero
        links.add(SyncLink.synced("INVOICE", "007", "inv-7", "CS-7", "h"));       // another entity
        db.links.saveAll(ConnectorDb.TENANT, 1, links);
        db.links.saveAll("another-tenant", 1, List.of(SyncLink.synced("ITEM", "001", "other", "C1", "h")));
    }

    private JdbcPagingItemReader<SyncLink> reader(List<Long> ids) throws Exception {
        JdbcPagingItemReader<SyncLink> reader = LinkedRecordReader.build("linkedItemReader", db.dataSource, ConnectorDb.TENANT, "ITEM", ids);
        reader.afterPropertiesSet();
        return reader;
    }

    private static List<SyncLink> read(JdbcPagingItemReader<SyncLink> reader, int max) throws Exception {
        List<SyncLink> read = new ArrayList<>();
        for (SyncLink link; read.size() < max && (link = reader.read()) != null;) {
            read.add(link);
        }
        return read;
    }

    @Test
    void everyLinkOfTheEntityInXeroInIdOrder() throws Exception {
        JdbcPagingItemReader<SyncLink> reader = reader(null);
        reader.open(new ExecutionContext());
        List<SyncLink> all = read(reader, Integer.MAX_VALUE);
        reader.close();

        assertThat(all).hasSize(130).allSatisfy(l -> assertThat(l.entity()).isEqualTo("ITEM"));
        assertThat(all).extracting(SyncLink::cscartId).isSorted().doesNotContain("500");
        assertThat(all.get(0).xeroId()).isEqualTo("item-1");
    }

    @Test
    void onlyTheNamedRecordsAndNoneForAnEmptyList() throws Exception {
        JdbcPagingItemReader<SyncLink> named = reader(List.of(3L, 500L, 999L));
        named.open(new ExecutionContext());
        // ids are compared as the CS-Cart ids were stored
        assertThat(read(named, 10)).isEmpty();
        named.close();

        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(SyncLink.synced("ITEM", "3", "item-3b", "C3", "h")));
        JdbcPagingItemReader<SyncLink> three = reader(List.of(3L, 500L));
        three.open(new ExecutionContext());
        assertThat(read(three, 10)).extracting(SyncLink::xeroId).containsExactly("item-3b");
        three.close();

        JdbcPagingItemReader<SyncLink> none = reader(List.of());
        none.open(new ExecutionContext());
        assertThat(read(none, 10)).isEmpty();
        none.close();
    }

    @Test
    void aRestartReadsOnAfterTheLastSavedKey() throws Exception {
        JdbcPagingItemReader<SyncLink> first = reader(null);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        List<SyncLink> before = read(first, 50);
        first.update(context);     // what the step saves at a commit
        read(first, 7);            // read, but its chunk never committed
        first.close();

        JdbcPagingItemReader<SyncLink> again = reader(null);
        again.open(context);
        List<SyncLink> after = read(again, Integer.MAX_VALUE);
        again.close();

        assertThat(before).hasSize(50);
        assertThat(after).hasSize(80);
        assertThat(after.get(0).cscartId()).isEqualTo("051");
        assertThat(context.entrySet()).extracting(java.util.Map.Entry::getKey).as("the restart state is named after the reader").allMatch(k -> k.startsWith("linkedItemReader."));
    }
}
