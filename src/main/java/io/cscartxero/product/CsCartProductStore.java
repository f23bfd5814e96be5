package io.cscartxero.product;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes products into CS-Cart with every row CS-Cart needs to show and edit one: {@code products}, a
 * {@code product_descriptions} row per language, the base {@code product_prices} row and the main
 * {@code products_categories} row. MyISAM has no transactions: the products row goes first, findable by its code,
 * and {@link #repair} adds whatever child row a crash left out when the rerun matches it by code.
 */
class CsCartProductStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final CsCartProperties properties;
    private final CsCartSchema schema;
    private final CsCartProductQueries queries;

    CsCartProductStore(NamedParameterJdbcTemplate jdbc, CsCartProperties properties, CsCartSchema schema) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.schema = schema;
        this.queries = new CsCartProductQueries(properties);
    }

    /** The category's storefront (company_id), or null when the category does not exist. */
    Long categoryCompany(long categoryId) {
        List<Long> found = jdbc.queryForList("SELECT company_id FROM " + properties.table("categories")
                + " WHERE category_id = :id", Map.of("id", categoryId), Long.class);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Lowest product id per code (CS-Cart codes are not unique), keyed by {@link #codeKey}: MySQL compares codes
     * case- and trailing-blank-insensitively, and so must the map.
     */
    Map<String, Long> byCodes(Collection<String> codes) {
        Map<String, Long> found = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.query("SELECT product_id, product_code FROM " + properties.table("products")
                    + " WHERE product_code IN (:codes) ORDER BY product_id", Map.of("codes", codes),
                    rs -> {
                        found.putIfAbsent(codeKey(rs.getString(2)), rs.getLong(1));
                    });
        }
        return found;
    }

    static String codeKey(String code) {
        return code.strip().toLowerCase(java.util.Locale.ROOT);
    }

    Map<Long, CsCartProduct> load(Collection<Long> productIds) {
        Map<Long, CsCartProduct> current = new HashMap<>();
        if (productIds.isEmpty()) {
            return current;
        }
        var filter = new CsCartProductQueries.Filter(List.copyOf(productIds), null, List.of("A", "H", "D"));
        jdbc.query("SELECT * FROM " + queries.fromClause(filter), filter.parameters(properties.language()), rs -> {
            CsCartProduct p = CsCartProductQueries.ROW_MAPPER.mapRow(rs, 0);
            current.put(p.productId(), p);
        });
        return current;
    }

    long insert(ProductImport p, String status, long companyId, long categoryId) {
        long now = Instant.now().getEpochSecond();
        StringBuilder columns = new StringBuilder("product_code, product_type, status, company_id, list_price, amount, timestamp, "
                + "updated_timestamp, tax_ids, details_layout");
        StringBuilder values = new StringBuilder(":code, 'P', :status, :company, 0, 0, :now, :now, '', 'default'");
        // add-on columns declared NOT NULL without a default: strict SQL mode demands a value
        for (String addOn : List.of("buy_now_url", "facebook_obj_type")) {
            if (schema.hasColumn("products", addOn)) {
                columns.append(", ").append(addOn);
                values.append(", ''");
            }
        }
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO " + properties.table("products") + " (" + columns + ") VALUES (" + values + ")",
                new MapSqlParameterSource(Map.of("code", p.code(), "status", status, "company", companyId, "now", now)),
                keys, new String[] { "product_id" });
        long productId = keys.getKey().longValue();
        repair(productId, p, categoryId);
        return productId;
    }

    /** Inserts the child rows that are missing (all of them for a new product). Returns rows inserted. */
    int repair(long productId, ProductImport p, Long categoryId) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", productId);
        params.put("name", p.name());
        params.put("description", p.description());
        params.put("price", p.price() == null ? java.math.BigDecimal.ZERO : p.price());
        params.put("category", categoryId);
        int rows = jdbc.update("INSERT INTO " + properties.table("product_descriptions")
                + " (product_id, lang_code, product, short_description, full_description, search_words, age_warning_message, promo_text) "
                + "SELECT :id, l.lang_code, :name, '', :description, '', '', '' FROM " + properties.table("languages") + " l "
                + "WHERE NOT EXISTS (SELECT 1 FROM " + properties.table("product_descriptions")
                + " d WHERE d.product_id = :id AND d.lang_code = l.lang_code)", params);
        rows += jdbc.update("INSERT INTO " + properties.table("product_prices") + " (product_id, price, percentage_discount, lower_limit, usergroup_id) "
                + "SELECT :id, :price, 0, 1, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + properties.table("product_prices")
                + " WHERE product_id = :id AND lower_limit = 1 AND usergroup_id = 0)", params);
        if (categoryId == null) {
            return rows;   // no category configured: a product CS-Cart made keeps what it has
        }
        rows += jdbc.update("INSERT INTO " + properties.table("products_categories") + " (product_id, category_id, link_type, position, category_position) "
                + "SELECT :id, :category, 'M', 0, 0 FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM " + properties.table("products_categories")
                + " WHERE product_id = :id AND link_type = 'M')", params);
        return rows;
    }

    /**
     * Writes the changes of one product: name and full description in the configured language, the base price only
     * when {@code updatePrices}. Never its status, code or anything else. Returns the statements run.
     */
    int update(long productId, ProductImportChanges changes, boolean updatePrices) {
        int writes = 0;
        Map<String, Object> params = new HashMap<>(Map.of("id", productId, "lang", properties.language(),
                "now", Instant.now().getEpochSecond()));
        if (changes.name() != null) {
            params.put("name", changes.name());
            writes += jdbc.update("UPDATE " + properties.table("product_descriptions") + " SET product = :name "
                    + "WHERE product_id = :id AND lang_code = :lang", params);
        }
        if (changes.description() != null) {
            params.put("description", changes.description());
            writes += jdbc.update("UPDATE " + properties.table("product_descriptions") + " SET full_description = :description "
                    + "WHERE product_id = :id AND lang_code = :lang", params);
        }
        if (changes.price() != null && updatePrices) {
            params.put("price", changes.price());
            writes += jdbc.update("UPDATE " + properties.table("product_prices") + " SET price = :price "
                    + "WHERE product_id = :id AND lower_limit = 1 AND usergroup_id = 0", params);
        }
        if (writes > 0) {
            jdbc.update("UPDATE " + properties.table("products") + " SET updated_timestamp = :now WHERE product_id = :id", params);
        }
        return writes;
    }
}
