package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The invoice step's reader on a generated store (real MariaDB): it reads ahead in pages larger than a chunk, yet
 * every order comes once, in order_id order, with its lines; and a restart continues after the last order handed
 * out before the save — also from the position the previous reader (JdbcPagingItemReader) saved.
 */
class OrderReaderTest {

    private static TestDatabase store;
    private static NamedParameterJdbcTemplate cscart;
    private static List<Long> eligible;

    @BeforeAll
    static void createStore() {
        store = TestDatabases.create("orders");
        StoreGenerator.populateStore(store.dataSource(), "cscart_", 40, 5, 230, 17);
        cscart = new NamedParameterJdbcTemplate(store.dataSource());
        eligible = cscart.getJdbcTemplate().queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order <> 'Y'"
                + " AND status IN ('P','C') ORDER BY order_id", Long.class);
    }

    @AfterAll
    static void dropStore() {
        store.drop();
    }

    private static OrderReader reader(int pageSize) {
        var queries = new CsCartOrderQueries(new CsCartProperties("cscart_", null, null, null));
        return new OrderReader(cscart, queries, OrderExportJobConfiguration.filter(null, java.util.List.of("P", "C"), null, null, "UTC", null), Map.of(), pageSize);
    }

    private static List<SourceOrder> read(OrderReader reader, int max) {
        List<SourceOrder> read = new ArrayList<>();
        for (SourceOrder o; read.size() < max && (o = reader.read()) != null;) {
            read.add(o);
        }
        return read;
    }

    @Test
    void everyOrderOnceInOrderWithItsLines() {
        OrderReader reader = reader(50);
        reader.open(new ExecutionContext());
        List<SourceOrder> all = read(reader, Integer.MAX_VALUE);
        assertThat(eligible).hasSizeGreaterThan(100);
        assertThat(all).extracting(o -> o.row().orderId()).containsExactlyElementsOf(eligible);
        long lines = cscart.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM cscart_order_details d JOIN cscart_orders o"
                + " ON o.order_id = d.order_id WHERE o.is_parent_order <> 'Y' AND o.status IN ('P','C')", Long.class);
        long readLines = all.stream().filter(o -> o.order() != null).mapToLong(o -> o.order().lines().size()).sum();
        assertThat(readLines).isPositive().isLessThanOrEqualTo(lines);
        assertThat(reader.read()).isNull();
        // the invoice step reads each order's buyer and money, not its addresses (the buyer step sends the contacts)
        OrderRow first = all.get(0).row();
        var stored = cscart.getJdbcTemplate().queryForMap("SELECT email, total, b_city FROM cscart_orders WHERE order_id = ?",
                first.orderId());
        assertThat(first.email()).isEqualTo(stored.get("email"));
        assertThat(first.money().total()).isEqualByComparingTo((java.math.BigDecimal) stored.get("total"));
        assertThat(first.billing()).isSameAs(CsCartOrderQueries.NOT_READ);
        assertThat(first.shipping()).isSameAs(CsCartOrderQueries.NOT_READ);
    }

    @Test
    void readingTwoPagesAheadGivesEveryOrderOnceInOrderAndRestartsAtTheLastHandedOut() {
        var queries = new CsCartOrderQueries(new io.cscartxero.cscart.CsCartProperties("cscart_", null, null, null));
        var filter = OrderExportJobConfiguration.filter(null, java.util.List.of("P", "C"), null, null, "UTC", null);
        OrderReader reader = new OrderReader(cscart, queries, filter, Map.of(), 7, null, 2);
        reader.open(new ExecutionContext());
        List<SourceOrder> first = read(reader, 10);   // two pages ahead of the 10th order when it stops
        ExecutionContext saved = new ExecutionContext();
        reader.update(saved);
        reader.close();
        OrderReader restarted = new OrderReader(cscart, queries, filter, Map.of(), 7, null, 2);
        restarted.open(saved);
        List<Long> ids = new java.util.ArrayList<>(first.stream().map(o -> o.row().orderId()).toList());
        read(restarted, Integer.MAX_VALUE).forEach(o -> ids.add(o.row().orderId()));
        assertThat(ids).containsExactlyElementsOf(eligible);
        assertThat(restarted.read()).isNull();
        restarted.close();
    }

    @Test
    void restartContinuesAfterTheLastOrderHandedOutNotAfterThePageReadAhead() {
        OrderReader first = reader(100);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        List<SourceOrder> chunkOne = read(first, 37);   // a page of 100 was read; 37 were handed to the step
        first.update(context);
        first.close();

        OrderReader restarted = reader(100);
        restarted.open(context);
        List<SourceOrder> rest = read(restarted, Integer.MAX_VALUE);
        List<Long> ids = new ArrayList<>();
        chunkOne.forEach(o -> ids.add(o.row().orderId()));
        rest.forEach(o -> ids.add(o.row().orderId()));
        assertThat(ids).containsExactlyElementsOf(eligible);
    }

    @Test
    void restartFromThePositionThePagingReaderSaved() {
        ExecutionContext legacy = new ExecutionContext();
        legacy.put("orderReader.start.after", Map.of("order_id", eligible.get(49)));
        legacy.putLong("orderReader.read.count", 50);
        OrderReader restarted = reader(500);
        restarted.open(legacy);
        assertThat(read(restarted, Integer.MAX_VALUE)).extracting(o -> o.row().orderId())
                .containsExactlyElementsOf(eligible.subList(50, eligible.size()));
    }
}
