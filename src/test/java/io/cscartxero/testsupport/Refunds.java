package io.cscartxero.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refunds in a generated store, written the way CS-Cart writes them: a full cancellation moves an order to a refund
 * status (e.g. I, Canceled) and logs the change in {@code logs} ({@code type='orders'}, {@code action='status'},
 * PHP-serialized content with the order id and the translated status names "Paid -&gt; Canceled"), as
 * {@code fn_change_order_status} does with order logging on (the default).
 */
public final class Refunds {

    private Refunds() {
    }

    /** Moves each order from its (paid) status to {@code status} at {@code time}, logging the change. */
    public static void cancel(JdbcTemplate store, String prefix, List<Long> orderIds, String status, long time) {
        for (long orderId : orderIds) {
            String from = store.queryForObject("SELECT status FROM " + prefix + "orders WHERE order_id = ?",
                    String.class, orderId);
            logStatus(store, prefix, orderId, from, status, time);
            store.update("UPDATE " + prefix + "orders SET status = ?, updated_at = ? WHERE order_id = ?", status, time,
                    orderId);
        }
    }

    /** One status-change row of CS-Cart's log, names in English. */
    public static void logStatus(JdbcTemplate store, String prefix, long orderId, String from, String to, long time) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("order", "# " + orderId);
        content.put("id", String.valueOf(orderId));
        content.put("status", name(store, prefix, from) + " -> " + name(store, prefix, to));
        store.update("INSERT INTO " + prefix + "logs (user_id, timestamp, type, event_type, action, object, content,"
                + " backtrace, company_id) VALUES (1, ?, 'orders', 'N', 'status', '', ?, '', 1)", time,
                new String(PhpSerialize.serialize(content), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String name(JdbcTemplate store, String prefix, String status) {
        return store.queryForObject("SELECT d.description FROM " + prefix + "statuses s JOIN " + prefix
                + "status_descriptions d ON d.status_id = s.status_id AND d.lang_code = 'en' WHERE s.type = 'O'"
                + " AND s.status = ?", String.class, status);
    }
}
