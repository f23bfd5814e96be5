package io.cscartxero.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** customerImportJob and productImportJob: Xero records become complete CS-Cart rows, reruns change nothing. */
class ImportJobsTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** CHECKSUM TABLE of the given tables: equal before and after means no row was written. */
    private String checksum(String... tables) {
        StringBuilder sb = new StringBuilder();
        for (String t : tables) {
            sb.append(harness.cscartJdbc().queryForList("CHECKSUM TABLE " + t)).append(';');
        }
        return sb.toString();
    }

    @Test
    void contactsBecomeCompleteCustomersAndARerunWritesNothing() {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 51L).customers(20);
        JdbcTemplate store = harness.cscartJdbc();
        Map<String, Object> existing = store.queryForMap("SELECT user_id, email FROM cscart_users WHERE user_type = 'C' "
                + "AND email LIKE '%@%.%' AND email NOT LIKE '% %' ORDER BY user_id LIMIT 1");
        String adminEmail = store.queryForObject("SELECT email FROM cscart_users WHERE user_type = 'A' LIMIT 1", String.class);
        XeroUser xero = new XeroUser(harness.sandbox);
        xero.put("/Contacts", """
                {"Contacts":[
                 {"Name":"Ada Lovelace","FirstName":"Ada","LastName":"Lovelace","EmailAddress":"ada@example.org",
                  "Addresses":[{"AddressType":"POBOX","AddressLine1":"1 Billing Rd","City":"London","PostalCode":"N1 1AA","Country":"United Kingdom"},
                               {"AddressType":"STREET","AddressLine1":"9 Ship St","City":"Boston","Region":"MA","PostalCode":"02134","Country":"US"}],
                  "Phones":[{"PhoneType":"DEFAULT","PhoneNumber":"+44 20 7946 0000"}]},
                 {"Name":"Babbage Engines Ltd 🚂","FirstName":"Charles","LastName":"Babbage","EmailAddress":"charles@example.org"},
                 {"Name":"No Email Person"},
                 {"Name":"Existing Customer Renamed","FirstName":"Renamed","LastName":"InXero","EmailAddress":"%s"},
                 {"Name":"Looks Like The Admin","EmailAddress":"%s"}]}
                """.formatted(String.valueOf(existing.get("email")).toUpperCase(), adminEmail));
        long usersBefore = store.queryForObject("SELECT COUNT(*) FROM cscart_users", Long.class);
        harness.set("cscart.import.company-id", "1");
        ConfigurableApplicationContext app = harness.startApp();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("customerImportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_users", Long.class)).isEqualTo(usersBefore + 2);
        Map<String, Object> ada = store.queryForMap("SELECT * FROM cscart_users WHERE email = 'ada@example.org'");
        assertThat(ada).containsEntry("user_type", "C").containsEntry("status", "A").containsEntry("password", "")
                .containsEntry("firstname", "Ada").containsEntry("company", "").containsEntry("company_id", 1L)
                .containsEntry("user_login", "user_" + ada.get("user_id"));
        Map<String, Object> adaProfile = store.queryForMap("SELECT * FROM cscart_user_profiles WHERE user_id = ? AND profile_type = 'P'", ada.get("user_id"));
        assertThat(adaProfile).containsEntry("b_address", "1 Billing Rd").containsEntry("b_country", "GB")
                .containsEntry("s_city", "Boston").containsEntry("s_state", "MA").containsEntry("profile_name", "Main");
        Map<String, Object> charles = store.queryForMap("SELECT * FROM cscart_users WHERE email = 'charles@example.org'");
        assertThat(charles.get("company")).isEqualTo("Babbage Engines Ltd \uFFFD");   // utf8 tables cannot hold the emoji
        Map<String, Object> renamed = store.queryForMap("SELECT * FROM cscart_users WHERE user_id = ?", existing.get("user_id"));
        assertThat(renamed).containsEntry("firstname", "Renamed").containsEntry("lastname", "InXero");
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_users WHERE LOWER(email) = LOWER(?)", Long.class, existing.get("email"))).isEqualTo(1);
        assertThat(store.queryForObject("SELECT user_type FROM cscart_users WHERE email = ?", String.class, adminEmail)).isEqualTo("A");
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("customerImportJob", null, 100);
        assertThat(errors).extracting(ErrorLog.Row::message).anyMatch(m -> m.contains("has no email address"))
                .anyMatch(m -> m.contains("administrator or vendor"));

        // nothing changed in Xero: nothing written in CS-Cart
        String before = checksum("cscart_users", "cscart_user_profiles");
        JobLaunchService.Outcome again = ConnectorHarness.jobs(app).run("customerImportJob", Map.of("full", "true"));
        assertThat(again.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(checksum("cscart_users", "cscart_user_profiles")).isEqualTo(before);

        // a crash between the users row and the profile (the chunk's links never committed): the rerun finds the
        // customer by e-mail and completes it
        store.update("DELETE FROM cscart_user_profiles WHERE user_id = ?", charles.get("user_id"));
        store.update("UPDATE cscart_users SET user_login = '' WHERE user_id = ?", charles.get("user_id"));
        app.getBean(JdbcTemplate.class).update("DELETE FROM sync_link WHERE entity = 'CONTACT' AND cscart_id = ?",
                String.valueOf(charles.get("user_id")));
        ConnectorHarness.jobs(app).run("customerImportJob", Map.of("full", "true"));
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_user_profiles WHERE user_id = ? AND profile_type = 'P'",
                Long.class, charles.get("user_id"))).isEqualTo(1);
        assertThat(store.queryForObject("SELECT user_login FROM cscart_users WHERE user_id = ?", String.class, charles.get("user_id")))
                .isEqualTo("user_" + charles.get("user_id"));
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_users", Long.class)).isEqualTo(usersBefore + 2);
    }

    @Test
    void itemsBecomeCompleteProductsAndARerunWritesNothing() {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 52L).products(10);
        JdbcTemplate store = harness.cscartJdbc();
        long category = store.queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class);
        String existingCode = store.queryForObject("SELECT product_code FROM cscart_products WHERE product_code <> '' "
                + "AND LENGTH(product_code) <= 30 ORDER BY product_id LIMIT 1", String.class);
        long existingId = store.queryForObject("SELECT MIN(product_id) FROM cscart_products WHERE product_code = ?", Long.class, existingCode);
        BigDecimal existingPrice = store.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 "
                + "AND usergroup_id = 0", BigDecimal.class, existingId);
        XeroUser xero = new XeroUser(harness.sandbox);
        xero.put("/Items", """
                {"Items":[
                 {"Code":"XERO-1","Name":"Consulting hour","Description":"One hour of consulting","SalesDetails":{"UnitPrice":120.00,"AccountCode":"200"}},
                 {"Code":"XERO-2","Name":"Gift wrap ★","SalesDetails":{"UnitPrice":4.5}},
                 {"Code":"%s","Name":"Renamed in Xero","SalesDetails":{"UnitPrice":77.70}}]}
                """.formatted(existingCode));
        long languages = store.queryForObject("SELECT COUNT(*) FROM cscart_languages", Long.class);
        harness.set("cscart.import.category-id", Long.toString(category));
        ConfigurableApplicationContext app = harness.startApp();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("productImportJob", Map.of());

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        long newId = store.queryForObject("SELECT product_id FROM cscart_products WHERE product_code = 'XERO-1'", Long.class);
        assertThat(store.queryForMap("SELECT status, product_type FROM cscart_products WHERE product_id = ?", newId))
                .containsEntry("status", "D").containsEntry("product_type", "P");
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_product_descriptions WHERE product_id = ?", Long.class, newId)).isEqualTo(languages);
        assertThat(store.queryForObject("SELECT product FROM cscart_product_descriptions WHERE product_id = ? AND lang_code = 'en'", String.class, newId))
                .isEqualTo("Consulting hour");
        assertThat(store.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 AND usergroup_id = 0",
                BigDecimal.class, newId)).isEqualByComparingTo("120.00");
        assertThat(store.queryForObject("SELECT category_id FROM cscart_products_categories WHERE product_id = ? AND link_type = 'M'",
                Long.class, newId)).isEqualTo(category);
        assertThat(store.queryForObject("SELECT product FROM cscart_product_descriptions WHERE product_id = ? AND lang_code = 'en'", String.class, existingId))
                .isEqualTo("Renamed in Xero");
        // prices of existing products change only with cscart.import.update-prices=true: a warning row says what Xero holds
        assertThat(store.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1 AND usergroup_id = 0",
                BigDecimal.class, existingId)).isEqualByComparingTo(existingPrice);
        assertThat(app.getBean(ErrorLog.class).find("productImportJob", null, 10)).singleElement()
                .satisfies(row -> assertThat(row.message()).contains("77.70").contains("cscart.import.update-prices=true")
                        .contains(Long.toString(existingId)));

        String[] tables = { "cscart_products", "cscart_product_descriptions", "cscart_product_prices", "cscart_products_categories" };
        String before = checksum(tables);
        ConnectorHarness.jobs(app).run("productImportJob", Map.of("full", "true"));
        assertThat(checksum(tables)).isEqualTo(before);

        // a crash right after the products row (the chunk's links never committed): the rerun matches the product by
        // code and adds the missing rows, no second product
        long xero2 = store.queryForObject("SELECT product_id FROM cscart_products WHERE product_code = 'XERO-2'", Long.class);
        app.getBean(JdbcTemplate.class).update("DELETE FROM sync_link WHERE entity = 'ITEM' AND cscart_id = ?", String.valueOf(xero2));
        store.update("DELETE FROM cscart_product_descriptions WHERE product_id = ?", xero2);
        store.update("DELETE FROM cscart_product_prices WHERE product_id = ?", xero2);
        store.update("DELETE FROM cscart_products_categories WHERE product_id = ?", xero2);
        ConnectorHarness.jobs(app).run("productImportJob", Map.of("full", "true"));
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_products WHERE product_code = 'XERO-2'", Long.class)).isEqualTo(1);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_product_descriptions WHERE product_id = ?", Long.class, xero2)).isEqualTo(languages);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_product_prices WHERE product_id = ?", Long.class, xero2)).isEqualTo(1);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_products_categories WHERE product_id = ?", Long.class, xero2)).isEqualTo(1);
    }

    /**
     * The first-run configuration has no cscart.import.category-id: products the export sent are still
     * imported (nothing to write when nothing changed in Xero, a Xero edit applied), and an item that would need a
     * new product is skipped with one row naming the property, the job completing (exit 3: a record was skipped).
     */
    @Test
    void withoutAnImportCategoryLinkedItemsAreImportedAndNewItemsAreSkippedNamingTheProperty() {
        harness = ConnectorHarness.start();
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 53L).products(10);
        JdbcTemplate store = harness.cscartJdbc();
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        assertThat(jobs.run("productExportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harness.sandbox.items()).as("items the export sent").isNotEmpty();

        String[] tables = { "cscart_products", "cscart_product_descriptions", "cscart_product_prices", "cscart_products_categories" };
        String before = checksum(tables);
        long xeroWritesBefore = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome onlyLinked = jobs.run("productImportJob", Map.of("full", "true"));

        assertThat(onlyLinked.execution().getStatus()).as(onlyLinked.message()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(onlyLinked.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        assertThat(onlyLinked.execution().getStepExecutions().iterator().next().getReadCount())
                .isEqualTo(harness.sandbox.items().size());
        assertThat(app.getBean(ErrorLog.class).find("productImportJob", null, 10)).isEmpty();
        assertThat(checksum(tables)).as("CS-Cart rows written").isEqualTo(before);
        assertThat(harness.sandbox.stats().writeCalls()).as("Xero writes").isEqualTo(xeroWritesBefore);

        // someone renames a linked item and adds a new one in Xero
        Map<String, Object> linked = app.getBean(JdbcTemplate.class).queryForMap(
                "SELECT cscart_id, xero_id, xero_key FROM sync_link WHERE entity = 'ITEM' AND state = 'SYNCED' ORDER BY cscart_id LIMIT 1");
        XeroUser xero = new XeroUser(harness.sandbox);
        xero.post("/Items", """
                {"Items":[{"ItemID":"%s","Code":"%s","Name":"Renamed in Xero"}]}""".formatted(linked.get("xero_id"), linked.get("xero_key")));
        xero.put("/Items", """
                {"Items":[{"Code":"XERO-NEW","Name":"Made in Xero","SalesDetails":{"UnitPrice":12.00}}]}""");
        long productsBefore = store.queryForObject("SELECT COUNT(*) FROM cscart_products", Long.class);
        JobLaunchService.Outcome withNew = jobs.run("productImportJob", Map.of());

        assertThat(withNew.execution().getStatus()).as(withNew.message()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(withNew.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        assertThat(withNew.execution().getStepExecutions().iterator().next().getWriteSkipCount()).isEqualTo(1);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_products", Long.class)).isEqualTo(productsBefore);
        assertThat(store.queryForObject("SELECT COUNT(*) FROM cscart_products WHERE product_code = 'XERO-NEW'", Long.class)).isZero();
        assertThat(store.queryForObject("SELECT product FROM cscart_product_descriptions WHERE product_id = ? AND lang_code = 'en'",
                String.class, Long.valueOf((String) linked.get("cscart_id")))).isEqualTo("Renamed in Xero");
        assertThat(app.getBean(ErrorLog.class).find("productImportJob", null, 10)).singleElement()
                .satisfies(row -> assertThat(row.message()).contains("XERO-NEW").contains("cscart.import.category-id")
                        .contains("CSCART_IMPORT_CATEGORY_ID"));
        assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'ITEM' "
                + "AND state <> 'SYNCED'", Long.class)).as("the skipped item leaves no link").isZero();

        // the merchant sets the category and reruns in full: the item becomes a product in it
        long category = store.queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class);
        harness.set("cscart.import.category-id", Long.toString(category));
        JobLaunchService.Outcome configured = ConnectorHarness.jobs(harness.startApp()).run("productImportJob", Map.of("full", "true"));
        assertThat(configured.exitCode()).as(configured.message()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        assertThat(store.queryForObject("SELECT pc.category_id FROM cscart_products p JOIN cscart_products_categories pc "
                + "ON pc.product_id = p.product_id AND pc.link_type = 'M' WHERE p.product_code = 'XERO-NEW'", Long.class)).isEqualTo(category);
    }

    @Test
    void aMissingImportCategoryIsAConfigurationError() {
        harness = ConnectorHarness.start();
        new XeroUser(harness.sandbox).put("/Items", "{\"Items\":[{\"Code\":\"X-1\",\"Name\":\"X\"}]}");
        harness.set("cscart.import.category-id", "987654");
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(harness.startApp()).run("productImportJob", Map.of());
        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(outcome.message()).contains("cscart.import.category-id 987654").contains("is not a category of this store");
        assertThat(harness.cscartJdbc().queryForObject("SELECT COUNT(*) FROM cscart_products", Long.class)).isZero();
        assertThat(harness.sandbox.stats().calls("GET", "/Items")).as("stopped before the first chunk: no item read").isZero();
    }
}
