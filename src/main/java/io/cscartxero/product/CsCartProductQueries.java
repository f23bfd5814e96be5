package io.cscartxero.product;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.jdbc.core.RowMapper;

/** The SQL that reads CS-Cart products; only the validated table prefix is concatenated. */
final class CsCartProductQueries {

    private final CsCartProperties cscart;

    CsCartProductQueries(CsCartProperties cscart) {
        this.cscart = cscart;
    }

    /** One run's selection: explicit ids, a last-update date and the statuses to export. */
    record Filter(List<Long> productIds, LocalDate since, List<String> statuses, Long changedAfter, java.time.ZoneId zone) {

        Filter(List<Long> productIds, LocalDate since, List<String> statuses) {
            this(productIds, since, statuses, null, ZoneOffset.UTC);
        }

        Filter(List<Long> productIds, LocalDate since, List<String> statuses, Long changedAfter) {
            this(productIds, since, statuses, changedAfter, ZoneOffset.UTC);
        }

        String where() {
            StringBuilder where = new StringBuilder("p.status IN (:statuses)");
            if (productIds != null && !productIds.isEmpty()) {
                where.append(" AND p.product_id IN (:productIds)");
            }
            if (since != null) {
                where.append(" AND p.updated_timestamp >= :since");
            }
            if (changedAfter != null) {
                where.append(" AND p.updated_timestamp >= :changedAfter");
            }
            return where.toString();
        }

        Map<String, Object> parameters(String language) {
            Map<String, Object> params = new HashMap<>();
            params.put("statuses", statuses);
            params.put("lang", language);
            if (productIds != null && !productIds.isEmpty()) {
                params.put("productIds", productIds);
            }
            if (since != null) {
                params.put("since", since.atStartOfDay(zone == null ? ZoneOffset.UTC : zone).toEpochSecond()); // the store's day
            }
            if (changedAfter != null) {
                params.put("changedAfter", changedAfter);
            }
            return params;
        }
    }

    /** One paging query: descriptions and the base price are joined, never read per product. */
    String fromClause(Filter filter) {
        String products = cscart.table("products");
        String descriptions = cscart.table("product_descriptions");
        String prices = cscart.table("product_prices");
        return "(SELECT p.product_id, p.product_code, p.product_type, p.status, p.updated_timestamp, "
                + "COALESCE(d.product, f.product, '') AS name, COALESCE(d.short_description, f.short_description, '') AS short_description, "
                + "COALESCE(d.full_description, f.full_description, '') AS full_description, pr.price "
                + "FROM " + products + " p "
                + "LEFT JOIN " + descriptions + " d ON d.product_id = p.product_id AND d.lang_code = :lang "
                + "LEFT JOIN " + descriptions + " f ON f.product_id = p.product_id AND f.lang_code = "
                + "(SELECT MIN(x.lang_code) FROM " + descriptions + " x WHERE x.product_id = p.product_id) "
                + "LEFT JOIN " + prices + " pr ON pr.product_id = p.product_id AND pr.lower_limit = 1 AND pr.usergroup_id = 0 "
                + "WHERE " + filter.where() + cscart.storefrontCondition("p.company_id") + ") c";
    }

    String countQuery(Filter filter) {
        return "SELECT COUNT(*) FROM " + cscart.table("products") + " p WHERE " + filter.where() + cscart.storefrontCondition("p.company_id");
    }

    /** Every product's code, to tell which codes Xero can take (≤ 30 characters and unique). */
    String codesQuery() {
        return "SELECT product_id, product_code FROM " + cscart.table("products");
    }

    static final RowMapper<CsCartProduct> ROW_MAPPER = (rs, i) -> new CsCartProduct(rs.getLong("product_id"),
            text(rs.getString("product_code")), text(rs.getString("product_type")), text(rs.getString("status")),
            text(rs.getString("name")), text(rs.getString("short_description")), text(rs.getString("full_description")),
            rs.getBigDecimal("price"), rs.getLong("updated_timestamp"));

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
