package io.cscartxero.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.InvoicedOrderScope;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.UltimateStorefronts;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The reconciliation's store side counts the orders of its storefronts only, through {@link InvoicedOrderScope}'s own
 * WHERE (StoreSide appends nothing): on a CS-Cart Ultimate store with three storefronts, the orders of storefronts 2
 * and 3 are exactly those of the scope without storefronts whose {@code company_id} is 2 or 3.
 */
class StoreSideStorefrontsTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static CsCartProperties storefronts(Long... ids) {
        return new CsCartProperties(ConnectorHarness.PREFIX, null, null, null, null, null, List.of(ids));
    }

    @Test
    void theScopesStorefrontsSelectTheOrdersOfThoseStorefrontsOnly() {
        harness = ConnectorHarness.start();
        JdbcTemplate db = harness.cscartJdbc();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 20, 12, 60, 2203L);
        UltimateStorefronts.apply(db, ConnectorHarness.PREFIX);
        NamedParameterJdbcTemplate cscart = new NamedParameterJdbcTemplate(harness.cscart.dataSource());
        Map<Long, Long> storefrontOf = new java.util.HashMap<>();
        db.query("SELECT order_id, company_id FROM " + ConnectorHarness.PREFIX + "orders", rs -> {
            storefrontOf.put(rs.getLong(1), rs.getLong(2));
        });
        List<String> statuses = List.of("P", "C");
        var zone = java.time.ZoneId.of("UTC");

        List<Long> all = ids(new StoreSide(cscart, storefronts()).ordersToInvoice(InvoicedOrderScope.of(storefronts(), statuses, null, null, zone)));
        CsCartProperties two = storefronts(2L, 3L);
        List<Long> ofTwo = ids(new StoreSide(cscart, two).ordersToInvoice(InvoicedOrderScope.of(two, statuses, null, null, zone)));

        assertThat(all.stream().map(storefrontOf::get).distinct()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(ofTwo).isNotEmpty().isEqualTo(all.stream().filter(id -> storefrontOf.get(id) != 1L).toList());
    }

    private static List<Long> ids(List<StoreSide.StoreOrder> orders) {
        return orders.stream().map(StoreSide.StoreOrder::orderId).toList();
    }
}
