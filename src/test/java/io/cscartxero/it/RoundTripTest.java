package io.cscartxero.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxContact;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.GeneratedCustomer;
import io.cscartxero.testsupport.GeneratedProduct;
import io.cscartxero.testsupport.StoreData;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import io.cscartxero.testsupport.StoreTaxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The imports never echo: on a generated store (customers sharing names, without a company, with 128-character phones,
 * with doubled blanks, guests; products with HTML descriptions and long names) export customers, products and orders,
 * import contacts and items, export again: not one CS-Cart row changes and Xero gets not one write. Then one contact's
 * phone and one item's price are changed in Xero: the import changes exactly those fields.
 */
class RoundTripTest {

    /** The CS-Cart tables the imports write, with the key that identifies a row. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();
    static {
        TABLES.put("cscart_users", "user_id");
        TABLES.put("cscart_user_profiles", "profile_id");
        TABLES.put("cscart_products", "product_id");
        TABLES.put("cscart_product_descriptions", "CONCAT(product_id, '/', lang_code)");
        TABLES.put("cscart_product_prices", "CONCAT(product_id, '/', lower_limit, '/', usergroup_id)");
        TABLES.put("cscart_products_categories", "CONCAT(product_id, '/', category_id)");
    }

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void exportImportExportChangesNothingAndATargetedXeroEditChangesOnlyItsField() {
        harness = ConnectorHarness.start();
        StoreData data = StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 120, 60, 150, 71L);
        StoreTaxes.mapped(harness);
        JdbcTemplate store = harness.cscartJdbc();
        long category = store.queryForObject("SELECT MIN(category_id) FROM cscart_categories", Long.class);
        harness.set("cscart.import.category-id", Long.toString(category));
        assertThat(data.customers()).extracting(GeneratedCustomer::traits).as("the store has the kinds of data that echoed")
                .anyMatch(t -> t.contains(GeneratedCustomer.Trait.DUPLICATE_NAME))
                .anyMatch(t -> t.contains(GeneratedCustomer.Trait.COMPANY_ONLY) || t.contains(GeneratedCustomer.Trait.EMPTY_NAME))
                .anyMatch(t -> t.contains(GeneratedCustomer.Trait.LONG_FIELDS))
                .anyMatch(t -> t.contains(GeneratedCustomer.Trait.WHITESPACE));
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);

        for (String job : List.of("customerExportJob", "productExportJob")) {
            assertThat(jobs.run(job, Map.of()).execution().getStatus()).as(job).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(jobs.run("orderExportJob", Map.of("since", "2020-01-01")).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long guestContacts = app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM sync_link WHERE entity = 'GUEST' AND state = 'SYNCED'", Long.class);
        assertThat(guestContacts).as("guest contacts the order export made").isPositive();
        assertThat(harness.sandbox.items()).as("items in Xero").isNotEmpty();
        assertThat(harness.sandbox.contacts()).as("contacts holding values the connector derived")
                .anyMatch(c -> c.name().matches(".* \\(#\\d+\\)"))
                .anyMatch(c -> c.phones().stream().anyMatch(p -> p.getOrDefault("PhoneNumber", "").length() == 50));

        Map<String, Map<String, Map<String, Object>>> before = snapshot(store);
        long writesBefore = harness.sandbox.stats().writeCalls();
        for (String job : List.of("customerImportJob", "productImportJob")) {
            JobLaunchService.Outcome outcome = jobs.run(job, Map.of("full", "true"));
            assertThat(outcome.execution().getStatus()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(outcome.execution().getStepExecutions().iterator().next().getReadCount()).as("records %s read", job).isPositive();
        }
        for (String job : List.of("customerExportJob", "productExportJob")) {
            assertThat(jobs.run(job, Map.of()).execution().getStatus()).as(job).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(jobs.run("orderExportJob", Map.of("since", "2020-01-01")).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(diff(before, snapshot(store))).as("CS-Cart cells changed by import + export").isEmpty();
        assertThat(harness.sandbox.stats().writeCalls() - writesBefore).as("Xero writes of import + export").isZero();

        // someone changes one contact's phone and one item's price in Xero
        long userId = data.customers().stream().filter(c -> !c.traits().contains(GeneratedCustomer.Trait.NO_PHONE)
                && !c.traits().contains(GeneratedCustomer.Trait.LONG_FIELDS)).findFirst().orElseThrow().userId();
        String contactId = app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT xero_id FROM sync_link WHERE entity = 'CONTACT' AND cscart_id = ?", String.class, Long.toString(userId));
        SandboxContact contact = harness.sandbox.contacts().stream().filter(c -> c.contactId().equals(contactId)).findFirst().orElseThrow();
        GeneratedProduct product = data.products().stream().filter(p -> "A".equals(p.status())).findFirst().orElseThrow();
        String itemId = app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT xero_id FROM sync_link WHERE entity = 'ITEM' AND cscart_id = ?", String.class, Long.toString(product.productId()));
        SandboxItem item = harness.sandbox.items().stream().filter(i -> i.itemId().equals(itemId)).findFirst().orElseThrow();
        XeroUser xero = new XeroUser(harness.sandbox);
        xero.post("/Contacts", """
                {"Contacts":[{"ContactID":"%s","Phones":[{"PhoneType":"DEFAULT","PhoneNumber":"+1 212 555 0199"}]}]}""".formatted(contactId));
        xero.post("/Items", """
                {"Items":[{"ItemID":"%s","Code":"%s","SalesDetails":{"UnitPrice":%s}}]}""".formatted(itemId, item.code(),
                item.unitPrice().add(new BigDecimal("1.25")).toPlainString()));
        assertThat(contact.name()).isNotBlank();

        harness.set("cscart.import.update-prices", "true");
        ConfigurableApplicationContext merchantAllowsPrices = harness.startApp();
        for (String job : List.of("customerImportJob", "productImportJob")) {
            JobLaunchService.Outcome outcome = ConnectorHarness.jobs(merchantAllowsPrices).run(job, Map.of("full", "true"));
            assertThat(outcome.execution().getStatus()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
        }

        Map<String, Object> phoneNow = store.queryForMap("SELECT u.phone, p.b_phone FROM cscart_users u JOIN cscart_user_profiles p "
                + "ON p.user_id = u.user_id AND p.profile_type = 'P' WHERE u.user_id = ?", userId);
        List<String> expected = new ArrayList<>();
        expected.add("cscart_users " + userId + " phone → +1 212 555 0199");
        Map<String, Map<String, Object>> profiles = before.get("cscart_user_profiles");
        String profileId = profiles.entrySet().stream().filter(e -> ((Number) e.getValue().get("user_id")).longValue() == userId)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        if (profiles.get(profileId).get("b_phone").equals(before.get("cscart_users").get(Long.toString(userId)).get("phone"))) {
            expected.add("cscart_user_profiles " + profileId + " b_phone → +1 212 555 0199");
        }
        expected.add("cscart_product_prices " + product.productId() + "/1/0 price → "
                + item.unitPrice().add(new BigDecimal("1.25")).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        expected.add("cscart_products " + product.productId() + " updated_timestamp");
        assertThat(diff(before, snapshot(store))).as("changed cells (phone now %s)", phoneNow).containsExactlyInAnyOrderElementsOf(expected);

        // what the import wrote is what Xero holds: the next exports send nothing back
        long writesAfterEdit = harness.sandbox.stats().writeCalls();
        for (String job : List.of("customerExportJob", "productExportJob")) {
            assertThat(ConnectorHarness.jobs(merchantAllowsPrices).run(job, Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        }
        assertThat(harness.sandbox.stats().writeCalls() - writesAfterEdit).as("Xero writes after the targeted import").isZero();
    }

    /** Every row of the written tables, by key, as column → value. */
    private static Map<String, Map<String, Map<String, Object>>> snapshot(JdbcTemplate store) {
        Map<String, Map<String, Map<String, Object>>> all = new LinkedHashMap<>();
        TABLES.forEach((table, key) -> {
            Map<String, Map<String, Object>> rows = new TreeMap<>();
            store.query("SELECT " + key + " AS row_key, t.* FROM " + table + " t", rs -> {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 2; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.put(rs.getString("row_key"), row);
            });
            all.put(table, rows);
        });
        return all;
    }

    /** "table key column → new value" per changed cell, "table key column" for the update timestamp; added and removed rows too. */
    private static List<String> diff(Map<String, Map<String, Map<String, Object>>> before, Map<String, Map<String, Map<String, Object>>> after) {
        List<String> changes = new ArrayList<>();
        before.forEach((table, rows) -> {
            Map<String, Map<String, Object>> now = after.get(table);
            rows.forEach((key, row) -> {
                Map<String, Object> current = now.get(key);
                if (current == null) {
                    changes.add(table + " " + key + " removed");
                    return;
                }
                row.forEach((column, value) -> {
                    Object newValue = current.get(column);
                    if (!java.util.Objects.equals(value, newValue)) {
                        changes.add(table + " " + key + " " + column + (column.equals("updated_timestamp") ? ""
                                : " → " + (newValue instanceof BigDecimal b ? b.toPlainString() : newValue)));
                    }
                });
            });
            now.keySet().stream().filter(k -> !rows.containsKey(k)).forEach(k -> changes.add(table + " " + k + " added"));
        });
        return changes;
    }
}
