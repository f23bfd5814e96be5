package io.cscartxero.order;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.tax.AppliedTax;
import io.cscartxero.tax.TaxCombo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The distinct tax combinations (taxes applied together to one line, each at its rate) on the orders of a run's
 * scope, read from their {@code order_data} T rows alone — one streamed query, no order lines — so that the tax plan
 * is settled before the first order is sent, also for 100,000 orders. A line's taxes are the taxes whose
 * {@code applies} names it (or all lines); shipping and the payment surcharge count as lines. Orders the calculator
 * refuses anyway (tax exempt, unreadable data, flat taxes, included and added taxes mixed) contribute nothing.
 */
public final class OrderTaxCombos {

    /**
     * @param combos      rate key ("6@12") → combination
     * @param orderCounts rate key → orders that have it
     * @param orders      orders with taxes read
     */
    public record Scan(Map<String, TaxCombo> combos, Map<String, Long> orderCounts, long orders) {
    }

    private OrderTaxCombos() {
    }

    /** The orders orderExportJob would read with these parameters (null = not given; statuses empty = the default). */
    public static Scan scan(DataSource cscart, CsCartProperties properties, List<String> statuses, LocalDate since,
            List<Long> orderIds, ZoneId zone, Long changedAfter) {
        return scan(cscart, properties, new CsCartOrderQueries.Filter(statuses, since, orderIds == null ? List.of() : orderIds,
                zone, changedAfter));
    }

    /** Orders per batch parsed on a worker thread while the query streams the next ones. */
    private static final int BATCH = 256;

    /**
     * One streamed query; the T rows are parsed (PHP unserialize, the bulk of the scan's CPU) in batches on one thread
     * per core while the query streams on, and the batches are merged in the query's order — the same combinations,
     * in the same order, with the same counts as parsed one by one. At most two batches per thread are in flight
     * (bounded memory whatever the number of orders).
     */
    static Scan scan(DataSource cscart, CsCartProperties properties, CsCartOrderQueries.Filter filter) {
        JdbcTemplate streaming = new JdbcTemplate(cscart);
        streaming.setFetchSize(Integer.MIN_VALUE); // MySQL Connector/J: stream row by row instead of buffering all blobs
        String sql = "SELECT o.order_id, o.tax_exempt, d.data FROM " + properties.table("orders") + " o JOIN "
                + properties.table("order_data") + " d ON d.order_id = o.order_id AND d.type = 'T' WHERE " + filter.where(properties);
        Map<String, TaxCombo> combos = new LinkedHashMap<>();
        Map<String, Long> counts = new HashMap<>();
        long[] orders = { 0 };
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService parsers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "orderTaxCombos-parse");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<List<List<Keyed>>>> inFlight = new ArrayDeque<>();
        Consumer<List<List<Keyed>>> merge = batch -> {
            for (List<Keyed> orderCombos : batch) {
                if (orderCombos == null) {
                    continue; // tax exempt or unreadable: the job logs the latter
                }
                orders[0]++;
                Set<String> seen = new HashSet<>();
                for (Keyed combo : orderCombos) {
                    combos.putIfAbsent(combo.key(), combo.combo());
                    if (seen.add(combo.key())) {
                        counts.merge(combo.key(), 1L, Long::sum);
                    }
                }
            }
        };
        try {
            List<long[]> ids = new ArrayList<>(BATCH);
            List<byte[]> blobs = new ArrayList<>(BATCH);
            Runnable submit = () -> {
                List<long[]> batchIds = List.copyOf(ids);
                List<byte[]> batchBlobs = new ArrayList<>(blobs);
                ids.clear();
                blobs.clear();
                if (inFlight.size() >= 2 * threads) {
                    merge.accept(result(inFlight.poll()));
                }
                inFlight.add(parsers.submit(() -> parse(batchIds, batchBlobs)));
            };
            new NamedParameterJdbcTemplate(streaming).query(sql, filter.parameters(), rs -> {
                ids.add(new long[] { rs.getLong(1), "Y".equals(rs.getString(2)) ? 1 : 0 });
                blobs.add(rs.getBytes(3));
                if (ids.size() == BATCH) {
                    submit.run();
                }
            });
            if (!ids.isEmpty()) {
                submit.run();
            }
            while (!inFlight.isEmpty()) {
                merge.accept(result(inFlight.poll()));
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
            parsers.shutdownNow();
        }
        return new Scan(combos, counts, orders[0]);
    }

