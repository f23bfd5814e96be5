package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Orders edited in CS-Cart's admin after they were paid, written the way CS-Cart's order editor leaves them: one more
 * of the first product ({@code order_details.amount} + 1), {@code orders.subtotal} and {@code total} up by its price,
 * {@code updated_at} set. Done on orders without taxes, discounts or gift certificates, whose totals are the sum of
 * their lines and shipping, so the edit needs no tax recalculation.
 */
public final class OrderEdits {

    private OrderEdits() {
    }

    /** Orders in one of {@code statuses} that {@link #addOne} can edit (no tax, discount or gift certificate data), by id. */
    public static List<Long> editable(JdbcTemplate store, String statuses) {
        return store.queryForList("SELECT o.order_id FROM cscart_orders o WHERE o.is_parent_order <> 'Y' AND o.status IN ("
                + statuses + ") AND o.subtotal_discount = 0 AND o.total > 0 AND NOT EXISTS (SELECT 1 FROM cscart_order_data d "
                + "WHERE d.order_id = o.order_id AND d.type IN ('T', 'U')) ORDER BY o.order_id", Long.class);
    }

    /** One more of the order's first product; returns the order's new total. */
    public static BigDecimal addOne(JdbcTemplate store, long orderId, long time) {
        Long itemId = store.queryForObject("SELECT MIN(item_id) FROM cscart_order_details WHERE order_id = ?", Long.class, orderId);
        BigDecimal price = store.queryForObject("SELECT price FROM cscart_order_details WHERE order_id = ? AND item_id = ?",
                BigDecimal.class, orderId, itemId);
        store.update("UPDATE cscart_order_details SET amount = amount + 1 WHERE order_id = ? AND item_id = ?", orderId, itemId);
        store.update("UPDATE cscart_orders SET subtotal = subtotal + ?, total = total + ?, updated_at = ? WHERE order_id = ?",
                price, price, time, orderId);
        return store.queryForObject("SELECT total FROM cscart_orders WHERE order_id = ?", BigDecimal.class, orderId);
    }
}
