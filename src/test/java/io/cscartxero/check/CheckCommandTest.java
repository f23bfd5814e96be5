package io.cscartxero.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cscartxero.testsupport.ConnectorHarness;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code check} against the fixture store and the sandbox: all ✓ and exit 0 when a run would succeed; a ✗ line
 * with its fix, and exit 2, for each thing a first run would trip over. It never writes to Xero.
 */
class CheckCommandTest {

    private static ConnectorHarness harness;

    @BeforeAll
    static void start() {
        harness = ConnectorHarness.start().set("cscart.import.category-id", "2");
    }

    @AfterAll
    static void close() {
        assertThat(harness.sandbox.stats().writeCalls()).as("check never writes to Xero").isZero();
        harness.close();
    }

    @AfterEach
    void restore() {
        harness.set("cscart.table-prefix", ConnectorHarness.PREFIX)
                .set("cscart.datasource.username", harness.cscart.username())
                .set("cscart.datasource.password", harness.cscart.password())
                .set("sync.order-statuses", "P,C")
                .set("sync.void-on-status", "")
                .set("xero.shipping-account-code", "210")
                .set("xero.revenue-account-code", "200")
                .set("cscart.import.category-id", "2");
    }

    private record Result(int exit, List<String> lines) {
        String line(String startingWith) {
            return lines.stream().filter(l -> l.startsWith(startingWith)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting with '" + startingWith + "' in\n" + String.join("\n", lines)));
        }

        List<String> failed() {
            return lines.stream().filter(l -> l.startsWith("✗")).toList();
        }
    }

