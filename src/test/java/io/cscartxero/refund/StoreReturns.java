package io.cscartxero.refund;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.cscartxero.cscart.php.PhpArray;
import io.cscartxero.cscart.php.PhpUnserializer;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * RMA returns in a generated store, written the way the rma add-on writes them: its return statuses (type 'R': R
 * Requested, A Approved, D Declined, C Completed with status_data {@code inventory} I, I, D, I) and actions
 * ({@code rma_properties} type 'A': 1 Replace item, 2 Refund with {@code update_totals_and_inventory='Y'}) as its
 * install data adds them; a return ({@code rma_returns}, {@code total_amount} = items) with its accepted lines
 * ({@code rma_return_products} type 'A', the product name from the order line's extra); and completing a refund
 * lowers the order as {@code fn_rma_recalculate_order} does (the line's quantity — CS-Cart removes a line at 0, kept here; subtotal and total;
 * {@code updated_at}), reverting it puts the order back.
 */
public final class StoreReturns {

    public static final long REPLACE = 1;
    public static final long REFUND = 2;

    private final JdbcTemplate store;
    private final String p;

    public StoreReturns(JdbcTemplate store, String prefix) {
        this.store = store;
        this.p = prefix;
        if (store.queryForObject("SELECT COUNT(*) FROM " + p + "statuses WHERE type = 'R'", Integer.class) == 0) {
            String[][] statuses = {{"R", "I", "Requested"}, {"A", "I", "Approved"}, {"D", "D", "Declined"},
                    {"C", "I", "Completed"}};
            for (String[] s : statuses) {
                store.update("INSERT INTO " + p + "statuses (status, type, is_default) VALUES (?, 'R', 'Y')", s[0]);
                long id = store.queryForObject("SELECT status_id FROM " + p + "statuses WHERE status = ? AND type = 'R'",
                        Long.class, s[0]);
                store.update("INSERT INTO " + p + "status_data (status_id, param, value) VALUES (?, 'inventory', ?)",
                        id, s[1]);
                store.update("INSERT INTO " + p + "status_descriptions (status_id, description, email_subj,"
                        + " email_header, lang_code) VALUES (?, ?, '', '', 'en')", id, s[2]);
            }
            store.update("INSERT INTO " + p + "rma_properties (property_id, position, status, type,"
                    + " update_totals_and_inventory) VALUES (1, 10, 'A', 'A', 'N'), (2, 20, 'A', 'A', 'Y'),"
                    + " (5, 50, 'A', 'R', 'N')");
            store.update("INSERT INTO " + p + "rma_property_descriptions (property_id, lang_code, property) VALUES"
                    + " (1, 'en', 'Replace item'), (2, 'en', 'Refund'), (5, 'en', 'Manufacturer defect')");
        }
    }

    /** A requested return of these order lines (item id → quantity); its id. */
    public long request(long orderId, Map<Long, Long> lines, long action, long time) {
        long user = store.queryForObject("SELECT user_id FROM " + p + "orders WHERE order_id = ?", Long.class, orderId);
        store.update("INSERT INTO " + p + "rma_returns (order_id, user_id, timestamp, action, status, total_amount,"
                + " comment, extra) VALUES (?, ?, ?, ?, 'R', ?, '', '')", orderId, user, time, action,
                lines.values().stream().mapToLong(Long::longValue).sum());
        long returnId = store.queryForObject("SELECT MAX(return_id) FROM " + p + "rma_returns", Long.class);
        lines.forEach((itemId, quantity) -> {
            Map<String, Object> line = store.queryForMap("SELECT product_id, price, extra FROM " + p
                    + "order_details WHERE order_id = ? AND item_id = ?", orderId, itemId);
            store.update("INSERT INTO " + p + "rma_return_products (return_id, item_id, product_id, reason, amount,"
                    + " type, price, product_options, product) VALUES (?, ?, ?, 5, ?, 'A', ?, '', ?)", returnId, itemId,
                    line.get("product_id"), quantity, line.get("price"), productName(line.get("extra")));
        });
        return returnId;
    }

    /** A refund return of {@code quantity} units of one order line, requested and completed at {@code time}; its id. */
    public long completedRefund(long orderId, long itemId, long quantity, long time) {
        long returnId = request(orderId, Map.of(itemId, quantity), REFUND, time);
        move(returnId, "C", time);
        return returnId;
    }

    /** Moves a return to a status; into a completed one (A, C) from R or D lowers the order, back raises it. */
    public void move(long returnId, String status, long time) {
        Map<String, Object> r = store.queryForMap("SELECT order_id, status, action FROM " + p + "rma_returns"
                + " WHERE return_id = ?", returnId);
        boolean wasDone = done((String) r.get("status"));
        boolean isDone = done(status);
        store.update("UPDATE " + p + "rma_returns SET status = ? WHERE return_id = ?", status, returnId);
        if (((Number) r.get("action")).longValue() != REFUND || wasDone == isDone) return;
        long orderId = ((Number) r.get("order_id")).longValue();
        int sign = isDone ? -1 : 1;
        store.query("SELECT item_id, amount, price FROM " + p + "rma_return_products WHERE return_id = ? AND type = 'A'",
                rs -> {
                    long itemId = rs.getLong(1);
                    long amount = rs.getLong(2);
                    BigDecimal money = rs.getBigDecimal(3).multiply(BigDecimal.valueOf(amount * sign));
                    store.update("UPDATE " + p + "order_details SET amount = amount + ? WHERE order_id = ? AND item_id = ?",
                            amount * sign, orderId, itemId);
                    store.update("UPDATE " + p + "orders SET subtotal = subtotal + ?, total = total + ?, updated_at = ?"
                            + " WHERE order_id = ?", money, money, time, orderId);
                }, returnId);
    }

    private static boolean done(String status) {
        return status.equals("A") || status.equals("C");
    }

    private static String productName(Object extra) {
        try {
            byte[] bytes = extra instanceof byte[] b ? b : String.valueOf(extra).getBytes(StandardCharsets.UTF_8);
            if (PhpUnserializer.parse(bytes) instanceof PhpArray a && a.getString("product") != null) {
                return a.getString("product");
            }
        } catch (Exception e) {
            // no name in the extra
        }
        return "";
    }
}
