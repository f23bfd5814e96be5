package io.cscartxero.payment;

import java.util.Map;
import java.util.TreeMap;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * CS-Cart's payment methods by id with their names ({@code payment_descriptions.payment} in the store's language,
 * else any). Only the names are read: {@code payments} holds the gateways' settings (credentials in
 * {@code processor_params}), which the connector has no grant for.
 */
public final class PaymentMethods {

    private PaymentMethods() {
    }

    /** payment_id → name, in id order. */
    public static Map<Long, String> names(NamedParameterJdbcTemplate cscart, CsCartProperties properties, String language) {
        Map<Long, String> names = new TreeMap<>();
        cscart.query("SELECT payment_id, payment, lang_code FROM " + properties.table("payment_descriptions")
                + " ORDER BY payment_id, lang_code", Map.of(), rs -> {
                    long id = rs.getLong(1);
                    String name = rs.getString(2);
                    if (!names.containsKey(id) || rs.getString(3).equals(language)) {
                        names.put(id, name);
                    }
                });
        return names;
    }

    /** The payment methods the store's orders use (ids), with how many orders each: methods without a description too. */
    public static Map<Long, Long> usedByOrders(NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        Map<Long, Long> used = new TreeMap<>();
        cscart.query("SELECT payment_id, COUNT(*) FROM " + properties.table("orders")
                + " WHERE is_parent_order <> 'Y'" + properties.storefrontCondition("company_id") + " GROUP BY payment_id", Map.of(), rs -> {
                    used.put(rs.getLong(1), rs.getLong(2));
                });
        return used;
    }
}
