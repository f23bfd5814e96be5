package io.cscartxero.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With account mappings on ({@code xero.revenue-accounts.product/category}) an item whose price productImportJob took
 * from Xero is not sent back by the next productExportJob: the import hashes the item the export would build, on the
 * product's mapped account (it used the default account, so the item was re-sent once).
 */
class MappedAccountItemRoundTripTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private BatchStatus run(JobLaunchService jobs, String job, Map<String, String> parameters) {
        JobLaunchService.Outcome outcome = jobs.run(job, parameters);
        return outcome.execution().getStatus();
    }

    @Test
    void exportImportExportSendsNothingForItemsOnMappedAccounts() {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 30, 5, 1415L);
        JdbcTemplate store = harness.cscartJdbc();
        harness.sandbox.addSalesAccount("204", "Featured product sales");
        harness.sandbox.addSalesAccount("205", "Category sales");
        long featured = store.queryForObject("SELECT MIN(product_id) FROM cscart_products WHERE status = 'A'", Long.class);
        long category = store.queryForObject("SELECT MIN(category_id) FROM cscart_products_categories WHERE link_type = 'M'"
                + " AND product_id <> ?", Long.class, featured);
        long inCategory = store.queryForObject("SELECT MIN(pc.product_id) FROM cscart_products_categories pc JOIN cscart_products p"
                + " ON p.product_id = pc.product_id WHERE pc.link_type = 'M' AND pc.category_id = ? AND p.product_id <> ? AND p.status = 'A'",
                Long.class, category, featured);
        harness.set("xero.revenue-accounts.product." + featured, "204")
                .set("xero.revenue-accounts.category." + category, "205")
                .set("cscart.import.update-prices", "true");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        assertThat(run(jobs, "productExportJob", Map.of())).isEqualTo(BatchStatus.COMPLETED);
        SandboxItem featuredItem = item(app, featured);
        SandboxItem categoryItem = item(app, inCategory);
        assertThat(featuredItem.accountCode()).as("the product's mapped account").isEqualTo("204");
        assertThat(categoryItem.accountCode()).as("its main category's mapped account").isEqualTo("205");

        // someone raises both prices in Xero; the import takes them
        XeroUser xero = new XeroUser(harness.sandbox);
        for (SandboxItem item : new SandboxItem[] {featuredItem, categoryItem}) {
            xero.post("/Items", """
                    {"Items":[{"ItemID":"%s","Code":"%s","SalesDetails":{"UnitPrice":%s,"AccountCode":"%s"}}]}""".formatted(item.itemId(),
                    item.code(), item.unitPrice().add(new BigDecimal("1.25")).toPlainString(), item.accountCode()));
        }
        assertThat(run(jobs, "productImportJob", Map.of("full", "true"))).isEqualTo(BatchStatus.COMPLETED);
        for (long product : new long[] {featured, inCategory}) {
            SandboxItem before = product == featured ? featuredItem : categoryItem;
            assertThat(store.queryForObject("SELECT price FROM cscart_product_prices WHERE product_id = ? AND lower_limit = 1"
                    + " AND usergroup_id = 0", BigDecimal.class, product)).as("CS-Cart price of product %s", product)
                    .isEqualByComparingTo(before.unitPrice().add(new BigDecimal("1.25")).setScale(2, RoundingMode.HALF_UP));
        }

        long writes = harness.sandbox.stats().writeCalls();
        assertThat(run(jobs, "productExportJob", Map.of())).isEqualTo(BatchStatus.COMPLETED);

        assertThat(harness.sandbox.stats().writeCalls() - writes).as("Xero writes of the export after the import").isZero();
        assertThat(item(app, featured).accountCode()).isEqualTo("204");
        assertThat(item(app, inCategory).accountCode()).isEqualTo("205");
    }

    private SandboxItem item(ConfigurableApplicationContext app, long productId) {
        String itemId = app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT xero_id FROM sync_link WHERE entity = 'ITEM' AND cscart_id = ?", String.class, Long.toString(productId));
        return harness.sandbox.items().stream().filter(i -> i.itemId().equals(itemId)).findFirst().orElseThrow();
    }
}
