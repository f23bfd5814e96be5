package io.cscartxero.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.InvoicedOrderScope;

import org.springframework.jdbc.core.RowMapper;

/** The SQL that reads orders; only the validated table prefix is concatenated. */
final class CsCartOrderQueries {

    private final CsCartProperties cscart;

    CsCartOrderQueries(CsCartProperties cscart) {
        this.cscart = cscart;
    }

    /**
     * Which orders: statuses, placed on or after a date (store time zone), or explicit ids; the WHERE is
     * {@link InvoicedOrderScope}'s (the one reconcileJob counts with, storefronts included) plus the export-only parts.
     * The storefronts come from the settings each query is built with ({@link #where(CsCartProperties)}), so that
     * there is no WHERE without them.
     */
    record Filter(List<String> statuses, LocalDate since, List<Long> orderIds, ZoneId zone, Long changedAfter, List<Long> requeued) {

        /**
         * @param requeued with {@code changedAfter}: orders read although unchanged in the store, because
         *                 {@code reconcile --repair} re-queued their invoice's link
         */
        Filter {
            requeued = requeued == null ? List.of() : List.copyOf(requeued);
        }

        Filter(List<String> statuses, LocalDate since, List<Long> orderIds, ZoneId zone, Long changedAfter) {
            this(statuses, since, orderIds, zone, changedAfter, List.of());
        }

        /** The same filter reading these re-queued orders too (with changedAfter). */
        Filter withRequeued(List<Long> ids) {
            return new Filter(statuses, since, orderIds, zone, changedAfter, ids);
        }

        private InvoicedOrderScope scope(CsCartProperties cscart) {
            return InvoicedOrderScope.of(cscart, statuses, since, null, zone);
        }

        private boolean byIds() {
            return orderIds != null && !orderIds.isEmpty();
        }

        /** The WHERE on {@code orders o} for the storefronts of {@code cscart}; parameters from {@link #parameters()}. */
        String where(CsCartProperties cscart) {
            InvoicedOrderScope scope = scope(cscart);
            StringBuilder where = new StringBuilder(byIds() ? scope.whereOrderIds() : scope.where());
            if (changedAfter != null) {
                // legacy orders have updated_at = 0: their placement time counts
                where.append(requeued.isEmpty() ? " AND GREATEST(o.updated_at, o.timestamp) >= :changedAfter"
                        : " AND (GREATEST(o.updated_at, o.timestamp) >= :changedAfter OR o.order_id IN (:requeued))");
            }
            return where.toString();
        }

        /** The parameters of {@link #where(CsCartProperties)}, whatever the storefronts (they are in its text). */
        Map<String, Object> parameters() {
            Map<String, Object> params = new InvoicedOrderScope(statuses, since, null, zone, List.of()).parameters();
            if (byIds()) {
                params.put("orderIds", orderIds);
            }
            if (changedAfter != null) {
                params.put("changedAfter", changedAfter);
                if (!requeued.isEmpty()) {
                    params.put("requeued", requeued);
                }
            }
            return params;
        }
    }

    private static final String ADDRESS = "firstname, lastname, address, address_2, city, state, country, zipcode, phone";

    String fromClause(Filter filter) {
        return "(" + selectClause() + " FROM " + cscart.table("orders") + " o WHERE " + filter.where(cscart) + ") c";
    }

    /** The columns of an order without its addresses (1 to {@link #TAX_EXEMPT}). */
    private static final String ORDER_COLUMNS = "SELECT o.order_id, o.user_id, o.status, o.timestamp, o.email, o.firstname, o.lastname, "
            + "o.company, o.phone, o.total, o.subtotal, o.subtotal_discount, o.shipping_cost, o.payment_surcharge, o.tax_exempt";

    private static String selectClause() {
        StringBuilder select = new StringBuilder(ORDER_COLUMNS);
        for (String side : List.of("b_", "s_")) {
            for (String column : ADDRESS.split(", ")) {
                select.append(", o.").append(side).append(column);
            }
        }
        return select.toString();
    }

    /**
     * One keyset page, order_id ascending: the {@code :limit} orders after {@code :after} (-1 for the first page), on
     * the table itself (no derived table), so that the primary key serves both the order and the bound. Without the
     * addresses: read with {@link #INVOICE_ROW_MAPPER}.
     */
    String pageQuery(Filter filter) {
        return ORDER_COLUMNS + " FROM " + cscart.table("orders") + " o WHERE " + filter.where(cscart)
                + " AND o.order_id > :after ORDER BY o.order_id LIMIT :limit";
    }

