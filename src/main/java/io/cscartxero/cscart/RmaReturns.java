package io.cscartxero.cscart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The RMA add-on's refund returns, read as CS-Cart itself decides them (add-on {@code rma}, {@code func.php}
 * {@code fn_rma_recalculate_order}, {@code fn_is_refund_action}):
 * <ul>
 * <li>a return is a <b>refund</b> when its action ({@code rma_returns.action} → {@code rma_properties}, type
 * {@code 'A'}) has {@code update_totals_and_inventory = 'Y'} ("Refund" in a default install);</li>
 * <li>it is <b>completed</b> when its status (a {@code statuses} row of type {@code 'R'}) has {@code status_data}
 * {@code inventory = 'I'} ("increase": the goods are back in stock) and is not the status every return starts in
 * ({@code RMA_DEFAULT_STATUS}, 'R' Requested, a constant of the add-on's code, not a setting). Moving a refund return
 * into such a status is what makes CS-Cart lower the order (quantities, totals, taxes, {@code order_data} type
 * {@code H}); moving it back to Requested or to a status with {@code inventory = 'D'} (Declined) puts the order back.
 * In a default install that is A (Approved) and C (Completed); a status a merchant adds with "increase" counts too.</li>
 * <li>the returned lines are {@code rma_return_products} rows of type {@code 'A'} (accepted; 'D' rows are the
 * products the merchant declined): {@code item_id} (the order line), {@code product_id}, {@code amount} (a quantity),
 * {@code price} (per unit, as on the order line).</li>
 * </ul>
 * Shared by orderExportJob (an order with a completed refund return keeps the invoice of what was sold) and
 * refundExportJob (each completed refund return becomes one credit note). Read-only; SELECT on {@code rma_returns},
 * {@code rma_return_products}, {@code rma_properties}, {@code statuses}, {@code status_data}.
 */
public final class RmaReturns {

    /** The status every return starts in (the add-on's {@code RMA_DEFAULT_STATUS}). */
    public static final String REQUESTED = "R";
    /** {@code rma_return_products.type} of the products accepted for return ({@code RETURN_PRODUCT_ACCEPTED}). */
    static final String ACCEPTED = "A";

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties tables;
    /** Completed statuses and refund actions (empty when the add-on is not installed); read once per instance. */
    private volatile RefundFilter refundFilter;

    /** Which returns are completed refunds: their statuses and actions (either empty: none is). */
    private record RefundFilter(List<String> statuses, List<Long> actions) {
        boolean matchesNothing() {
            return statuses.isEmpty() || actions.isEmpty();
        }
    }

    public RmaReturns(NamedParameterJdbcTemplate cscart, CsCartProperties tables) {
        this.cscart = cscart;
        this.tables = tables;
    }

    /** One returned order line. */
    public record ReturnedLine(long itemId, long productId, String product, long quantity, BigDecimal price) {
    }

    /** A refund return with its accepted lines. */
    public record RefundReturn(long returnId, long orderId, String status, List<ReturnedLine> lines) {
    }

    /** Return statuses that count as completed (see the class comment), ascending. */
    public List<String> completedStatuses() {
        return cscart.queryForList("SELECT s.status FROM " + tables.table("statuses") + " s WHERE s.type = 'R'"
                + " AND s.status <> :requested AND EXISTS (SELECT 1 FROM " + tables.table("status_data") + " d"
                + " WHERE d.status_id = s.status_id AND d.param = 'inventory' AND d.value = 'I') ORDER BY s.status",
                Map.of("requested", REQUESTED), String.class);
    }

    /** The actions ({@code rma_properties.property_id}, type 'A') that refund. */
    public List<Long> refundActions() {
        return cscart.queryForList("SELECT property_id FROM " + tables.table("rma_properties") + " WHERE type = 'A'"
                + " AND update_totals_and_inventory = 'Y' ORDER BY property_id", Map.of(), Long.class);
    }

    /** Whether the RMA add-on's tables are there (it can be uninstalled; then there are no returns). */
    public boolean installed() {
        try {
            cscart.queryForList("SELECT return_id FROM " + tables.table("rma_returns") + " WHERE 1 = 0", Map.of(),
                    Long.class);
            return true;
        } catch (org.springframework.jdbc.BadSqlGrammarException e) {
            return false;
        }
    }

    /** Whether any return can be a completed refund (the add-on is installed with refund statuses and actions). */
    public boolean refundsPossible() {
        return !refundFilter().matchesNothing();
    }

    /**
     * The completed statuses and refund actions, read on the first use and kept by this instance (each job step and
     * check makes its own, so a status the merchant adds is seen by the next run).
     */
    private RefundFilter refundFilter() {
        if (refundFilter == null) {
            refundFilter = installed() ? new RefundFilter(completedStatuses(), refundActions())
                    : new RefundFilter(List.of(), List.of());
        }
        return refundFilter;
    }

    /** The returns of the orders of {@code cscart.storefronts} only ("" when every storefront is synced). */
    private String storefrontOrders() {
        String condition = tables.storefrontCondition("company_id");
        return condition.isEmpty() ? "" : " AND order_id IN (SELECT order_id FROM " + tables.table("orders") + " WHERE 1 = 1" + condition + ")";
    }

    /** Orders with at least one completed refund return: CS-Cart has lowered them by what was returned. */
    public Set<Long> ordersWithCompletedRefunds() {
        RefundFilter filter = refundFilter();
        if (filter.matchesNothing()) return Set.of();
        return new TreeSet<>(cscart.queryForList("SELECT DISTINCT order_id FROM " + tables.table("rma_returns")
                + " WHERE status IN (:statuses) AND action IN (:actions)" + storefrontOrders(), Map.of("statuses", filter.statuses(),
                        "actions", filter.actions()), Long.class));
    }

    /**
     * Completed refund returns, ascending by return id, with their accepted lines; only those of these orders when
     * {@code orderIds} is not null.
     */
    public List<RefundReturn> completedRefunds(Collection<Long> orderIds) {
        RefundFilter filter = refundFilter();
        if (filter.matchesNothing() || (orderIds != null && orderIds.isEmpty())) return List.of();
        Map<String, Object> params = new HashMap<>(Map.of("statuses", filter.statuses(), "actions", filter.actions()));
        String sql = "SELECT return_id, order_id, status FROM " + tables.table("rma_returns")
                + " WHERE status IN (:statuses) AND action IN (:actions)" + storefrontOrders();
        if (orderIds != null) {
            sql += " AND order_id IN (:orders)";
            params.put("orders", orderIds);
        }
        return withLines(cscart.query(sql + " ORDER BY return_id", params,
                (rs, i) -> new RefundReturn(rs.getLong(1), rs.getLong(2), rs.getString(3), List.of())));
    }

    /** Of these returns, those that are not (or no longer) completed refunds: gone, declined, back to requested. */
    public Set<Long> notCompleted(Collection<Long> returnIds) {
        Set<Long> left = new TreeSet<>(returnIds);
        if (left.isEmpty()) return left;
        RefundFilter filter = refundFilter();
        if (filter.matchesNothing()) return left;
        left.removeAll(cscart.queryForList("SELECT return_id FROM " + tables.table("rma_returns")
                + " WHERE return_id IN (:ids) AND status IN (:statuses) AND action IN (:actions)",
                Map.of("ids", returnIds, "statuses", filter.statuses(), "actions", filter.actions()), Long.class));
        return left;
    }

    /**
     * The completed refund returns' ids by order, ascending, of these orders (none: an empty list); empty when the
     * add-on is not installed. Whether it is installed, its completed statuses and refund actions are read once per
     * instance (the order reader reads returns twice per page).
     */
    public Map<Long, List<Long>> completedRefundIds(Collection<Long> orderIds) {
        Map<Long, List<Long>> byOrder = new HashMap<>();
        orderIds.forEach(id -> byOrder.put(id, new ArrayList<>()));
        return orderIds.isEmpty() ? byOrder : completedRefundIds(byOrder, " AND order_id IN (:orders)", Map.of("orders", orderIds));
    }

    /** As {@link #completedRefundIds(Collection)}, of the orders with {@code afterOrderId < order_id <= upToOrderId}. */
    public Map<Long, List<Long>> completedRefundIds(long afterOrderId, long upToOrderId) {
        return completedRefundIds(new HashMap<>(), " AND order_id > :after AND order_id <= :upTo",
                Map.of("after", afterOrderId, "upTo", upToOrderId));
    }

    private Map<Long, List<Long>> completedRefundIds(Map<Long, List<Long>> byOrder, String which, Map<String, Object> whichParams) {
        RefundFilter filter = refundFilter();
        if (filter.matchesNothing()) return byOrder;
        Map<String, Object> params = new HashMap<>(whichParams);
        params.put("statuses", filter.statuses());
        params.put("actions", filter.actions());
        cscart.query("SELECT order_id, return_id FROM " + tables.table("rma_returns") + " WHERE status IN (:statuses)"
                + " AND action IN (:actions)" + which + " ORDER BY order_id, return_id", params, rs -> {
            byOrder.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        return byOrder;
    }

    /**
     * What an {@code INVOICE} link records (its {@code field_values}) of the completed refund returns the invoice
     * already reflects: orderExportJob invoices CS-Cart's order as it is, lowered by the returns completed when it was
     * read; refundExportJob credits only the others. Written with the link, in the chunk transaction.
     */
    public static final class InInvoice {
        /** The field_values key. */
        public static final String FIELD = "RefundReturns";
        /** The value when it is not known (the returns changed while the order was read): compare totals instead. */
        static final String UNKNOWN = "?";

        private InInvoice() {
        }

        /** The field values of an invoice made from an order lowered by these returns (null: not known). */
        public static Map<String, String> fieldValues(List<Long> returnIds) {
            return Map.of(FIELD, returnIds == null ? UNKNOWN
                    : String.join(",", returnIds.stream().sorted().map(String::valueOf).toList()));
        }

        /**
         * The returns an invoice link says its invoice reflects; null when the link does not say (written before
         * the connector recorded it, or not known when the invoice was sent).
         */
        public static Set<Long> of(Map<String, String> fieldValues) {
            String value = fieldValues == null ? null : fieldValues.get(FIELD);
            if (value == null || value.equals(UNKNOWN)) return null;
            Set<Long> ids = new TreeSet<>();
            for (String id : value.split(",")) {
                if (!id.isBlank()) ids.add(Long.valueOf(id.trim()));
            }
            return ids;
        }
    }

    private List<RefundReturn> withLines(List<RefundReturn> heads) {
        if (heads.isEmpty()) return List.of();
        Map<Long, List<ReturnedLine>> lines = new LinkedHashMap<>();
        List<Long> ids = heads.stream().map(RefundReturn::returnId).toList();
        for (int i = 0; i < ids.size(); i += 1000) {
            cscart.query("SELECT return_id, item_id, product_id, product, amount, price FROM "
                    + tables.table("rma_return_products") + " WHERE return_id IN (:ids) AND type = :accepted"
                    + " ORDER BY return_id, item_id", Map.of("ids", ids.subList(i, Math.min(ids.size(), i + 1000)),
                            "accepted", ACCEPTED), rs -> {
                                lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new ReturnedLine(
                                        rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5),
                                        rs.getBigDecimal(6)));
                            });
        }
        return heads.stream().map(h -> new RefundReturn(h.returnId(), h.orderId(), h.status(),
                lines.getOrDefault(h.returnId(), List.of()))).toList();
    }
}
