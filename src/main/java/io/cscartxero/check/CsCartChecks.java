package io.cscartxero.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.LaunchRequirements;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The CS-Cart side: database reachable, table prefix, version. */
final class CsCartChecks {

    private CsCartChecks() {
    }

    @Component
    @Order(FirstRunCheck.CSCART_DATABASE)
    static class Database implements FirstRunCheck {
        @Override
        public String subject() {
            return "CS-Cart database";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            var unavailable = context.cscartUnavailable();
            if (unavailable.isPresent()) {
                return List.of(CheckLine.fail(subject(), unavailable.get(), "set cscart.datasource.url, .username and .password ("
                        + LaunchRequirements.envVar("cscart.datasource.url") + ", CSCART_DATASOURCE_USERNAME, CSCART_DATASOURCE_PASSWORD)"
                        + " to the store's database, e.g. jdbc:mysql://host:3306/cscart"));
            }
            Map<String, Object> server = context.cscart().getJdbcTemplate().queryForMap("SELECT VERSION() AS v, DATABASE() AS d, CURRENT_USER() AS u");
            return List.of(CheckLine.ok(subject(), "reachable, database " + server.get("d") + " as " + server.get("u") + " (server " + server.get("v") + ")"));
        }
    }

    @Component
    @Order(FirstRunCheck.TABLE_PREFIX)
    static class TablePrefix implements FirstRunCheck {
        @Override
        public String subject() {
            return "table prefix";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            if (context.cscartUnavailable().isPresent()) {
                return List.of(CheckLine.notChecked(subject(), "the CS-Cart database is not available"));
            }
            String prefix = context.cscartProperties().tablePrefix();
            if (context.storeTablesUnavailable().isEmpty()) {
                return List.of(CheckLine.ok(subject(), "'" + prefix + "' (" + prefix + "orders, " + prefix + "settings_objects found)"));
            }
            // CS-Cart always has <prefix>settings_objects: its names tell the prefix in use
            List<String> found = context.cscart().getJdbcTemplate().queryForList("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = DATABASE() AND table_name LIKE '%settings\\_objects' ORDER BY table_name", String.class);
            List<String> prefixes = found.stream().map(t -> t.substring(0, t.length() - "settings_objects".length())).toList();
            String fix = prefixes.isEmpty() ? "point cscart.datasource.url at the database CS-Cart uses (its config.local.php: db_name)"
                    : "set cscart.table-prefix=" + prefixes.get(0) + " (" + LaunchRequirements.envVar("cscart.table-prefix")
                            + "), the prefix of the tables in this database (config.local.php: table_prefix)";
            return List.of(CheckLine.fail(subject(), "no table " + prefix + "orders in this database"
                    + (prefixes.isEmpty() ? "" : "; found CS-Cart tables with prefix " + String.join(", ", prefixes.stream().map(p -> "'" + p + "'").toList())), fix));
        }
    }

    /**
     * CS-Cart keeps its version number in config.php (PRODUCT_VERSION), not in the database; the schema tells which
     * edition and whether the columns the connector reads exist (orders.updated_at since 4.12,
     * user_profiles.profile_update_timestamp since 4.11), and installed_upgrades lists the upgrades applied.
     */
    @Component
    @Order(FirstRunCheck.CSCART_VERSION)
    static class Version implements FirstRunCheck {
        @Override
        public String subject() {
            return "CS-Cart version";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            var unavailable = context.storeTablesUnavailable();
            if (unavailable.isPresent()) {
                return List.of(CheckLine.notChecked(subject(), unavailable.get()));
            }
            String edition = context.schema().isMultiVendor() ? "Multi-Vendor" : "Ultimate";
            List<String> missing = new ArrayList<>();
            if (!context.schema().hasColumn("orders", "updated_at")) {
                missing.add("orders.updated_at (4.12)");
            }
            if (!context.schema().hasColumn("user_profiles", "profile_update_timestamp")) {
                missing.add("user_profiles.profile_update_timestamp (4.11)");
            }
            String upgrade = "";
            if (context.tableExists("installed_upgrades")) {
                List<String> last = context.cscart().getJdbcTemplate().queryForList("SELECT name FROM "
                        + context.cscartProperties().table("installed_upgrades") + " WHERE type = 'core' ORDER BY timestamp DESC LIMIT 1", String.class);
                upgrade = last.isEmpty() ? "" : ", last core upgrade " + last.get(0);
            }
            if (!missing.isEmpty()) {
                return List.of(CheckLine.fail(subject(), edition + " without " + String.join(", ", missing),
                        "upgrade CS-Cart to 4.12 or later: the change sync reads these columns"));
            }
            return List.of(CheckLine.ok(subject(), edition + ", schema of 4.12 or later" + upgrade
                    + " (the exact version is in CS-Cart's config.php, not in the database)"));
        }
    }
}
