package io.cscartxero.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.jdbc.core.RowMapper;

/**
 * The SQL that reads CS-Cart customers. Only the validated table prefix is concatenated; every value is a
 * named parameter.
 */
public final class CsCartCustomerQueries {

    private static final String PROFILE_COLUMNS = "firstname, lastname, address, address_2, city, state, country, zipcode, phone";

    private final CsCartProperties cscart;

    public CsCartCustomerQueries(CsCartProperties cscart) {
        this.cscart = cscart;
    }

    /** Filters of one run: explicit user ids and/or a registration date. */
    public record Filter(List<Long> userIds, LocalDate since, Long changedAfter, ZoneId zone) {

        public Filter(List<Long> userIds, LocalDate since) {
            this(userIds, since, null, ZoneOffset.UTC);
        }

        public Filter(List<Long> userIds, LocalDate since, Long changedAfter) {
            this(userIds, since, changedAfter, ZoneOffset.UTC);
        }

        String where() {
            StringBuilder where = new StringBuilder("u.user_type = 'C'");
            if (userIds != null && !userIds.isEmpty()) {
                where.append(" AND u.user_id IN (:userIds)");
            }
            if (since != null) {
                where.append(" AND u.timestamp >= :since");
            }
            if (changedAfter != null) {
                // registration or any profile edit (users has no update column of its own)
                where.append(" AND (u.timestamp >= :changedAfter OR p.profile_update_timestamp >= :changedAfter)");
            }
            return where.toString();
        }

        public Map<String, Object> parameters() {
            Map<String, Object> params = new HashMap<>();
            if (userIds != null && !userIds.isEmpty()) {
                params.put("userIds", userIds);
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

    /**
     * A derived table, so the paging reader's sort key is a plain column name; the main profile is the lowest
     * {@code profile_id} of type 'P' (CS-Cart keeps one, but nothing in the schema enforces it).
     */
    public String fromClause(Filter filter) {
        StringBuilder select = new StringBuilder("SELECT u.user_id, u.company_id, u.status, u.email, u.firstname, u.lastname, u.company, "
                + "u.phone, u.fax, u.timestamp AS registered_at");
        for (String prefix : List.of("b_", "s_")) {
            for (String column : PROFILE_COLUMNS.split(", ")) {
                select.append(", p.").append(prefix).append(column);
            }
        }
        String users = cscart.table("users");
        String profiles = cscart.table("user_profiles");
        return "(" + select + " FROM " + users + " u LEFT JOIN " + profiles + " p ON p.profile_id = "
                + "(SELECT MIN(pp.profile_id) FROM " + profiles + " pp WHERE pp.user_id = u.user_id AND pp.profile_type = 'P')"
                + " WHERE " + filter.where() + cscart.storefrontCondition("u.company_id") + ") c";
    }

    public String selectClause() {
        return "*";
    }

    public String countQuery(Filter filter) {
        return "SELECT COUNT(*) FROM " + fromClause(filter);
    }

    /** Every customer's name parts, for finding contact names that two customers would share. */
    public String namePartsQuery() {
        return "SELECT user_id, email, firstname, lastname, company FROM " + cscart.table("users") + " WHERE user_type = 'C'";
    }

    /**
     * Customers by e-mail, for guest orders placed with a customer's address. {@code :emails} are trimmed and in lower
     * case; the column's collation may match more (utf8_general_ci also ignores accents), so callers compare again.
     */
    public String customersByEmailQuery() {
        return "SELECT user_id, email FROM " + cscart.table("users") + " WHERE user_type = 'C' AND LOWER(TRIM(email)) IN (:emails)";
    }

    public static final RowMapper<CsCartCustomer> ROW_MAPPER = (rs, i) -> new CsCartCustomer(
            rs.getLong("user_id"), rs.getLong("company_id"), text(rs, "status"), text(rs, "email"),
            text(rs, "firstname"), text(rs, "lastname"), text(rs, "company"), text(rs, "phone"), text(rs, "fax"),
            rs.getLong("registered_at"), address(rs, "b_"), address(rs, "s_"));

    private static CsCartCustomer.PostalAddress address(ResultSet rs, String prefix) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String column : PROFILE_COLUMNS.split(", ")) {
            values.add(text(rs, prefix + column));
        }
        return new CsCartCustomer.PostalAddress(values.get(0), values.get(1), values.get(2), values.get(3), values.get(4),
                values.get(5), values.get(6), values.get(7), values.get(8));
    }

    /** NULL where CS-Cart never writes one (a missing profile, hand-edited rows) reads as empty text. */
    static String text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }
}