    /** A combination and its key ({@link TaxCombo#key()}), computed on the parsing thread. */
    private record Keyed(String key, TaxCombo combo) {
    }

    /**
     * Each order's combinations, in order; null for an order that contributes nothing (tax exempt, unreadable). Most
     * orders repeat a few combinations: a combination equal to one seen in the batch reuses its key (the same key:
     * it is a function of the combination) instead of formatting every rate again.
     */
    private static List<List<Keyed>> parse(List<long[]> ids, List<byte[]> blobs) {
        List<List<Keyed>> parsed = new ArrayList<>(ids.size());
        Map<TaxCombo, String> keys = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            long[] id = ids.get(i);
            if (id[1] == 1) {
                parsed.add(null);
                continue;
            }
            try {
                List<TaxCombo> orderCombos = combosOf(OrderDataParser.taxes(id[0], blobs.get(i)));
                List<Keyed> keyed = new ArrayList<>(orderCombos.size());
                for (TaxCombo combo : orderCombos) {
                    keyed.add(new Keyed(keys.computeIfAbsent(combo, TaxCombo::key), combo));
                }
                parsed.add(keyed);
            } catch (InvalidOrderDataException | IllegalArgumentException | NullPointerException e) {
                parsed.add(null); // the job logs this order as unreadable
            }
        }
        return parsed;
    }

    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the orders' taxes", e);
        } catch (ExecutionException e) {
            throw ExecutionFailures.unchecked(e);
        }
    }

    /**
     * The combinations one order's taxes put on its lines: one per line kind — each item id the taxes name (in the
     * order of a HashSet of them), the lines no tax names one by one, shipping, the payment surcharge — when any tax
     * applies to it. Lines with the same taxes share one combination (built once per order).
     */
    static List<TaxCombo> combosOf(List<OrderTax> taxes) {
        List<OrderTax> applied = new ArrayList<>(taxes.size());
        for (OrderTax t : taxes) {
            if (applies(t.applies())) {
                applied.add(t);
            }
        }
        if (applied.isEmpty()) {
            return List.of();
        }
        for (OrderTax t : applied) {
            if (!OrderTax.PERCENT.equals(t.rateType()) || t.priceIncludesTax() != applied.get(0).priceIncludesTax()) {
                return List.of(); // flat taxes, or included and added taxes mixed: the calculator refuses the order
            }
        }
        Set<String> itemIds = new HashSet<>();
        applied.forEach(t -> itemIds.addAll(t.applies().itemIds()));
        Lines lines = new Lines(applied);
        for (String itemId : itemIds) {
            lines.add(t -> t.applies().allItems() || t.applies().itemIds().contains(itemId));
        }
        lines.add(t -> t.applies().allItems()); // lines no tax names one by one
        lines.add(t -> t.applies().shipping());
        lines.add(t -> t.applies().paymentSurcharge());
        return lines.combos;
    }

    /** The combinations of one order's lines, in the order added; a line no tax applies to adds none. */
    private static final class Lines {
        private final List<OrderTax> applied;
        private final AppliedTax[] converted;
        private final Map<Long, TaxCombo> byTaxes = new HashMap<>();
        final List<TaxCombo> combos = new ArrayList<>();

        Lines(List<OrderTax> applied) {
            this.applied = applied;
            this.converted = new AppliedTax[applied.size()];
        }

        void add(java.util.function.Predicate<OrderTax> on) {
            long mask = 0;
            List<AppliedTax> line = new ArrayList<>(2);
            for (int i = 0; i < applied.size(); i++) {
                OrderTax t = applied.get(i);
                if (on.test(t)) {
                    mask |= i < 63 ? 1L << i : 0;
                    if (converted[i] == null) {
                        converted[i] = new AppliedTax(t.taxId(), t.description(), t.rateValue(), t.priority(), t.priceIncludesTax());
                    }
                    line.add(converted[i]);
                }
            }
            if (line.isEmpty()) {
                return;
            }
            // more than 63 taxes (never seen): no sharing, each line its own combination
            TaxCombo combo = applied.size() > 63 ? new TaxCombo(line) : byTaxes.computeIfAbsent(mask, m -> new TaxCombo(line));
            combos.add(combo);
        }
    }

    private static boolean applies(TaxApplies a) {
        return a.allItems() || !a.itemIds().isEmpty() || a.shipping() || a.paymentSurcharge();
    }
}
