package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The buyer step's progress total on a generated store (real MariaDB): at least what its reader returns on a first run. */
class BuyerProgressCountTest {

    private static TestDatabase store;
    private static NamedParameterJdbcTemplate cscart;

    @BeforeAll
    static void createStore() {
        store = TestDatabases.create("buyercount");
        StoreGenerator.populateStore(store.dataSource(), "cscart_", 40, 5, 200, 17);
        cscart = new NamedParameterJdbcTemplate(store.dataSource());
    }

    @AfterAll
    static void dropStore() {
        store.drop();
    }

    @Test
    void theTotalCoversEveryContactTheReaderReturnsAndNoMoreThanTheOrders() {
        CsCartProperties properties = new CsCartProperties("cscart_", null, null, null);
        var filter = OrderExportJobConfiguration.filter(null, java.util.List.of("P", "C"), null, null, "UTC", null);
        long total = cscart.queryForObject(OrderExportJobConfiguration.buyerCountQuery(properties, filter), filter.parameters(), Long.class);
        long orders = cscart.queryForObject(new CsCartOrderQueries(properties).countQuery(filter), filter.parameters(), Long.class);

        DataSource connector = new DriverManagerDataSource("jdbc:h2:mem:buyercount-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(connector).locations("classpath:db/connector").load().migrate();
        BuyerContactReader reader = new BuyerContactReader(cscart, BuyerContactReader.pageQuery(new CsCartOrderQueries(properties).fromClause(filter)),
                filter.parameters(), new OrderContactFactory(cscart, properties), new SyncLinkRepository(new JdbcTemplate(connector)),
                "tenant", 37, true);
        reader.open(new ExecutionContext());
        Set<String> read = new HashSet<>();
        for (ContactSyncItem item; (item = reader.read()) != null;) {
            read.add(item.entity() + ":" + item.cscartId());
        }
        reader.close();

        assertThat(read).isNotEmpty();
        assertThat(total).isGreaterThanOrEqualTo(read.size()).isLessThanOrEqualTo(orders);
    }
}
