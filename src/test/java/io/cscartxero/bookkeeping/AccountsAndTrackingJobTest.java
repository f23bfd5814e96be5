package io.cscartxero.bookkeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxLine;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.UltimateStorefronts;
import io.cscartxero.testsupport.StoreTaxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, one organisation: a generated Ultimate store with three storefronts, nested categories and two payment
 * methods → every item line on the account its product / category / storefront maps to, a Storefront and a Payment
 * tracking option on every line of every invoice, totals and tax to the cent, the categories and options created
 * once, and a second run sends nothing. A Multi-Vendor store: children tracked by vendor, parents never sent.
 */
class AccountsAndTrackingJobTest {

    private ConnectorHarness harness;
    private ConfigurableApplicationContext app;

    @AfterEach
    void close() {
        if (harness != null) harness.close();
    }

    private JdbcTemplate store(int orders, long seed, boolean ultimate) {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 40, 40, orders, seed);
        if (ultimate) {
            UltimateStorefronts.apply(harness.cscartJdbc(), ConnectorHarness.PREFIX);
        }
        StoreTaxes.mapped(harness);
        return harness.cscartJdbc();
    }

    private JobLaunchService.Outcome run(String job) {
        return ConnectorHarness.jobs(app).run(job, Map.of());
    }

    private Map<String, Long> calls(int from) {
        return harness.sandbox.stats().requests().stream().skip(from)
                .collect(Collectors.groupingBy(r -> r.method() + " " + r.path().replaceAll("[0-9a-f-]{36}", "{id}")
                        .replaceAll(".*/api.xro/2.0", ""), TreeMap::new, Collectors.counting()));
    }

    @Test
    void ultimateStoreLinesOnTheirAccountsWithAStorefrontAndPaymentOptionOnEveryLine() {
        JdbcTemplate db = store(240, 1414L, true);
        harness.sandbox.addSalesAccount("201", "Electronics sales");
        harness.sandbox.addSalesAccount("202", "Gaming sales");
        harness.sandbox.addSalesAccount("203", "Kitchen storefront sales");
        harness.sandbox.addSalesAccount("204", "Featured product sales");
        long featured = db.queryForObject("SELECT MIN(product_id) FROM cscart_products_categories WHERE category_id = 8", Long.class);
        harness.set("xero.revenue-accounts.category.2", "201")       // Electronics and below
                .set("xero.revenue-accounts.category.8", "202")      // Gaming laptops, under Electronics → Laptops
                .set("xero.revenue-accounts.storefront.3", "203")
                .set("xero.revenue-accounts.product." + featured, "204")
                .set("xero.tracking.1.name", "Storefront").set("xero.tracking.1.source", "storefront")
                .set("xero.tracking.2.name", "Payment").set("xero.tracking.2.source", "payment-method")
                .set("xero.tracking.2.options.4", "Bank transfer (offline)");
        // check: the account plan and the tracking plan, nothing created yet
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        harness.cli(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8), "check", "--exports-only");
        String check = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.println(check);
        assertThat(check).contains("✓ xero.revenue-accounts.category.2 → 201: category 2 (Catalog / Electronics) and the categories"
                        + " below it on Electronics sales (REVENUE)")
                .contains("✓ xero.revenue-accounts.category.8 → 202: category 8 (Catalog / Electronics / Laptops / Gaming laptops)")
                .contains("✓ xero.revenue-accounts.storefront.3 → 203: storefront 3 (")
                .contains("✓ xero.revenue-accounts.product." + featured + " → 204: product " + featured + " (")
                .contains("✓ xero.tracking.1 'Storefront' (storefront): not in Xero yet: the first order export creates it")
                .contains("✓ xero.tracking.2 'Payment' (payment-method): payment-method 4 (")
                .contains("→ 'Bank transfer (offline)' (not in Xero yet: created by the first run)")
                .contains("3 value(s) in the store, 3 option(s) to create, 0 beyond Xero's limit");
        assertThat(harness.sandbox.trackingCategories()).isEmpty();
        app = harness.startApp();
        Map<Long, String> paths0 = new HashMap<>();
        Map<Long, Long> productCompany = new HashMap<>();
        db.query("SELECT pc.product_id, c.id_path, p.company_id FROM cscart_products_categories pc JOIN cscart_categories c"
                + " ON c.category_id = pc.category_id JOIN cscart_products p ON p.product_id = pc.product_id WHERE pc.link_type = 'M'", rs -> {
                    paths0.put(rs.getLong(1), rs.getString(2));
                    productCompany.put(rs.getLong(1), rs.getLong(3));
                });

        // items carry the account of their product (its own storefront for the storefront mapping)
        assertThat(run("productExportJob").execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, String> itemAccounts = harness.sandbox.items().stream()
                .collect(Collectors.toMap(i -> i.code(), i -> i.accountCode()));
        List<io.cscartxero.sync.SyncLink> itemLinks = app.getBean(io.cscartxero.sync.SyncLinkRepository.class)
                .findSynced(app.getBean(io.cscartxero.xero.XeroProperties.class).tenantKey(), "ITEM");
        assertThat(itemLinks).hasSizeGreaterThan(20);
        for (io.cscartxero.sync.SyncLink link : itemLinks) {
            long product = Long.parseLong(link.cscartId());
            assertThat(itemAccounts.get(link.xeroKey())).as("SalesDetails account of the item of product %s", product)
                    .isEqualTo(expectedAccount(product, productCompany.getOrDefault(product, 1L), featured, paths0));
        }
        int before = harness.sandbox.stats().requests().size();

        JobLaunchService.Outcome first = run("orderExportJob");

        assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Long> calls = calls(before);
        // tracking setup: one read, the two categories, one option per storefront (3) and payment method (2)
        assertThat(calls).containsEntry("GET /TrackingCategories", 1L).containsEntry("PUT /TrackingCategories", 2L)
                .containsEntry("PUT /TrackingCategories/{id}/Options", 5L);
        List<String> names = db.queryForList("SELECT company FROM cscart_companies WHERE company_id IN (1, 2, 3) ORDER BY company_id",
                String.class);
        assertThat(harness.sandbox.trackingCategories()).hasSize(2);
        assertThat(harness.sandbox.trackingCategories().get(0)).startsWith("Storefront [ACTIVE]: ").contains(names);
        assertThat(harness.sandbox.trackingCategories().get(0).split(", ")).hasSize(3);
        assertThat(harness.sandbox.trackingCategories().get(1)).startsWith("Payment [ACTIVE]: ").contains("Bank transfer (offline)")
                .contains("Credit card");
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("orderExportJob", null, 1000);
        assertThat(errors).extracting(ErrorLog.Row::message).noneMatch(m -> m.contains("differs") || m.toLowerCase().contains("tracking"));

        Map<Long, String> companyNames = new HashMap<>();
        db.query("SELECT company_id, company FROM cscart_companies", rs -> {
            companyNames.put(rs.getLong(1), rs.getString(2));
        });
        Map<Long, long[]> orders = new HashMap<>();   // order → company, payment
        Map<Long, BigDecimal> totals = new HashMap<>();
        db.query("SELECT order_id, company_id, payment_id, total FROM cscart_orders", rs -> {
            orders.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
            totals.put(rs.getLong(1), rs.getBigDecimal(4));
        });
        Map<Long, List<Long>> products = new HashMap<>();
        db.query("SELECT order_id, product_id FROM cscart_order_details ORDER BY order_id, item_id", rs -> {
            products.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        Map<Long, String> paths = new HashMap<>();
        db.query("SELECT pc.product_id, c.id_path FROM cscart_products_categories pc JOIN cscart_categories c"
                + " ON c.category_id = pc.category_id WHERE pc.link_type = 'M'", rs -> {
                    paths.put(rs.getLong(1), rs.getString(2));
                });

        Map<String, SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                .collect(Collectors.toMap(SandboxInvoice::invoiceNumber, Function.identity()));
        assertThat(invoices).hasSizeGreaterThan(100);
        Map<String, Integer> byAccount = new TreeMap<>();
        int lines = 0;
        for (SandboxInvoice invoice : invoices.values()) {
            long orderId = Long.parseLong(invoice.invoiceNumber().substring(3));
            long[] order = orders.get(orderId);
            assertThat(invoice.total()).as("total of %s", invoice.invoiceNumber()).isEqualByComparingTo(totals.get(orderId));
            List<Long> sold = products.get(orderId);
            String storefront = "Storefront: " + companyNames.get(order[0]);
            String payment = "Payment: " + (order[1] == 4 ? "Bank transfer (offline)" : "Credit card");
            for (int i = 0; i < invoice.lines().size(); i++) {
                SandboxLine line = invoice.lines().get(i);
                assertThat(line.tracking()).as("tracking of line %s of %s", i, invoice.invoiceNumber()).containsExactly(storefront, payment);
                lines++;
                if (i < sold.size()) {
                    String expected = expectedAccount(sold.get(i), order[0], featured, paths);
                    assertThat(line.accountCode()).as("account of line %s (product %s) of %s", i, sold.get(i), invoice.invoiceNumber())
                            .isEqualTo(expected);
                    byAccount.merge(expected, 1, Integer::sum);
                }
            }
        }
        assertThat(byAccount.keySet()).contains("200", "201", "202", "203");
        System.out.printf("accounts and tracking: %d invoices, %d lines tracked, item lines by account %s, calls %s%n",
                invoices.size(), lines, byAccount, calls);

        int again = harness.sandbox.stats().requests().size();
        JobLaunchService.Outcome second = run("orderExportJob");
        assertThat(second.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(calls(again).keySet()).noneMatch(c -> c.startsWith("PUT") || c.startsWith("POST"));
    }

    /** The product's account, else its main category's or the nearest mapped ancestor's, else the storefront's, else 200. */
    private static String expectedAccount(long product, long company, long featured, Map<Long, String> paths) {
        if (product == featured) return "204";
        String path = paths.get(product);
        if (path != null) {
            List<String> ids = List.of(path.split("/"));
            for (int i = ids.size() - 1; i >= 0; i--) {
                if (ids.get(i).equals("8")) return "202";
                if (ids.get(i).equals("2")) return "201";
            }
        }
        return company == 3 ? "203" : "200";
    }

    @Test
    void multiVendorChildOrdersTrackedByVendorParentsNeverSent() {
        JdbcTemplate db = store(300, 1415L, false);
        harness.set("xero.tracking.1.name", "Vendor").set("xero.tracking.1.source", "vendor");
        app = harness.startApp();

        assertThat(run("orderExportJob").execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        List<Long> parents = db.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order = 'Y'", Long.class);
        Map<Long, Long> children = new HashMap<>();
        db.query("SELECT order_id, company_id FROM cscart_orders WHERE parent_order_id > 0 AND status IN ('P', 'C')", rs -> {
            children.put(rs.getLong(1), rs.getLong(2));
        });
        assertThat(parents).isNotEmpty();
        assertThat(children).isNotEmpty();
        Map<Long, String> vendors = new HashMap<>();
        db.query("SELECT company_id, company FROM cscart_companies", rs -> {
            vendors.put(rs.getLong(1), rs.getString(2));
        });
        Map<Long, SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                .collect(Collectors.toMap(i -> Long.parseLong(i.invoiceNumber().substring(3)), Function.identity()));
        assertThat(invoices.keySet()).doesNotContainAnyElementsOf(parents);
        for (Map.Entry<Long, Long> child : children.entrySet()) {
            SandboxInvoice invoice = invoices.get(child.getKey());
            assertThat(invoice).as("invoice of child order %s", child.getKey()).isNotNull();
            assertThat(invoice.lines()).allSatisfy(l -> assertThat(l.tracking()).containsExactly("Vendor: " + vendors.get(child.getValue())));
        }
        System.out.printf("Multi-Vendor: %d parents not sent, %d children tracked by vendor%n", parents.size(), children.size());
    }

    /** Tracking switched on for invoices already in Xero: every invoice changes, goes through the update path and must
     * keep its tracking. */
    @Test
    void trackingSwitchedOnLaterReachesInvoicesAlreadyInXero() {
        store(60, 1416L, true);
        app = harness.startApp();
        assertThat(run("orderExportJob").execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        int invoiced = harness.sandbox.invoices().size();
        assertThat(harness.sandbox.invoices()).allSatisfy(i -> assertThat(i.lines()).allSatisfy(l -> assertThat(l.tracking()).isEmpty()));
        app.close();

        harness.set("xero.tracking.1.name", "Storefront").set("xero.tracking.1.source", "storefront");
        app = harness.startApp();
        assertThat(run("orderExportJob").execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        assertThat(harness.sandbox.invoices()).hasSize(invoiced)
                .allSatisfy(i -> assertThat(i.lines()).allSatisfy(l -> assertThat(l.tracking()).hasSize(1)));
    }
}