    /** The last order id of the page {@link #pageQuery} reads (same parameters), by the primary key alone. */
    String pageEndQuery(Filter filter) {
        return "SELECT MAX(p.order_id) FROM (SELECT o.order_id FROM " + cscart.table("orders") + " o WHERE " + filter.where(cscart)
                + " AND o.order_id > :after ORDER BY o.order_id LIMIT :limit) p";
    }

    String countQuery(Filter filter) {
        return "SELECT COUNT(*) FROM " + cscart.table("orders") + " o WHERE " + filter.where(cscart);
    }

    String linesQuery() {
        return "SELECT order_id, item_id, product_id, product_code, price, amount, extra FROM " + cscart.table("order_details")
                + " WHERE order_id IN (:ids) ORDER BY order_id, item_id";
    }

    String orderDataQuery() {
        return "SELECT order_id, type, data FROM " + cscart.table("order_data") + " WHERE order_id IN (:ids) AND type IN ('T', 'U', 'L')";
    }

    /** CS-Cart's own rates of its taxes (percent), used for a dry run that must not ask Xero. */
    String taxRatesQuery() {
        return "SELECT tax_id, MAX(rate_value) FROM " + cscart.table("tax_rates") + " WHERE rate_type = 'P' GROUP BY tax_id";
    }

    private static final List<String> MONEY = List.of("total", "subtotal", "subtotal_discount", "shipping_cost", "payment_surcharge");
    /** Where {@link #selectClause()} puts the first money column and the two addresses (1-based). */
    private static final int FIRST_MONEY = 10;
    private static final int TAX_EXEMPT = 15;
    private static final int BILLING = 16;
    private static final int SHIPPING = BILLING + 9;

    /**
     * A NULL where CS-Cart always writes an amount makes the order uninvoiceable, not the run fail. Columns by position
     * ({@link #selectClause()}, also through the derived table of {@link #fromClause}): a look-up by name per column
     * and row was a tenth of the reader's time.
     */
    static final RowMapper<OrderRow> ROW_MAPPER = (rs, i) -> row(rs, true);

    /**
     * The rows of {@link #pageQuery}: the invoice step needs no address (the buyer step sent the contacts), and their
     * 18 columns were a third of the values the reader took from the driver per order (issue 11).
     */
    static final RowMapper<OrderRow> INVOICE_ROW_MAPPER = (rs, i) -> row(rs, false);

    /**
     * Where an order read without its addresses has them (blank): only the buyer step, which reads them, makes contacts
     * from orders; an invoice-step row must never be made into one.
     */
    static final CsCartCustomer.PostalAddress NOT_READ = new CsCartCustomer.PostalAddress("", "", "", "", "", "", "", "", "");

    private static OrderRow row(ResultSet rs, boolean addresses) throws SQLException {
        List<String> missing = null;
        java.math.BigDecimal[] money = new java.math.BigDecimal[MONEY.size()];
        for (int m = 0; m < MONEY.size(); m++) {
            money[m] = rs.getBigDecimal(FIRST_MONEY + m);
            if (money[m] == null) {
                if (missing == null) {
                    missing = new java.util.ArrayList<>();
                }
                missing.add(MONEY.get(m));
                money[m] = java.math.BigDecimal.ZERO;
            }
        }
        return new OrderRow(rs.getLong(1), rs.getLong(2), text(rs, 3), rs.getLong(4),
                text(rs, 5), text(rs, 6), text(rs, 7), text(rs, 8), text(rs, 9),
                addresses ? address(rs, BILLING) : NOT_READ, addresses ? address(rs, SHIPPING) : NOT_READ,
                new OrderMoney(money[0], money[1], money[2], money[3], money[4], "Y".equals(rs.getString(TAX_EXEMPT))),
                missing == null ? null : "orders." + String.join(", orders.", missing) + " is NULL");
    }

    /** The nine {@link #ADDRESS} columns from {@code first} on. */
    private static CsCartCustomer.PostalAddress address(ResultSet rs, int first) throws SQLException {
        return new CsCartCustomer.PostalAddress(text(rs, first), text(rs, first + 1), text(rs, first + 2), text(rs, first + 3),
                text(rs, first + 4), text(rs, first + 5), text(rs, first + 6), text(rs, first + 7), text(rs, first + 8));
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? "" : v;
    }
}
