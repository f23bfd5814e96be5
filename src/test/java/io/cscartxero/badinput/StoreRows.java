package io.cscartxero.badinput;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.PhpSerialize;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes CS-Cart rows for the bad-input suite straight into the fixture tables: the way CS-Cart writes them (every
 * NOT NULL column set, strict mode) and then corrupted on purpose. Values are given as column → value maps that may
 * hold {@code null} (see {@link #row}); a column that must hold a NULL the fixture forbids is first made nullable
 * with {@link #allowNull}, which a real store never has.
 */
final class StoreRows {

    static final String P = ConnectorHarness.PREFIX;
    /** 2025-12-01T00:00:00Z: every generated row was "placed" then. */
    static final long PLACED = 1_764_547_200L;

    final JdbcTemplate jdbc;
    private final AtomicLong itemIds = new AtomicLong(1_000_000L);

    StoreRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An ordered column → value map that accepts nulls: {@code row("email", null, "firstname", "Ada")}. */
    static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(overrides);
        return merged;
    }

    /** Inserts one row and returns its AUTO_INCREMENT key (0 for tables without one). */
    long insert(String table, Map<String, Object> values) {
        List<String> columns = new ArrayList<>(values.keySet());
        String sql = "INSERT INTO " + P + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
            for (int i = 0; i < columns.size(); i++) {
                ps.setObject(i + 1, values.get(columns.get(i)));
            }
            return ps;
        }, keys);
        return keys.getKeyList().isEmpty() || keys.getKey() == null ? 0 : keys.getKey().longValue();
    }

    /** {@code ALTER TABLE … MODIFY column <type> NULL}: a NULL CS-Cart never writes becomes storable. */
    void allowNull(String table, String column, String type) {
        jdbc.execute("ALTER TABLE " + P + table + " MODIFY " + column + " " + type + " NULL DEFAULT NULL");
    }

    /**
     * Makes a column utf8mb4 (and nullable), so that it can hold 4-byte characters, which real CS-Cart tables cannot.
     * A later {@link #allowNull} of the same column would turn it back to the table's utf8mb3.
     */
    void utf8mb4(String table, String column, String type) {
        jdbc.execute("ALTER TABLE " + P + table + " MODIFY " + column + " " + type
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci NULL DEFAULT ''");
    }

    // ---- customers

    static Map<String, Object> customerDefaults(String email, String first, String last) {
        return row("status", "A", "user_type", "C", "user_login", "", "company_id", 1, "timestamp", PLACED,
                "password", "", "salt", "", "firstname", first, "lastname", last, "company", "", "email", email,
                "phone", "+1 617 555 0199", "lang_code", "en");
    }

    static Map<String, Object> profileDefaults(String first, String last) {
        Map<String, Object> p = row("profile_type", "P", "profile_name", "Main", "profile_update_timestamp", PLACED);
        for (String side : List.of("b_", "s_")) {
            p.put(side + "firstname", first);
            p.put(side + "lastname", last);
            p.put(side + "address", "12 Harbour Road");
            p.put(side + "city", "Boston");
            p.put(side + "state", "MA");
            p.put(side + "country", "US");
            p.put(side + "zipcode", "02110");
            p.put(side + "phone", "+1 617 555 0199");
        }
        return p;
    }

    /** A customer as CS-Cart writes one (users row + main profile), with the given overrides; returns user_id. */
    long customer(Map<String, Object> user, Map<String, Object> profile) {
        String first = (String) user.getOrDefault("firstname", "Ann");
        String last = (String) user.getOrDefault("lastname", "Lee");
        long userId = insert("users", merge(customerDefaults("c" + System.nanoTime() + "@example.com", first, last), user));
        jdbc.update("UPDATE " + P + "users SET user_login = CONCAT('user_', user_id) WHERE user_id = ?", userId);
        if (profile != null) {
            insert("user_profiles", merge(merge(profileDefaults(first == null ? "" : first, last == null ? "" : last),
                    row("user_id", userId)), profile));
        }
        return userId;
    }

    long customer(Map<String, Object> user) {
        return customer(user, row());
    }

    // ---- products

    /**
     * A product as CS-Cart writes one: products row, a description per language, the base price (when
     * {@code price} is not null) and the main category; returns product_id.
     */
    long product(String code, String name, BigDecimal price, Map<String, Object> overrides) {
        long id = insert("products", merge(row("product_code", code, "product_type", "P", "status", "A", "company_id", 1,
                "timestamp", PLACED, "updated_timestamp", PLACED, "details_layout", "default", "buy_now_url", "",
                "facebook_obj_type", "", "tax_ids", ""), overrides));
        for (String lang : List.of("en", "fr")) {
            insert("product_descriptions", row("product_id", id, "lang_code", lang, "product", name,
                    "short_description", "", "full_description", "<p>" + name + "</p>", "search_words", "",
                    "age_warning_message", "", "promo_text", ""));
        }
        if (price != null) {
            insert("product_prices", row("product_id", id, "price", price, "percentage_discount", 0, "lower_limit", 1,
                    "usergroup_id", 0));
        }
        insert("products_categories", row("product_id", id, "category_id", 2, "link_type", "M", "position", 0,
                "category_position", 0));
        return id;
    }

    long product(String code, String name, String price) {
        return product(code, name, new BigDecimal(price), row());
    }

    // ---- orders

    /** An order line: {@code extra} is the raw blob (null leaves the column NULL, where allowed). */
    record Line(long productId, String productCode, Object price, Object amount, byte[] extra, long itemId) {

        Line withExtra(byte[] newExtra) {
            return new Line(productId, productCode, price, amount, newExtra, itemId);
        }

        Line withPrice(Object newPrice) {
            return new Line(productId, productCode, newPrice, amount, extra, itemId);
        }

        Line withAmount(Object newAmount) {
            return new Line(productId, productCode, price, newAmount, extra, itemId);
        }
    }

    /** A line with a valid {@code extra} naming the product. */
    Line line(long productId, String code, String name, String price, int amount) {
        return new Line(productId, code, new BigDecimal(price), amount, extra(name), itemIds.incrementAndGet());
    }

    /** {@code order_details.extra} as CS-Cart serializes it. */
    static byte[] extra(String productName) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("product_options", new ArrayList<>());
        extra.put("product", productName);
        extra.put("company_id", "1");
        extra.put("base_price", 0.0);
        return PhpSerialize.serialize(extra);
    }

    static Map<String, Object> orderDefaults(long userId, String email) {
        Map<String, Object> o = row("is_parent_order", "N", "parent_order_id", 0, "company_id", 1, "user_id", userId,
                "timestamp", PLACED, "updated_at", PLACED, "status", "P", "firstname", "Oscar", "lastname", "Order",
                "email", email, "phone", "+1 617 555 0111", "localization_id", 0, "storefront_id", 1, "lang_code", "en",
                "promotions", "a:0:{}", "notes", "", "details", "");
        for (String side : List.of("b_", "s_")) {
            o.put(side + "firstname", "Oscar");
            o.put(side + "lastname", "Order");
            o.put(side + "address", "1 Order Street");
            o.put(side + "city", "Boston");
            o.put(side + "state", "MA");
            o.put(side + "country", "US");
            o.put(side + "zipcode", "02110");
        }
        return o;
    }

    /**
     * An order with its lines and order_data rows. Money columns not given in {@code order} are computed as CS-Cart
     * would for an untaxed order: subtotal = Σ price × amount, total = subtotal + shipping_cost.
     */
    long order(Map<String, Object> order, List<Line> lines, Map<String, byte[]> data) {
        BigDecimal subtotal = BigDecimal.ZERO;
        for (Line l : lines) {
            if (l.price() instanceof BigDecimal price && l.amount() instanceof Number amount) {
                subtotal = subtotal.add(price.multiply(BigDecimal.valueOf(amount.longValue())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>(order);
        BigDecimal shipping = values.get("shipping_cost") instanceof BigDecimal s ? s : BigDecimal.ZERO;
        // containsKey, not putIfAbsent: a NULL given on purpose must stay NULL
        if (!values.containsKey("shipping_cost")) {
            values.put("shipping_cost", shipping);
        }
        if (!values.containsKey("subtotal")) {
            values.put("subtotal", subtotal);
        }
        if (!values.containsKey("total")) {
            values.put("total", subtotal.add(shipping));
        }
        long orderId = insert("orders", values);
        for (Line l : lines) {
            insert("order_details", row("item_id", l.itemId(), "order_id", orderId, "product_id", l.productId(),
                    "product_code", l.productCode(), "price", l.price(), "amount", l.amount(), "extra", l.extra()));
        }
        data.forEach((type, blob) -> insert("order_data", row("order_id", orderId, "type", type, "data", blob)));
        return orderId;
    }

    // ---- PHP serialized blobs, valid and broken

    static byte[] php(Object value) {
        return PhpSerialize.serialize(value);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The first half of a valid blob: what a cut-off write or a too-short column leaves. */
    static byte[] truncated(byte[] valid) {
        return Arrays.copyOf(valid, valid.length / 2);
    }

    /** {@code levels} nested arrays around a string: deeper than any reader should follow. */
    static byte[] nested(int levels) {
        StringBuilder sb = new StringBuilder();
        sb.append("a:1:{i:0;".repeat(levels)).append("s:1:\"x\";").append("}".repeat(levels));
        return bytes(sb.toString());
    }

    /** A taxes ('T') entry as CS-Cart writes it for one tax on the whole order. */
    static Map<String, Object> tax(String rateType, Object rateValue, String included, Object taxSubtotal, String description) {
        Map<String, Object> tax = new LinkedHashMap<>();
        tax.put("rate_type", rateType);
        tax.put("rate_value", rateValue);
        tax.put("price_includes_tax", included);
        tax.put("regnumber", "");
        tax.put("priority", 0);
        tax.put("tax_subtotal", taxSubtotal);
        tax.put("description", description);
        Map<String, Object> applies = new LinkedHashMap<>();
        applies.put("P", taxSubtotal);
        applies.put("S", 0);
        tax.put("applies", applies);
        return tax;
    }

    /** A chosen-shipping ('L') blob naming one method. */
    static byte[] shipping(String name) {
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("shipping_id", 1);
        method.put("shipping", name);
        method.put("rate", 5.0);
        return php(List.of(method));
    }
}
