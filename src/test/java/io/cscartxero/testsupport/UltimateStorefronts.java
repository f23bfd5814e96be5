package io.cscartxero.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Turns a generated store into a CS-Cart Ultimate store with three storefronts, as CS-Cart writes them: companies 1..3
 * are storefronts ({@code companies.storefront} set), each with its own category tree (company 1 keeps the seed's
 * "Catalog" tree, nested two levels deeper: Electronics → Laptops → Gaming laptops, Clothing → Running; company 2:
 * Outdoor → Tents; company 3: Kitchen → Knives), every product gets one main category ({@code products_categories}
 * {@code link_type='M'}, its other links removed) of a storefront and that storefront's {@code company_id}, orders
 * that are not Multi-Vendor children are spread over the three storefronts ({@code orders.company_id}), and every
 * order is paid by one of two payment methods (1 credit card, 4 bank transfer). Run after {@link StoreGenerator}.
 */
public final class UltimateStorefronts {

    /** category_id → {parent, company, name}; ids continue the seed's 1..6. */
    public static final Map<Long, Object[]> CATEGORIES = new LinkedHashMap<>();
    /** The categories products are put in, round robin by product id. */
    public static final List<Long> LEAVES = List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 11L, 13L);
    public static final List<Long> PAYMENT_METHODS = List.of(1L, 4L);

    static {
        CATEGORIES.put(7L, new Object[] {2L, 1L, "Laptops"});
        CATEGORIES.put(8L, new Object[] {7L, 1L, "Gaming laptops"});
        CATEGORIES.put(9L, new Object[] {3L, 1L, "Running"});
        CATEGORIES.put(10L, new Object[] {0L, 2L, "Outdoor"});
        CATEGORIES.put(11L, new Object[] {10L, 2L, "Tents"});
        CATEGORIES.put(12L, new Object[] {0L, 3L, "Kitchen"});
        CATEGORIES.put(13L, new Object[] {12L, 3L, "Knives"});
    }

    private UltimateStorefronts() {
    }

    public static void apply(JdbcTemplate db, String prefix) {
        CsCartFixture.checkPrefix(prefix);
        db.update("UPDATE " + prefix + "companies SET storefront = CONCAT('shop', company_id, '.example.com'),"
                + " secure_storefront = CONCAT('shop', company_id, '.example.com') WHERE company_id IN (1, 2, 3)");
        for (Map.Entry<Long, Object[]> c : CATEGORIES.entrySet()) {
            long id = c.getKey();
            long parent = (Long) c.getValue()[0];
            String path = parent == 0 ? Long.toString(id) : db.queryForObject("SELECT id_path FROM " + prefix
                    + "categories WHERE category_id = ?", String.class, parent) + "/" + id;
            db.update("INSERT INTO " + prefix + "categories (category_id, parent_id, id_path, level, company_id, storefront_id,"
                    + " usergroup_ids, status, product_count, position, timestamp) VALUES (?, ?, ?, ?, ?, 0, '0', 'A', 0, 10, 1672531200)",
                    id, parent, path, path.split("/").length, c.getValue()[1]);
            for (String lang : List.of("en", "fr")) {
                db.update("INSERT INTO " + prefix + "category_descriptions (category_id, lang_code, category, description)"
                        + " VALUES (?, ?, ?, '')", id, lang, c.getValue()[2]);
            }
        }
        List<Long> products = db.queryForList("SELECT product_id FROM " + prefix + "products ORDER BY product_id", Long.class);
        List<Object[]> links = new ArrayList<>();
        for (long product : products) {
            long category = LEAVES.get((int) (product % LEAVES.size()));
            long company = db.queryForObject("SELECT company_id FROM " + prefix + "categories WHERE category_id = ?", Long.class, category);
            db.update("UPDATE " + prefix + "products SET company_id = ? WHERE product_id = ?", company, product);
            links.add(new Object[] {product, category});
        }
        db.update("DELETE FROM " + prefix + "products_categories");
        db.batchUpdate("INSERT INTO " + prefix + "products_categories (product_id, category_id, link_type, position, category_position)"
                + " VALUES (?, ?, 'M', 0, 0)", links);
        db.update("UPDATE " + prefix + "orders SET company_id = 1 + order_id % 3 WHERE is_parent_order = 'N' AND parent_order_id = 0");
        db.update("UPDATE " + prefix + "orders SET payment_id = CASE WHEN order_id % 2 = 0 THEN 1 ELSE 4 END");
    }
}
