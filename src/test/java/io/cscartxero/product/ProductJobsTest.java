package io.cscartxero.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** productExportJob and productDeleteJob on a real MariaDB store against the sandbox. */
class ProductJobsTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private ConfigurableApplicationContext store(int products) {
        harness = ConnectorHarness.start();
        StoreGenerator generator = new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 17L);
        generator.products(products);
        return harness.startApp();
    }

    private static StepExecution step(JobLaunchService.Outcome outcome) {
        return outcome.execution().getStepExecutions().iterator().next();
    }

    private Map<String, SandboxItem> itemsByCode() {
        return harness.sandbox.items().stream().collect(Collectors.toMap(i -> i.code().toLowerCase(), Function.identity()));
    }

    @Test
    void everyActiveOrHiddenProductBecomesAnItemWithAValidCodeItsNameAndPrice() {
        ConfigurableApplicationContext app = store(180);
        JdbcTemplate store = harness.cscartJdbc();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("productExportJob", Map.of());

        long exported = store.queryForObject("SELECT COUNT(*) FROM cscart_products WHERE status IN ('A', 'H')", Long.class);
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("productExportJob", null, 1000);
        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(outcome).getReadCount()).isEqualTo(exported);
        assertThat(errors).isEmpty();
        assertThat(harness.sandbox.items()).hasSize((int) exported);

        // codes: a product's own code when Xero can take it, else CSC-<id>; every code unique and ≤ 30
        Map<String, SandboxItem> items = itemsByCode();
        Map<String, Long> codeOwner = new HashMap<>();   // code → lowest product id using it
        store.query("SELECT product_id, product_code FROM cscart_products", rs -> {
            codeOwner.merge(rs.getString(2).strip().toLowerCase(), rs.getLong(1), Math::min);
        });
        int derived = 0;
        for (Map<String, Object> p : store.queryForList("SELECT p.product_id, p.product_code, d.product, pr.price FROM cscart_products p "
                + "JOIN cscart_product_descriptions d ON d.product_id = p.product_id AND d.lang_code = 'en' "
                + "LEFT JOIN cscart_product_prices pr ON pr.product_id = p.product_id AND pr.lower_limit = 1 AND pr.usergroup_id = 0 "
                + "WHERE p.status IN ('A', 'H')")) {
            String own = String.valueOf(p.get("product_code")).strip();
            long id = ((Number) p.get("product_id")).longValue();
            boolean ownUsable = !own.isEmpty() && own.length() <= 30 && codeOwner.get(own.toLowerCase()) == id;
            String expected = ownUsable ? own : "CSC-" + id;
            derived += ownUsable ? 0 : 1;
            SandboxItem item = items.get(expected.toLowerCase());
            assertThat(item).as("item of product %s (%s)", id, own).isNotNull();
            assertThat(item.code()).hasSizeLessThanOrEqualTo(30);
            assertThat(item.name()).hasSizeLessThanOrEqualTo(50).isNotBlank();
            String name = String.valueOf(p.get("product")).strip().replaceAll("\\s+", " ");
            if (name.length() <= 50) {
                assertThat(item.name()).isEqualTo(name);
            } else {
                assertThat(item.name()).endsWith("…");
                assertThat(name).startsWith(item.name().substring(0, item.name().length() - 1).strip());
            }
            if (p.get("price") != null) {
                assertThat(item.unitPrice()).isEqualByComparingTo((BigDecimal) p.get("price"));
            }
            assertThat(item.accountCode()).isEqualTo("200");
            assertThat(String.valueOf(item.description())).doesNotContain("<p>", "<br", "&amp;");
        }
        assertThat(derived).isPositive();
        assertThat(harness.sandbox.items().stream().map(i -> i.code().toLowerCase()).distinct().count()).isEqualTo(exported);

        // nothing changed: nothing sent
        long writes = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome again = ConnectorHarness.jobs(app).run("productExportJob", Map.of());
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        assertThat(step(again).getFilterCount()).isEqualTo(exported);
    }

    @Test
    void anArchivedRevenueAccountStopsTheRunBeforeAnythingIsSent() {
        ConfigurableApplicationContext app = store(20);
        harness.sandbox.archiveAccount("200");

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("productExportJob", Map.of());

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(outcome.message()).contains("pre-flight").contains("'200'").contains("ARCHIVED");
        assertThat(harness.sandbox.stats().writeCalls()).isZero();
    }

    @Test
    void deletedAndDisabledProductsAreRemovedFromXero() {
        ConfigurableApplicationContext app = store(60);
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("productExportJob", Map.of());
        JdbcTemplate store = harness.cscartJdbc();
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        List<Long> linked = connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'ITEM' ORDER BY cscart_id", String.class)
                .stream().map(Long::valueOf).sorted().toList();
        int before = harness.sandbox.items().size();

        assertThat(jobs.run("productDeleteJob", Map.of()).exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);

        // removed from CS-Cart: 3 products; one of their items was already deleted in Xero by hand (404 = done)
        List<Long> removed = linked.subList(0, 3);
        removed.forEach(id -> store.update("DELETE FROM cscart_products WHERE product_id = ?", id));
        String handDeleted = connector.queryForObject("SELECT xero_id FROM sync_link WHERE entity = 'ITEM' AND cscart_id = ?", String.class,
                removed.get(0).toString());
        assertThat(new XeroUser(harness.sandbox).delete("/Items/" + handDeleted)).isEqualTo(204);
        JobLaunchService.Outcome byScope = jobs.run("productDeleteJob", Map.of("scope", "removed"));
        assertThat(byScope.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(byScope).getWriteCount()).isEqualTo(3);
        assertThat(harness.sandbox.items()).hasSize(before - 3);
        assertThat(harness.sandbox.stats().calls("DELETE", "/Items/" + handDeleted)).isEqualTo(2);

        // disabled in CS-Cart
        List<Long> disabled = linked.subList(3, 5);
        disabled.forEach(id -> store.update("UPDATE cscart_products SET status = 'D' WHERE product_id = ?", id));
        assertThat(step(jobs.run("productDeleteJob", Map.of("scope", "disabled"))).getWriteCount()).isEqualTo(2);

        // explicit ids
        assertThat(step(jobs.run("productDeleteJob", Map.of("productIds", linked.get(5) + "," + linked.get(6)))).getWriteCount()).isEqualTo(2);
        assertThat(harness.sandbox.items()).hasSize(before - 7);
        Set<String> remaining = Set.copyOf(connector.queryForList("SELECT cscart_id FROM sync_link WHERE entity = 'ITEM'", String.class));
        assertThat(remaining).hasSize(linked.size() - 7);
        assertThat(linked.subList(0, 7)).noneMatch(id -> remaining.contains(id.toString()));
    }
}
