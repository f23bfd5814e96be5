package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The buyer step's reader on a generated store (real MariaDB) and a real connector database: every order's buyer
 * once, linked buyers never, and a restart from the saved position neither loses nor repeats a buyer.
 */
class BuyerContactReaderTest {

    private static final String TENANT = "tenant-1";
    private static TestDatabase store;
    private static NamedParameterJdbcTemplate cscart;
    private SyncLinkRepository links;
    private JdbcTemplate connector;

    @BeforeAll
    static void createStore() {
        store = TestDatabases.create("buyers");
        StoreGenerator.populateStore(store.dataSource(), "cscart_", 60, 5, 300, 11);
        cscart = new NamedParameterJdbcTemplate(store.dataSource());
    }

    @AfterAll
    static void dropStore() {
        store.drop();
    }

    @BeforeEach
    void connectorDatabase() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:buyers-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/connector").load().migrate();
        connector = new JdbcTemplate(ds);
        links = new SyncLinkRepository(connector);
    }

    private BuyerContactReader reader(boolean enabled) {
        CsCartProperties properties = new CsCartProperties("cscart_", null, null, null);
        var filter = OrderExportJobConfiguration.filter(null, List.of("P", "C"), null, null, "UTC", null);
        return new BuyerContactReader(cscart, BuyerContactReader.pageQuery(new CsCartOrderQueries(properties).fromClause(filter)),
                filter.parameters(), new OrderContactFactory(cscart, properties), links, TENANT, 37, enabled);
    }

    private static List<ContactSyncItem> readAll(BuyerContactReader reader, int max) {
        List<ContactSyncItem> read = new ArrayList<>();
        for (ContactSyncItem item; read.size() < max && (item = reader.read()) != null;) {
            read.add(item);
        }
        return read;
    }

    private void link(List<ContactSyncItem> items) {
        links.saveAll(TENANT, 1, items.stream().map(i -> SyncLink.synced(i.entity(), i.cscartId(), "x-" + i.cscartId(),
                i.contact().contactNumber(), i.payloadHash())).toList());
    }

    private static Set<String> keys(List<ContactSyncItem> items) {
        Set<String> keys = new HashSet<>();
        items.forEach(i -> assertThat(keys.add(i.entity() + ":" + i.cscartId())).as("returned once: %s", i.cscartId()).isTrue());
        return keys;
    }

    @Test
    void everyBuyerOnceAndLinkedBuyersNever() {
        BuyerContactReader reader = reader(true);
        reader.open(new ExecutionContext());
        List<ContactSyncItem> all = readAll(reader, Integer.MAX_VALUE);
        Set<String> keys = keys(all);
        long guestOrders = cscart.getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM cscart_orders WHERE status IN ('P','C') AND is_parent_order <> 'Y' AND user_id = 0", Long.class);
        assertThat(all).isNotEmpty();
        assertThat(keys).anyMatch(k -> k.startsWith(ContactSyncItem.CUSTOMER_ENTITY + ":"));
        if (guestOrders > 0) {
            assertThat(keys).anyMatch(k -> k.startsWith(ContactSyncItem.GUEST_ENTITY + ":"));
        }
        // each order's buyer is among them
        var filter = OrderExportJobConfiguration.filter(null, List.of("P", "C"), null, null, "UTC", null);
        Map<String, Object> parameters = new java.util.HashMap<>(filter.parameters());
        parameters.put("afterOrderId", 0);
        parameters.put("pageSize", 100_000);
        List<OrderRow> orders = cscart.query(BuyerContactReader.pageQuery(new CsCartOrderQueries(new CsCartProperties("cscart_", null, null, null))
                .fromClause(filter)), parameters, CsCartOrderQueries.ROW_MAPPER);
        link(all);
        var resolved = new BuyerContacts(new OrderContactFactory(cscart, new CsCartProperties("cscart_", null, null, null)), links, TENANT)
                .resolve(orders);
        assertThat(resolved.problems()).as("every order has its buyer's contact").isEmpty();
        assertThat(resolved.contactIds()).hasSize(orders.size());
        reader.close();

        BuyerContactReader again = reader(true);
        again.open(new ExecutionContext());
        assertThat(again.read()).as("all linked: nothing to send").isNull();
    }

    @Test
    void aRestartContinuesAfterTheLastCommittedChunk() {
        BuyerContactReader first = reader(true);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        List<ContactSyncItem> committed = readAll(first, 50);
        first.update(context);
        link(committed);   // the chunk commits with its links
        readAll(first, 20);   // read, never committed: the run dies here
        first.close();

        BuyerContactReader restarted = reader(true);
        restarted.open(new ExecutionContext(context.toMap()));
        List<ContactSyncItem> rest = readAll(restarted, Integer.MAX_VALUE);

        connectorDatabase();   // no links: what a first run reads
        BuyerContactReader fresh = reader(true);
        fresh.open(new ExecutionContext());
        Set<String> everyone = keys(readAll(fresh, Integer.MAX_VALUE));
        Set<String> union = new HashSet<>(keys(committed));
        Set<String> restKeys = keys(rest);
        assertThat(restKeys).as("nothing committed is read again").doesNotContainAnyElementsOf(union);
        union.addAll(restKeys);
        assertThat(union).isEqualTo(everyone);
        assertThat(context.getLong(BuyerContactReader.POSITION_KEY)).isPositive();
    }

    @Test
    void aDryRunReadsNoBuyer() {
        BuyerContactReader reader = reader(false);
        reader.open(new ExecutionContext());
        assertThat(reader.read()).isNull();
    }
}
