package io.cscartxero.bookkeeping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * What CS-Cart knows about where a sale belongs, read with a few queries and cached for the job: each product's main
 * category ({@code products_categories.link_type='M'}) and storefront ({@code products.company_id}), the category tree
 * ({@code categories.id_path}) with names, storefront/vendor names ({@code companies}), payment method names, and the
 * orders' {@code company_id}, {@code payment_id} and {@code b_country} (one primary-key range query per 1,000 order
 * ids: the order reader goes in id order). Reads only what the settings need: a store booked on the default account
 * without tracking costs no query here. Thread-safe (a dry run computes a chunk's invoices on several threads): each
 * method holds the catalog's lock for a map look-up, or for the one query that fills it; the last
 * {@value #WINDOWS} windows of orders stay cached, so threads working on neighbouring orders do not read a window twice.
 */
public final class StoreCatalog {

    /** A category: its path from the top ({@code id_path}, its own id last), storefront and name. */
    public record Category(long id, List<Long> path, long companyId, String name) {

        public long top() {
            return path.isEmpty() ? id : path.get(0);
        }
    }

    /** What an order says about where it was sold. */
    public record OrderFacts(long orderId, long companyId, long paymentId, String billingCountry) {
    }

    /** A product's main category (0: none) and storefront. */
    public record ProductPlace(long mainCategory, long companyId) {
    }

    static final int ORDER_WINDOW = 1000;
    static final int WINDOWS = 4;

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties properties;
    private final String language;
    private Map<Long, Category> categories;
    private Map<Long, ProductPlace> products;
    private Map<Long, String> companies;
    private Map<Long, String> paymentMethods;
    /** window start → the orders of that window; the least recently used window goes first */
    private final Map<Long, Map<Long, OrderFacts>> orders = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Map<Long, OrderFacts>> eldest) {
            return size() > WINDOWS;
        }
    };

    public StoreCatalog(NamedParameterJdbcTemplate cscart, CsCartProperties properties, String language) {
        this.cscart = cscart;
        this.properties = properties;
        this.language = language == null ? "en" : language;
    }

    public synchronized Map<Long, Category> categories() {
        if (categories == null) {
            Map<Long, Category> all = new HashMap<>();
            cscart.query("SELECT c.category_id, c.id_path, c.company_id, COALESCE(d.category, f.category, '') FROM "
                    + properties.table("categories") + " c LEFT JOIN " + properties.table("category_descriptions")
                    + " d ON d.category_id = c.category_id AND d.lang_code = :lang LEFT JOIN " + properties.table("category_descriptions")
                    + " f ON f.category_id = c.category_id AND f.lang_code = (SELECT MIN(x.lang_code) FROM "
                    + properties.table("category_descriptions") + " x WHERE x.category_id = c.category_id)",
                    Map.of("lang", language), rs -> {
                        long id = rs.getLong(1);
                        all.put(id, new Category(id, path(id, rs.getString(2)), rs.getLong(3), rs.getString(4)));
                    });
            categories = Collections.unmodifiableMap(all);
        }
        return categories;
    }

    /** {@code id_path} "1/4/17" → [1, 4, 17]; a broken path → just the category. */
    static List<Long> path(long id, String idPath) {
        List<Long> path = new ArrayList<>();
        if (idPath != null) {
            for (String part : idPath.split("/")) {
                try {
                    if (!part.isBlank()) {
                        path.add(Long.parseLong(part.strip()));
                    }
                } catch (NumberFormatException e) {
                    return List.of(id);
                }
            }
        }
        if (path.isEmpty() || path.get(path.size() - 1) != id) {
            return List.of(id);
        }
        return List.copyOf(path);
    }

    /** Every product's main category and storefront (one query, on first use). */
    public synchronized ProductPlace product(long productId) {
        if (products == null) {
            Map<Long, ProductPlace> all = new HashMap<>();
            cscart.query("SELECT p.product_id, p.company_id, (SELECT MIN(pc.category_id) FROM " + properties.table("products_categories")
                    + " pc WHERE pc.product_id = p.product_id AND pc.link_type = 'M') FROM " + properties.table("products") + " p",
                    Map.of(), rs -> {
                        all.put(rs.getLong(1), new ProductPlace(rs.getLong(3), rs.getLong(2)));
                    });
            products = all;
        }
        return products.getOrDefault(productId, new ProductPlace(0, 0));
    }

    public synchronized Map<Long, String> companies() {
        if (companies == null) {
            Map<Long, String> all = new HashMap<>();
            cscart.query("SELECT company_id, company FROM " + properties.table("companies"), Map.of(),
                    rs -> {
                        all.put(rs.getLong(1), rs.getString(2) == null ? "" : rs.getString(2));
                    });
            companies = Collections.unmodifiableMap(all);
        }
        return companies;
    }

    public synchronized Map<Long, String> paymentMethods() {
        if (paymentMethods == null) {
            Map<Long, String> all = new HashMap<>();
            cscart.query("SELECT payment_id, payment, lang_code FROM " + properties.table("payment_descriptions"), Map.of(),
                    rs -> {
                        String name = rs.getString(2) == null ? "" : rs.getString(2);
                        if (language.equals(rs.getString(3)) || !all.containsKey(rs.getLong(1))) {
                            all.put(rs.getLong(1), name);
                        }
                    });
            paymentMethods = Collections.unmodifiableMap(all);
        }
        return paymentMethods;
    }

    /** The order's storefront/vendor, payment method and billing country; read 1,000 order ids at a time. */
    public synchronized OrderFacts order(long orderId) {
        long start = orderId - orderId % ORDER_WINDOW;
        Map<Long, OrderFacts> window = orders.get(start);
        if (window == null) {
            Map<Long, OrderFacts> read = new HashMap<>();
            cscart.query("SELECT order_id, company_id, payment_id, b_country FROM " + properties.table("orders")
                    + " WHERE order_id >= :from AND order_id < :to", Map.of("from", start, "to", start + ORDER_WINDOW), rs -> {
                        long id = rs.getLong(1);
                        read.put(id, new OrderFacts(id, rs.getLong(2), rs.getLong(3), rs.getString(4) == null ? "" : rs.getString(4).strip()));
                    });
            window = read;
            orders.put(start, window);
        }
        return window.getOrDefault(orderId, new OrderFacts(orderId, 0, 0, ""));
    }
}
