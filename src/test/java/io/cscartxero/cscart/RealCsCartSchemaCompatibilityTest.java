package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.RealStore;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jobs against CS-Cart's REAL 4.20 Ultimate schema and demo data, loaded from ../shared/cscart the way the
 * installer does (add-on columns included), with the connector's connections in strict SQL mode. Checks that what
 * the imports write has every row and every column that CS-Cart itself fills. Skipped where ../shared is absent:
 * those files are CS-Cart's own and never part of this repository.
 */
class RealCsCartSchemaCompatibilityTest {

    private static Path edition;
    private static ConnectorHarness harness;
    private static List<String> failedAddonStatements = new ArrayList<>();

    @BeforeAll
    static void loadRealStore() throws Exception {
        assumeTrue(RealStore.editionDir().isPresent(), RealStore.ABSENT);
        edition = RealStore.editionDir().get();
        RealStore.Loaded loaded = RealStore.load("real_ult");
        failedAddonStatements.addAll(loaded.failedAddonStatements());
        TestDatabase store = loaded.database();
        harness = ConnectorHarness.startWithStore(store);
    }

    @AfterAll
    static void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void exportsAndImportsRunOnTheRealSchemaInStrictMode() {
        JdbcTemplate store = harness.cscartJdbc();
        assertThat(store.queryForObject("SELECT @@GLOBAL.sql_mode", String.class)).contains("STRICT_TRANS_TABLES");
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_products", Long.class)).isGreaterThan(200);
        long category = store.queryForObject("SELECT category_id FROM cscart_products_categories WHERE link_type = 'M' ORDER BY product_id LIMIT 1", Long.class);
        harness.set("cscart.import.category-id", Long.toString(category));
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);

        JobLaunchService.Outcome customers = jobs.run("customerExportJob", Map.of());
        JobLaunchService.Outcome products = jobs.run("productExportJob", Map.of());
        assertThat(customers.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(products.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long demoCustomers = store.queryForObject("SELECT COUNT(*) FROM cscart_users WHERE user_type = 'C'", Long.class);
        long activeProducts = store.queryForObject("SELECT COUNT(*) FROM cscart_products WHERE status IN ('A', 'H')", Long.class);
        assertThat(harness.sandbox.contacts().size() + customers.execution().getStepExecutions().iterator().next().getSkipCount())
                .isEqualTo(demoCustomers);
        assertThat(harness.sandbox.items()).hasSize((int) activeProducts);

        XeroUser xero = new XeroUser(harness.sandbox);
        xero.put("/Contacts", """
                {"Contacts":[{"Name":"Grace Hopper","FirstName":"Grace","LastName":"Hopper","EmailAddress":"grace@example.org",
                  "Addresses":[{"AddressType":"POBOX","AddressLine1":"1 Navy Way","City":"Arlington","Region":"VA","PostalCode":"22201","Country":"US"}]}]}
                """);
        xero.put("/Items", """
                {"Items":[{"Code":"XERO-COMPAT-1","Name":"Imported from Xero","Description":"Made in Xero","SalesDetails":{"UnitPrice":12.34,"AccountCode":"200"}}]}
                """);
        assertThat(jobs.run("customerImportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobs.run("productImportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        long userId = store.queryForObject("SELECT user_id FROM cscart_users WHERE email = 'grace@example.org'", Long.class);
        long productId = store.queryForObject("SELECT product_id FROM cscart_products WHERE product_code = 'XERO-COMPAT-1'", Long.class);
        assertFilledLikeCsCart("cscart_users", "user_id", userId, "user_type = 'C'",
                Set.of("company", "phone", "last_login", "last_activity", "password", "salt", "birthday", "referer", "url", "fax", "api_key",
                        "purchase_timestamp_from", "purchase_timestamp_to", "responsible_email", "helpdesk_user_id", "janrain_identifier"));
        assertFilledLikeCsCart("cscart_user_profiles", "user_id", userId, "profile_type = 'P'",
                Set.of("b_address_2", "s_address_2", "b_county", "s_county", "s_address_type", "s_phone", "b_phone", "s_address",
                        "s_city", "s_state", "s_country", "s_zipcode"));
        assertFilledLikeCsCart("cscart_products", "product_id", productId, "product_type = 'P'",
                Set.of("list_price", "amount", "weight", "length", "width", "height", "shipping_freight", "low_avail_limit",
                        "tax_ids", "usergroup_ids", "localization", "shipping_params", "avail_since", "min_qty", "max_qty", "qty_step",
                        "list_qty_count", "options_type", "exceptions_type", "zero_price_action", "tracking"));
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_product_descriptions WHERE product_id = ?", Long.class, productId))
                .isEqualTo(store.queryForObject("SELECT COUNT(*) FROM cscart_languages", Long.class));
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 AND usergroup_id = 0",
                Long.class, productId)).isEqualTo(1);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_products_categories WHERE product_id = ? AND link_type = 'M'",
                Long.class, productId)).isEqualTo(1);
        assertThat(store.queryForObject("SELECT company_id FROM cscart_products WHERE product_id = ?", Long.class, productId))
                .isEqualTo(store.queryForObject("SELECT company_id FROM cscart_categories WHERE category_id = ?", Long.class, category));
    }

    /**
     * Every column that CS-Cart filled (non-empty, non-zero) in ALL of its own demo rows of the table must be filled
     * in the row the import wrote too — except columns only activity fills (logins, orders) or that are optional.
     */
    private static void assertFilledLikeCsCart(String table, String idColumn, long id, String demoFilter, Set<String> optional) {
        JdbcTemplate store = harness.cscartJdbc();
        List<Map<String, Object>> demo = store.queryForList("SELECT * FROM " + table + " WHERE " + demoFilter + " AND " + idColumn + " <> ?", id);
        assertThat(demo).as("demo rows of %s", table).isNotEmpty();
        Map<String, Object> imported = store.queryForMap("SELECT * FROM " + table + " WHERE " + idColumn + " = ? AND " + demoFilter + " LIMIT 1", id);
        for (String column : imported.keySet()) {
            boolean alwaysFilled = demo.stream().allMatch(row -> filled(row.get(column)));
            if (alwaysFilled && !optional.contains(column)) {
                assertThat(filled(imported.get(column))).as("%s.%s, which CS-Cart always fills", table, column).isTrue();
            }
        }
    }

    private static boolean filled(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return !value.toString().isBlank();
    }
}