    private static Result check(String... options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] command = new String[options.length + 1];
        command[0] = "check";
        System.arraycopy(options, 0, command, 1, options.length);
        int exit = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), command);
        return new Result(exit, bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void everythingAFirstRunNeedsIsThere() {
        Result result = check();

        assertThat(result.failed()).isEmpty();
        assertThat(result.exit()).isZero();
        assertThat(result.line("✓ CS-Cart database")).contains("reachable").contains(harness.cscart.name());
        assertThat(result.line("✓ table prefix")).contains("'cscart_'");
        assertThat(result.line("✓ CS-Cart version")).contains("Ultimate");
        assertThat(result.line("✓ CS-Cart read grants")).contains("SELECT");
        assertThat(result.line("✓ CS-Cart import grants")).contains("INSERT/UPDATE");
        assertThat(result.line("✓ store time zone")).contains("UTC").contains("CS-Cart setting timezone");
        assertThat(result.line("✓ store primary currency")).contains("USD");
        assertThat(result.line("✓ store default language")).contains("en").contains("backend_default_language");
        assertThat(result.line("✓ order statuses (sync.order-statuses)")).contains("P,C");
        assertThat(result.line("✓ import category (cscart.import.category-id)")).contains("category 2 exists");
        assertThat(result.line("✓ import storefront (cscart.import.company-id)")).contains("company 1 exists");
        assertThat(result.line("✓ connector database")).contains("Flyway");
        assertThat(result.line("✓ Xero connection")).contains("access token");
        assertThat(result.line("✓ Xero organisation")).contains("base currency USD");
        assertThat(result.line("✓ Xero currency")).contains("USD");
        assertThat(result.line("✓ account 200 (xero.revenue-account-code)")).contains("REVENUE").contains("ACTIVE");
        assertThat(result.line("✓ account 860 (xero.rounding-account-code)")).contains("ACTIVE");
        assertThat(result.line("✓ Xero tax types")).contains("NONE");
        assertThat(result.lines().get(result.lines().size() - 1)).startsWith("All ").contains("a run would succeed");
    }

    @Test
    void aWrongTablePrefixNamesTheRightOne() {
        harness.set("cscart.table-prefix", "shop_");

        Result result = check();

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.line("✗ table prefix")).contains("no table shop_orders")
                .contains("set cscart.table-prefix=cscart_ (CSCART_TABLE_PREFIX)");
        assertThat(result.line("✗ store time zone")).contains("not checked");
        assertThat(result.line("✓ Xero connection")).isNotNull();
    }

    @Test
    void aMissingGrantOfARestrictedUserIsNamedWithTheGrantToRun() {
        var root = harness.cscartJdbc();
        String db = harness.cscart.name();
        root.execute("CREATE USER IF NOT EXISTS 'xero_ro'@'%' IDENTIFIED BY 'ro-secret'");
        root.execute("GRANT SELECT ON `" + db + "`.* TO 'xero_ro'@'%'");
        root.execute("GRANT INSERT, UPDATE ON `" + db + "`.`cscart_users` TO 'xero_ro'@'%'");
        root.execute("CREATE USER IF NOT EXISTS 'xero_none'@'%' IDENTIFIED BY 'none-secret'");
        root.execute("GRANT SELECT ON `" + db + "`.`cscart_orders` TO 'xero_none'@'%'");
        root.execute("GRANT SELECT ON `" + db + "`.`cscart_settings_objects` TO 'xero_none'@'%'");
        try {
            harness.set("cscart.datasource.username", "xero_ro").set("cscart.datasource.password", "ro-secret");
            Result readOnly = check();
            assertThat(readOnly.exit()).isEqualTo(2);
            assertThat(readOnly.line("✓ CS-Cart read grants")).isNotNull();
            assertThat(readOnly.line("✗ CS-Cart import grants"))
                    .contains("no INSERT, UPDATE on cscart_user_profiles")
                    .contains("INSERT on cscart_products_categories")
                    .doesNotContain("on cscart_users,")
                    .contains("GRANT INSERT, UPDATE ON `" + db + "`.`cscart_user_profiles` TO 'xero_ro'@'%';");
            assertThat(readOnly.failed()).hasSize(1);

            Result exportsOnly = check("--exports-only");
            assertThat(exportsOnly.failed()).isEmpty();
            assertThat(exportsOnly.exit()).isZero();

            harness.set("cscart.datasource.username", "xero_none").set("cscart.datasource.password", "none-secret");
            Result noSelect = check("--exports-only");
            assertThat(noSelect.exit()).isEqualTo(2);
            assertThat(noSelect.line("✗ CS-Cart read grants")).contains("no SELECT on cscart_users")
                    .doesNotContain("cscart_orders,").contains("GRANT SELECT ON `" + db + "`.`cscart_users` TO 'xero_none'@'%';")
                    .doesNotContain("`cscart_orders` TO");
        } finally {
            root.execute("DROP USER 'xero_ro'@'%'");
            root.execute("DROP USER 'xero_none'@'%'");
        }
    }

    @Test
    void anOrderStatusTheStoreDoesNotHaveIsNamed() {
        harness.set("sync.order-statuses", "P,C,X").set("sync.void-on-status", "I");

        Result result = check();

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.line("✗ order statuses (sync.order-statuses)")).contains("X is not an order status of this store")
                .contains("SYNC_ORDER_STATUSES");
        assertThat(result.line("✓ order statuses (sync.void-on-status)")).contains("I");
        assertThat(result.failed()).hasSize(1);
    }

    @Test
    void anInactiveOrWrongTypeAccountIsNamed() {
        harness.set("xero.shipping-account-code", "299").set("xero.revenue-account-code", "090");

        Result result = check();

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.line("✗ account 299 (xero.shipping-account-code)")).contains("ARCHIVED, not ACTIVE")
                .contains("XERO_SHIPPING_ACCOUNT_CODE");
        assertThat(result.line("✗ account 090 (xero.revenue-account-code)")).contains("type BANK")
                .contains("a sales account (REVENUE or SALES)");
        assertThat(result.failed()).hasSize(2);
    }

    @Test
    void aStoreCurrencyTheOrganisationDoesNotHaveIsNamed() {
        var store = harness.cscartJdbc();
        store.update("UPDATE cscart_currencies SET is_primary = 'N'");
        store.update("INSERT INTO cscart_currencies (currency_id, currency_code, is_primary, position, coefficient) VALUES (9, 'GBP', 'Y', 9, 1)");
        try {
            Result result = check();

            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.line("✓ store primary currency")).contains("GBP");
            assertThat(result.line("✗ Xero currency")).contains("GBP is not enabled").contains("add GBP in Xero");
            assertThat(result.failed()).hasSize(1);
        } finally {
            store.update("DELETE FROM cscart_currencies WHERE currency_id = 9");
            store.update("UPDATE cscart_currencies SET is_primary = 'Y' WHERE currency_code = 'USD'");
        }
    }

    @Test
    void anImportCategoryTheStoreDoesNotHaveIsNamedUnlessOnlyExporting() {
        harness.set("cscart.import.category-id", "999");

        Result result = check();
        Result exportsOnly = check("--exports-only");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.line("✗ import category (cscart.import.category-id)")).contains("category 999 does not exist")
                .contains("CSCART_IMPORT_CATEGORY_ID");
        assertThat(result.failed()).hasSize(1);
        assertThat(exportsOnly.exit()).isZero();
        assertThat(exportsOnly.lines()).noneMatch(l -> l.contains("import category") || l.contains("import grants"));
    }
}
