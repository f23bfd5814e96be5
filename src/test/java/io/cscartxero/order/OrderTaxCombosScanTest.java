package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.tax.TaxCombo;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.TaxVariety;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@link OrderTaxCombos#scan} parses the T rows in batches on one thread per core and merges the batches in the
 * query's order. On a generated store (real MariaDB) with more T rows than several batches — the generator's tax
 * setups (VAT, GST, both, sales tax, sales + city tax, state + county, VAT at 12 % and 3 %, unit-price mode, untaxed,
 * tax exempt without T), plus rows edited here: tax-exempt orders that do have a T row, one unreadable T blob, a flat
 * tax, included and added taxes mixed, and four rates found in one order each, spread over the batches — the scan
 * must give what parsing the same rows one by one in order_id order gives: the same combinations in the same order,
 * the same order count per combination and the same number of orders read.
 */
class OrderTaxCombosScanTest {

    private static final String P = "cscart_";
    private static final List<String> STATUSES = List.of("C", "P", "O", "I", "F", "D", "B");
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** Rates no generated order has, each put on one order, in this order of order_id. */
    private static final List<String> RARE_RATES = List.of("19.000", "18.000", "17.000", "16.000");

    private static TestDatabase store;
    private static DataSource ds;
    private static JdbcTemplate jdbc;
    private static CsCartProperties properties;
    private static long unreadable;
    private static long flat;
    private static long mixed;
    private static final List<Long> exemptWithT = new ArrayList<>();
    private static final List<Long> rare = new ArrayList<>();

