package io.cscartxero.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The CS-Cart account has the privileges the jobs use, table by table (the README's least-privilege grants): SELECT on
 * every table the exports (and the store settings, the checks, the tax plan) read; for the imports also SELECT on the
 * category and storefront tables and INSERT/UPDATE on the tables they write. A missing grant is named with the
 * table-level GRANT statement that adds it. Each privilege is tried with a
 * statement the server must authorise but that touches no row ({@code WHERE 1 = 0}): the server's answer is the
 * truth, whatever mix of global, database, table and role grants produced it.
 */
@Component
@Order(FirstRunCheck.CSCART_GRANTS)
class CsCartGrantsCheck implements FirstRunCheck {

    /** Tables of an add-on a store may have uninstalled (RMA): absent, they need no grant (the jobs see no returns). */
    static final List<String> ADD_ON_TABLES = List.of("rma_returns", "rma_return_products", "rma_properties");

    /**
     * Tables the exports, the delete jobs, {@code taxes} and {@code check --exports-only} read (measured from the SQL
     * in the main code): customers, products, orders with their lines, data and taxes, the RMA add-on's returns
     * ({@link #ADD_ON_TABLES}: refundExportJob, and orderExportJob keeps the invoice of an order with a completed refund
     * return), and the store's settings. The
     * README's least-privilege grants are these, table by table, plus {@code destination_descriptions} (optional: the
     * tax plan then names destinations by id) and {@code installed_upgrades} (optional: check shows the last upgrade).
     */
    static final List<String> READ = Stream.concat(Stream.of("users", "user_profiles", "products", "product_descriptions",
            "product_prices", "orders", "order_details", "order_data", "currencies", "languages", "settings_objects", "statuses",
            "taxes", "tax_descriptions", "tax_rates", "status_data", "status_descriptions", "payment_descriptions", "logs"),
            ADD_ON_TABLES.stream()).toList();

    /** Tables only the imports (and their checks) read besides {@link #READ}: the import category and storefront. */
    static final List<String> IMPORT_READ = List.of("products_categories", "categories", "companies");

    /** Tables the imports write → whether they also UPDATE it (products_categories: INSERT only). */
    static final Map<String, Boolean> WRITE = writes();

    /** MySQL/MariaDB: table, column and database access denied. */
    private static final List<Integer> DENIED = List.of(1142, 1143, 1044, 1045);

    private static Map<String, Boolean> writes() {
        Map<String, Boolean> w = new LinkedHashMap<>();
        w.put("users", true);
        w.put("user_profiles", true);
        w.put("products", true);
        w.put("product_descriptions", true);
        w.put("product_prices", true);
        w.put("products_categories", false);
        return w;
    }

    @Override
    public String subject() {
        return "CS-Cart grants";
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        var unavailable = context.storeTablesUnavailable();
        if (unavailable.isPresent()) {
            return List.of(CheckLine.notChecked(subject(), unavailable.get()));
        }
        var jdbc = context.cscart().getJdbcTemplate();
        var p = context.cscartProperties();
        List<CheckLine> lines = new ArrayList<>();
        String database = jdbc.queryForObject("SELECT DATABASE()", String.class);
        String user = jdbc.queryForObject("SELECT CURRENT_USER()", String.class);
        String grantee = quoteUser(user);
        List<String> select = new ArrayList<>();
        List<String> selectGrants = new ArrayList<>();
        for (String table : READ) {
            if (ADD_ON_TABLES.contains(table) && absent(() -> jdbc.queryForList("SELECT 1 FROM " + p.table(table) + " WHERE 1 = 0"))) {
                continue; // the RMA add-on is not installed: no returns, nothing to grant
            }
            if (denied(() -> jdbc.queryForList("SELECT 1 FROM " + p.table(table) + " WHERE 1 = 0"))) {
                select.add(p.table(table));
                selectGrants.add("GRANT SELECT ON `" + database + "`.`" + p.table(table) + "` TO " + grantee + ";");
            }
        }
        lines.add(select.isEmpty() ? CheckLine.ok("CS-Cart read grants", "SELECT on the " + READ.size() + " tables the jobs read")
                : CheckLine.fail("CS-Cart read grants", "no SELECT on " + String.join(", ", select), String.join(" ", selectGrants)));
        if (context.exportsOnly()) {
            return lines;
        }
        List<String> grants = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String table : IMPORT_READ) {
            String t = p.table(table);
            if (denied(() -> jdbc.queryForList("SELECT 1 FROM " + t + " WHERE 1 = 0"))) {
                missing.add("SELECT on " + t);
                grants.add("GRANT SELECT ON `" + database + "`.`" + t + "` TO " + grantee + ";");
            }
        }
        WRITE.forEach((table, update) -> {
            String t = p.table(table);
            String key = keyOf(table);
            // every column: in strict mode the server refuses a column list that leaves out a NOT NULL column without
            // a default (products.facebook_obj_type...) even when no row is inserted
            boolean noInsert = denied(() -> jdbc.update("INSERT INTO " + t + " SELECT * FROM " + t + " WHERE 1 = 0"));
            boolean noUpdate = update && denied(() -> jdbc.update("UPDATE " + t + " SET " + key + " = " + key + " WHERE 1 = 0"));
            if (noInsert || noUpdate) {
                String privileges = noInsert && noUpdate ? "INSERT, UPDATE" : noInsert ? "INSERT" : "UPDATE";
                missing.add(privileges + " on " + t);
                grants.add("GRANT " + privileges + " ON `" + database + "`.`" + t + "` TO " + grantee + ";");
            }
        });
        lines.add(missing.isEmpty() ? CheckLine.ok("CS-Cart import grants", "INSERT/UPDATE on the " + WRITE.size() + " tables the imports write, "
                + "SELECT on " + String.join(", ", IMPORT_READ))
                : CheckLine.fail("CS-Cart import grants", "no " + String.join(", ", missing) + " (customerImportJob, productImportJob)",
                        String.join(" ", grants) + " (or run check --exports-only if you never import)"));
        return lines;
    }

    private static String keyOf(String table) {
        return switch (table) {
            case "users" -> "user_id";
            case "user_profiles" -> "profile_id";
            default -> "product_id";
        };
    }

    /** 'user'@'host' as CURRENT_USER() names the account the server matched. */
    private static String quoteUser(String user) {
        int at = user == null ? -1 : user.lastIndexOf('@');
        return at < 0 ? "'" + user + "'" : "'" + user.substring(0, at) + "'@'" + user.substring(at + 1) + "'";
    }

    /** Whether the probe fails because the table does not exist (MySQL/MariaDB error 1146). */
    private static boolean absent(Runnable probe) {
        try {
            probe.run();
            return false;
        } catch (DataAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && sql.getErrorCode() == 1146) {
                    return true;
                }
            }
            return false; // denied or another failure: the denied() probe that follows reports it
        }
    }

    private static boolean denied(Runnable probe) {
        try {
            probe.run();
            return false;
        } catch (DataAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && DENIED.contains(sql.getErrorCode())) {
                    return true;
                }
            }
            throw e;
        }
    }
}
