package io.cscartxero.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.contact.CsCartCustomerQueries;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.CsCartSchema;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Writes customers into CS-Cart as CS-Cart itself does: a {@code users} row ({@code user_type='C'},
 * {@code status='A'}, empty password: the customer uses "forgot password" to sign in) plus a main
 * {@code user_profiles} row. CS-Cart's tables are MyISAM (no transactions), so the order matters: the users row
 * first, complete and findable by e-mail; a crash before the profile leaves a customer that the rerun finds by
 * e-mail and {@link #repair repairs}. Never touches passwords, statuses or non-customer accounts.
 */
class CsCartCustomerStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final CsCartProperties properties;
    private final CsCartSchema schema;
    private final long ultimateCompanyId;
    private final java.util.function.Supplier<String> language;   // the store's default language, read on first insert
    private final CsCartCustomerQueries queries;

    CsCartCustomerStore(NamedParameterJdbcTemplate jdbc, CsCartProperties properties, CsCartSchema schema, long ultimateCompanyId,
            java.util.function.Supplier<String> language) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.schema = schema;
        this.ultimateCompanyId = ultimateCompanyId;
        this.language = language;
        this.queries = new CsCartCustomerQueries(properties);
    }

    /** An account having an e-mail: a customer ({@code C}) or an administrator / vendor account (never written). */
    record Account(long userId, String userType) {
        boolean isCustomer() {
            return "C".equals(userType);
        }
    }

    /** Every account per e-mail (trimmed, lower-cased: how the import compares them), in user_id order. */
    Map<String, List<Account>> accountsByEmail(Collection<String> emailKeys) {
        Map<String, List<Account>> found = new HashMap<>();
        if (emailKeys.isEmpty()) {
            return found;
        }
        jdbc.query("SELECT user_id, email, user_type FROM " + properties.table("users")
                + " WHERE LOWER(TRIM(email)) IN (:emails) ORDER BY user_id", Map.of("emails", emailKeys), rs -> {
                    String key = rs.getString("email").strip().toLowerCase(Locale.ROOT);
                    found.computeIfAbsent(key, k -> new ArrayList<>()).add(new Account(rs.getLong("user_id"), rs.getString("user_type")));
                });
        return found;
    }

    /** Current customers with their main profile, one query for the chunk. */
    Map<Long, CsCartCustomer> load(Collection<Long> userIds) {
        Map<Long, CsCartCustomer> current = new HashMap<>();
        if (userIds.isEmpty()) {
            return current;
        }
        var filter = new CsCartCustomerQueries.Filter(List.copyOf(userIds), null);
        jdbc.query("SELECT * FROM " + queries.fromClause(filter), filter.parameters(), rs -> {
            CsCartCustomer c = CsCartCustomerQueries.ROW_MAPPER.mapRow(rs, 0);
            current.put(c.userId(), c);
        });
        return current;
    }

    /** Inserts a new customer; returns its user_id. */
    long insert(CustomerImport c) {
        long now = Instant.now().getEpochSecond();
        long companyId = schema.isMultiVendor() ? 0 : ultimateCompanyId;
        var keys = new GeneratedKeyHolder();
        jdbc.update("INSERT INTO " + properties.table("users") + " (status, user_type, user_login, company_id, timestamp, password, salt, "
                + "firstname, lastname, company, email, phone, lang_code, password_change_timestamp) VALUES "
                + "('A', 'C', '', :company_id, :now, '', '', :firstname, :lastname, :company, :email, :phone, :lang, :now)",
                new MapSqlParameterSource(Map.of("company_id", companyId, "now", now, "firstname", c.firstname(),
                        "lastname", c.lastname(), "company", c.company(), "email", c.email(), "phone", c.phone(),
                        "lang", language.get())), keys, new String[] { "user_id" });
        long userId = keys.getKey().longValue();
        insertProfile(userId, c);
        setLogin(userId);
        return userId;
    }

    /**
     * Puts back what a crash may have left out: the main profile (inserted with the wanted values: true is
     * returned) and the login name.
     */
    boolean repair(long userId, CustomerImport c) {
        boolean profileInserted = false;
        Integer profiles = jdbc.queryForObject("SELECT COUNT(*) FROM " + properties.table("user_profiles")
                + " WHERE user_id = :id AND profile_type = 'P'", Map.of("id", userId), Integer.class);
        if (profiles == null || profiles == 0) {
            insertProfile(userId, c);
            profileInserted = true;
        }
        jdbc.update("UPDATE " + properties.table("users") + " SET user_login = CONCAT('user_', user_id) "
                + "WHERE user_id = :id AND user_login = ''", Map.of("id", userId));
        return profileInserted;
    }

    /**
     * Writes the changes of one customer account (never its e-mail, password, status or type: the statement also
     * requires {@code user_type = 'C'}). Returns the number of statements run.
     */
    int update(long userId, CustomerImportChanges changes) {
        Map<String, Object> user = new HashMap<>(changes.user());
        user.keySet().removeAll(List.of("email", "password", "salt", "status", "user_type", "user_login"));
        int writes = updateRow("users", "user_id = :id AND user_type = 'C'", userId, user);
        writes += updateRow("user_profiles", "profile_id = (SELECT p.profile_id FROM (SELECT MIN(pp.profile_id) AS profile_id FROM "
                + properties.table("user_profiles") + " pp JOIN " + properties.table("users") + " u ON u.user_id = pp.user_id "
                + "WHERE pp.user_id = :id AND pp.profile_type = 'P' AND u.user_type = 'C') p)", userId, changes.profile());
        return writes;
    }

    private int updateRow(String table, String where, long userId, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return 0;
        }
        List<String> sets = new ArrayList<>();
        changes.keySet().forEach(column -> sets.add(column + " = :" + column));   // column names are our constants
        Map<String, Object> params = new HashMap<>(changes);
        params.put("id", userId);
        jdbc.update("UPDATE " + properties.table(table) + " SET " + String.join(", ", sets) + " WHERE " + where, params);
        return 1;
    }

    private void insertProfile(long userId, CustomerImport c) {
        Map<String, Object> p = new HashMap<>();
        p.put("user_id", userId);
        p.put("now", Instant.now().getEpochSecond());
        for (var side : List.of(Map.entry("b_", c.billing()), Map.entry("s_", c.shipping()))) {
            CsCartCustomer.PostalAddress a = side.getValue();
            String s = side.getKey();
            p.put(s + "firstname", a.firstname());
            p.put(s + "lastname", a.lastname());
            p.put(s + "address", a.address());
            p.put(s + "address_2", a.address2());
            p.put(s + "city", a.city());
            p.put(s + "state", a.state());
            p.put(s + "country", a.country());
            p.put(s + "zipcode", a.zipcode());
            p.put(s + "phone", a.phone());
        }
        List<String> columns = p.keySet().stream().filter(k -> !k.equals("now") && !k.equals("user_id")).sorted().toList();
        jdbc.update("INSERT INTO " + properties.table("user_profiles") + " (user_id, profile_type, profile_name, profile_update_timestamp, "
                + String.join(", ", columns) + ") VALUES (:user_id, 'P', 'Main', :now, :" + String.join(", :", columns) + ")", p);
    }

    private void setLogin(long userId) {
        jdbc.update("UPDATE " + properties.table("users") + " SET user_login = CONCAT('user_', user_id) WHERE user_id = :id",
                Map.of("id", userId));
    }
}
