package io.cscartxero.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.InvoicedOrderScope;
import io.cscartxero.cscart.php.PhpArray;
import io.cscartxero.cscart.php.PhpFormatException;
import io.cscartxero.cscart.php.PhpUnserializer;
import io.cscartxero.cscart.php.PhpValue;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What the reconciliation reads from the CS-Cart database (read-only; only the validated table prefix goes into SQL). */
final class StoreSide {

    /**
     * An order as the reconciliation sees it. {@code tax} is the tax CS-Cart charged, as orderExportJob sends it
     * (Σ {@code tax_subtotal} of the order's taxes in {@code order_data} type T, each to the cent; 0 when tax exempt);
     * null when that data cannot be read (orderExportJob refuses such orders).
     */
    record StoreOrder(long orderId, long userId, String status, String email, BigDecimal total, BigDecimal tax,
            long paymentId) {

        boolean guest() {
            return userId == 0;
        }
    }

    private static final int IN_BATCH = 1000;

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties properties;

    StoreSide(NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        this.cscart = cscart;
        this.properties = properties;
    }

    /** The orders that should be invoiced, in order id order, with their tax. */
    List<StoreOrder> ordersToInvoice(InvoicedOrderScope scope) {
        Map<Long, StoreOrder> orders = new LinkedHashMap<>();
        Map<Long, Boolean> exempt = new HashMap<>();
        cscart.query("SELECT o.order_id, o.user_id, o.status, o.email, o.total, o.tax_exempt, o.payment_id FROM "
                + properties.table("orders") + " o WHERE " + scope.where() + " ORDER BY o.order_id", scope.parameters(), rs -> {
                    long id = rs.getLong("order_id");
                    BigDecimal total = rs.getBigDecimal("total");
                    orders.put(id, new StoreOrder(id, rs.getLong("user_id"), rs.getString("status"),
                            rs.getString("email") == null ? "" : rs.getString("email"),
                            total == null ? null : total.setScale(2, RoundingMode.HALF_UP), BigDecimal.ZERO.setScale(2),
                            rs.getLong("payment_id")));
                    exempt.put(id, "Y".equals(rs.getString("tax_exempt")));
                });
        List<Long> ids = new ArrayList<>(orders.keySet());
        for (int i = 0; i < ids.size(); i += IN_BATCH) {
            List<Long> batch = ids.subList(i, Math.min(ids.size(), i + IN_BATCH));
            cscart.query("SELECT order_id, data FROM " + properties.table("order_data") + " WHERE type = 'T' AND order_id IN (:ids)",
                    Map.of("ids", batch), rs -> {
                        long id = rs.getLong("order_id");
                        if (Boolean.TRUE.equals(exempt.get(id))) {
                            return;
                        }
                        StoreOrder o = orders.get(id);
                        orders.put(id, new StoreOrder(o.orderId(), o.userId(), o.status(), o.email(), o.total(),
                                chargedTax(rs.getBytes("data")), o.paymentId()));
                    });
        }
        return new ArrayList<>(orders.values());
    }

    /** Σ tax_subtotal to the cent; null when the data is not readable. */
    static BigDecimal chargedTax(byte[] data) {
        if (data == null || data.length == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        try {
            PhpArray taxes = PhpUnserializer.parse(data).asArray();
            if (taxes == null) {
                return null;
            }
            BigDecimal sum = BigDecimal.ZERO;
            for (PhpValue tax : taxes.entries().values()) {
                PhpArray t = tax.asArray();
                PhpValue subtotal = t == null ? null : t.get("tax_subtotal");
                if (subtotal != null && !subtotal.isNull()) {
                    sum = sum.add(subtotal.asDecimal().setScale(2, RoundingMode.HALF_UP));
                }
            }
            return sum.setScale(2, RoundingMode.HALF_UP);
        } catch (PhpFormatException | RuntimeException e) {
            return null;
        }
    }

    /** Order statuses that mean paid: {@code status_data} {@code payment_received='Y'} (P and C in a default install). */
    Set<String> paidStatuses() {
        return new HashSet<>(cscart.queryForList("SELECT s.status FROM " + properties.table("statuses") + " s JOIN "
                + properties.table("status_data") + " d ON d.status_id = s.status_id WHERE s.type = 'O' AND d.param = 'payment_received' "
                + "AND d.value = 'Y'", Map.of(), String.class));
    }

    /** order_id → status of the given orders (those that exist). */
    Map<Long, String> statusesOf(Collection<Long> orderIds) {
        Map<Long, String> found = new HashMap<>();
        List<Long> ids = List.copyOf(orderIds);
        for (int i = 0; i < ids.size(); i += IN_BATCH) {
            cscart.query("SELECT order_id, status FROM " + properties.table("orders") + " WHERE order_id IN (:ids)",
                    Map.of("ids", ids.subList(i, Math.min(ids.size(), i + IN_BATCH))),
                    rs -> { found.put(rs.getLong("order_id"), rs.getString("status")); });
        }
        return found;
    }

    /** Normalised e-mail → the lowest user_id of a customer with it (a guest's orders go to that customer's contact). */
    Map<String, Long> customersByEmail() {
        Map<String, Long> found = new HashMap<>();
        cscart.query("SELECT user_id, email FROM " + properties.table("users") + " WHERE user_type = 'C'", Map.of(), rs -> {
            String email = rs.getString("email") == null ? "" : rs.getString("email").strip().toLowerCase(java.util.Locale.ROOT);
            if (!email.isEmpty()) {
                found.merge(email, rs.getLong("user_id"), Math::min);
            }
        });
        return found;
    }

    /** The customers customerExportJob sends ({@code users.user_type='C'}). */
    List<Long> customers() {
        return cscart.queryForList("SELECT user_id FROM " + properties.table("users") + " WHERE user_type = 'C' ORDER BY user_id",
                Map.of(), Long.class);
    }

    /** The products productExportJob sends by default (status A or H, variations included). */
    List<Long> products() {
        return cscart.queryForList("SELECT product_id FROM " + properties.table("products")
                + " WHERE status IN ('A', 'H') ORDER BY product_id", Map.of(), Long.class);
    }
}