    /** A T row of the scope. */
    private record Row(long orderId, boolean exempt, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.ISO_8859_1); // byte for byte: PHP's lengths are in bytes
        }
    }

    @BeforeAll
    static void generate() {
        store = TestDatabases.create("taxcombos");
        ds = store.dataSource();
        jdbc = store.jdbc();
        StoreGenerator.populateStore(ds, P, 0, 0, 0, 1L); // the fixture's tables and seed
        TaxVariety.install(ds, P); // VAT at 10/12/3 %, state + county tax
        StoreGenerator.populateStore(ds, P, 60, 40, 2000, 4242L);
        properties = new CsCartProperties(P, null, null, null);

        List<Row> rows = rows(null);
        // candidates: readable orders with one tax in subtotal mode that puts a combination on a line
        List<Row> single = rows.stream().filter(r -> !r.exempt() && count(r.text(), "\"rate_type\"") == 1
                && !r.text().contains("\"P_") && !combos(r).isEmpty()).toList();
        List<Row> twoIncluded = rows.stream().filter(r -> !r.exempt()
                && count(r.text(), "s:18:\"price_includes_tax\";s:1:\"Y\"") == 2).toList();
        assertThat(single).hasSizeGreaterThan(500);
        assertThat(twoIncluded).isNotEmpty();

        for (int k = 0; k < RARE_RATES.size(); k++) { // in the 2nd, 3rd, 4th and 5th batch or so
            Row r = single.get(single.size() * (k + 1) / (RARE_RATES.size() + 1));
            update(r.orderId(), replaceFirst(r.text(), "s:10:\"rate_value\";s:\\d+:\"[^\"]*\"",
                    "s:10:\"rate_value\";s:" + RARE_RATES.get(k).length() + ":\"" + RARE_RATES.get(k) + "\""));
            rare.add(r.orderId());
        }
        Row f = single.get(7);
        update(f.orderId(), replaceFirst(f.text(), "s:9:\"rate_type\";s:1:\"P\"", "s:9:\"rate_type\";s:1:\"F\""));
        flat = f.orderId();
        Row m = twoIncluded.get(0);
        update(m.orderId(), replaceFirst(m.text(), "s:18:\"price_includes_tax\";s:1:\"Y\"",
                "s:18:\"price_includes_tax\";s:1:\"N\""));
        mixed = m.orderId();
        Row u = single.get(single.size() / 2 + 3);
        jdbc.update("UPDATE " + P + "order_data SET data = ? WHERE order_id = ? AND type = 'T'",
                "a:1:{i:6;a:3:{s:9:\"rate_type\";s:1:\"P\";".getBytes(StandardCharsets.ISO_8859_1), u.orderId());
        unreadable = u.orderId();
        for (int k : new int[] { 3, 11, single.size() - 5 }) { // exempt although CS-Cart recorded taxes
            long id = single.get(k).orderId();
            jdbc.update("UPDATE " + P + "orders SET tax_exempt = 'Y' WHERE order_id = ?", id);
            exemptWithT.add(id);
        }
    }

    @AfterAll
    static void dropStore() {
        if (store != null) {
            store.drop();
        }
    }

    private static void update(long orderId, String data) {
        jdbc.update("UPDATE " + P + "order_data SET data = ? WHERE order_id = ? AND type = 'T'",
                data.getBytes(StandardCharsets.ISO_8859_1), orderId);
    }

    private static String replaceFirst(String text, String regex, String replacement) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return text.substring(0, matcher.start()) + replacement + text.substring(matcher.end());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static List<TaxCombo> combos(Row r) {
        return OrderTaxCombos.combosOf(OrderDataParser.taxes(r.orderId(), r.data()));
    }

    /**
     * The T rows of the orders orderExportJob would read (not Multi-Vendor parents, not incomplete, these statuses;
     * these ids when given), in order_id order.
     */
    private static List<Row> rows(List<Long> orderIds) {
        Map<String, Object> params = new HashMap<>();
        params.put("statuses", STATUSES);
        params.put("ids", orderIds == null ? List.of(-1L) : orderIds);
        return new NamedParameterJdbcTemplate(ds).query("SELECT o.order_id, o.tax_exempt, d.data FROM " + P + "orders o"
                + " JOIN " + P + "order_data d ON d.order_id = o.order_id AND d.type = 'T'"
                + " WHERE o.is_parent_order <> 'Y' AND o.status <> 'N' AND "
                + (orderIds == null ? "o.status IN (:statuses)" : "o.order_id IN (:ids)") + " ORDER BY o.order_id",
                params, (rs, i) -> new Row(rs.getLong(1), "Y".equals(rs.getString(2)), rs.getBytes(3)));
    }

    /** The rows parsed one by one, in order: what the scan must give. */
    private static OrderTaxCombos.Scan oneByOne(List<Row> rows) {
        Map<String, TaxCombo> combos = new LinkedHashMap<>();
        Map<String, Long> counts = new HashMap<>();
        long orders = 0;
        for (Row r : rows) {
            if (r.exempt()) {
                continue;
            }
            List<TaxCombo> orderCombos;
            try {
                orderCombos = combos(r);
            } catch (InvalidOrderDataException | IllegalArgumentException | NullPointerException e) {
                continue;
            }
            orders++;
            Set<String> seen = new HashSet<>();
            for (TaxCombo combo : orderCombos) {
                combos.putIfAbsent(combo.key(), combo);
                if (seen.add(combo.key())) {
                    counts.merge(combo.key(), 1L, Long::sum);
                }
            }
        }
        return new OrderTaxCombos.Scan(combos, counts, orders);
    }

    private static void assertSame(OrderTaxCombos.Scan scan, OrderTaxCombos.Scan expected) {
        assertThat(scan.combos().keySet()).containsExactlyElementsOf(expected.combos().keySet());
        assertThat(List.copyOf(scan.combos().values())).containsExactlyElementsOf(expected.combos().values());
        assertThat(scan.orderCounts()).isEqualTo(expected.orderCounts());
        assertThat(scan.orders()).isEqualTo(expected.orders());
    }

    private static List<String> rareKeys(OrderTaxCombos.Scan scan) {
        return scan.combos().keySet().stream().filter(k -> RARE_RATES.stream()
                .anyMatch(rate -> k.contains("@" + rate.substring(0, 2) + "+") || k.endsWith("@" + rate.substring(0, 2))))
                .toList();
    }

    @Test
    void theParallelScanOfTheStoreIsTheScanOneByOne() {
        List<Row> rows = rows(null);
        OrderTaxCombos.Scan scan = OrderTaxCombos.scan(ds, properties, STATUSES, null, null, UTC, null);
        OrderTaxCombos.Scan expected = oneByOne(rows);
        System.out.printf("OrderTaxCombos: %d T rows (%d batches of 256), %d orders read, %d combinations: %s%n",
                rows.size(), (rows.size() + 255) / 256, scan.orders(), scan.combos().size(), scan.orderCounts());

        assertThat(rows.size()).as("more T rows than twice the batches a 2-core machine keeps in flight")
                .isGreaterThan(5 * 256);
        assertSame(scan, expected);
        // every T row counts except the tax-exempt ones and the unreadable one; the flat and the mixed one count
        // (read, nothing to map)
        assertThat(scan.orders()).isEqualTo(rows.size() - exemptWithT.size() - 1);
        assertThat(rows).extracting(Row::orderId).contains(unreadable, flat, mixed).containsAll(exemptWithT);
        // the rates of one order each: in order_id order, each once
        assertThat(rare).isSorted();
        List<String> rareKeys = rareKeys(scan);
        assertThat(rareKeys).hasSize(4);
        for (int k = 0; k < 4; k++) {
            assertThat(rareKeys.get(k)).contains("@" + RARE_RATES.get(k).substring(0, 2));
            assertThat(scan.orderCounts().get(rareKeys.get(k))).isEqualTo(1L);
        }
        // the store's setups are there, the common ones in many orders
        assertThat(scan.combos()).containsKeys("6@10", "7@15", "6@10+7@15", "8@8.25", "8@8.25+9@1.5");
        assertThat(scan.orderCounts().get("6@10")).isGreaterThan(100);
    }

    @Test
    void explicitOrdersAreScannedAsOneByOne() {
        List<Long> ids = new ArrayList<>();
        List<Row> all = rows(null);
        for (int k = 0; k < all.size(); k += 2) {
            ids.add(all.get(k).orderId());
        }
        ids.add(unreadable);
        ids.add(flat);
        ids.add(mixed);
        ids.addAll(exemptWithT);
        ids.addAll(rare);
        List<Long> distinct = ids.stream().distinct().toList();
        List<Row> rows = rows(distinct);
        assertThat(rows).hasSize(distinct.size()).hasSizeGreaterThan(2 * 256);

        OrderTaxCombos.Scan scan = OrderTaxCombos.scan(ds, properties, STATUSES, null, distinct, UTC, null);

        assertSame(scan, oneByOne(rows));
        assertThat(scan.orders()).isEqualTo(rows.size() - exemptWithT.size() - 1);
        assertThat(rareKeys(scan)).hasSize(4);
    }

    @Test
    void fewerOrdersThanOneBatchAndNone() {
        List<Long> few = rows(null).stream().limit(10).map(Row::orderId).toList();
        OrderTaxCombos.Scan scan = OrderTaxCombos.scan(ds, properties, STATUSES, null, few, UTC, null);
        assertSame(scan, oneByOne(rows(few)));
        assertThat(scan.orders()).isBetween(1L, 10L);

        OrderTaxCombos.Scan none = OrderTaxCombos.scan(ds, properties, STATUSES, null, List.of(-5L), UTC, null);
        assertThat(none.combos()).isEmpty();
        assertThat(none.orderCounts()).isEmpty();
        assertThat(none.orders()).isZero();
    }
    /** combosOf as it was written with streams (before a rewrite with loops and one combination per set of taxes). */
    private static List<TaxCombo> referenceCombosOf(List<OrderTax> taxes) {
        java.util.function.Predicate<TaxApplies> applies = a -> a.allItems() || !a.itemIds().isEmpty() || a.shipping() || a.paymentSurcharge();
        List<OrderTax> applied = taxes.stream().filter(t -> applies.test(t.applies())).toList();
        if (applied.isEmpty() || applied.stream().anyMatch(t -> !OrderTax.PERCENT.equals(t.rateType()))
                || applied.stream().map(OrderTax::priceIncludesTax).distinct().count() > 1) {
            return List.of();
        }
        List<List<OrderTax>> lines = new ArrayList<>();
        java.util.Set<String> itemIds = new java.util.HashSet<>();
        applied.forEach(t -> itemIds.addAll(t.applies().itemIds()));
        List<OrderTax> everyLine = applied.stream().filter(t -> t.applies().allItems()).toList();
        for (String itemId : itemIds) {
            lines.add(applied.stream().filter(t -> t.applies().allItems() || t.applies().itemIds().contains(itemId)).toList());
        }
        if (!everyLine.isEmpty()) {
            lines.add(everyLine);
        }
        lines.add(applied.stream().filter(t -> t.applies().shipping()).toList());
        lines.add(applied.stream().filter(t -> t.applies().paymentSurcharge()).toList());
        List<TaxCombo> combos = new ArrayList<>();
        for (List<OrderTax> line : lines) {
            if (!line.isEmpty()) {
                combos.add(new TaxCombo(line.stream().map(t -> new io.cscartxero.tax.AppliedTax(t.taxId(), t.description(),
                        t.rateValue(), t.priority(), t.priceIncludesTax())).toList()));
            }
        }
        return combos;
    }

    @Test
    void everyOrdersCombinationsAreTheStreamVersionsInTheSameOrder() {
        int compared = 0;
        for (Row row : rows(null)) {
            List<OrderTax> taxes;
            try {
                taxes = OrderDataParser.taxes(row.orderId(), row.data());
            } catch (InvalidOrderDataException e) {
                continue; // the unreadable row
            }
            assertThat(OrderTaxCombos.combosOf(taxes)).as("order %d", row.orderId()).isEqualTo(referenceCombosOf(taxes));
            compared++;
        }
        assertThat(compared).isGreaterThan(1_500);
    }
}
