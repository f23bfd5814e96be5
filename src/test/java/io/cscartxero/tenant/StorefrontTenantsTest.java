package io.cscartxero.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.UltimateStorefronts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 14, storefronts → organisations: a generated CS-Cart Ultimate store with three storefronts and three tenants
 * ({@code tenants.<name>.cscart.storefronts=<company_id>}, each its own Xero organisation on its own custom connection,
 * the secret of one from an environment-style key). Each organisation gets exactly its storefront's customers,
 * products and orders, totals to the cent; a second run of every job sends nothing.
 */
class StorefrontTenantsTest {

    private static final Map<String, String> ORGANISATION = Map.of("shop1", "00000000-0000-0000-0000-0000000000a1",
            "shop2", "00000000-0000-0000-0000-0000000000a2", "shop3", "00000000-0000-0000-0000-0000000000a3");
    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private int cli(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        System.out.println(String.join(" ", args) + " → " + code + "\n" + bytes.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void eachStorefrontsCustomersProductsAndOrdersGoToItsOwnOrganisationOnly() {
        harness = ConnectorHarness.start();
        JdbcTemplate db = harness.cscartJdbc();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 30, 24, 60, 1404L);
        UltimateStorefronts.apply(db, ConnectorHarness.PREFIX);
        db.update("UPDATE cscart_users SET company_id = 1 + user_id % 3 WHERE user_type = 'C'");
        harness.set("xero.tax-rates.create-missing", "true");
        for (int shop = 1; shop <= 3; shop++) {
            String tenant = "shop" + shop;
            harness.sandbox.addCustomConnection("client-" + shop, "secret-" + shop, ORGANISATION.get(tenant), "Shop " + shop + " Ltd");
            harness.set("tenants." + tenant + ".xero.client-id", "client-" + shop)
                    .set("tenants." + tenant + ".xero.tenant-id", ORGANISATION.get(tenant))
                    .set("tenants." + tenant + ".xero.invoice-number-prefix", "S" + shop + "-")
                    .set("tenants." + tenant + ".cscart.storefronts", Integer.toString(shop));
        }
        // secrets as environment variables give them (TENANTS_SHOP1_XERO_CLIENTSECRET): a relaxed name binds the same
        harness.set("tenants.shop1.xero.clientSecret", "secret-1").set("tenants.shop2.xero.client_secret", "secret-2")
                .set("tenants.shop3.xero.client-secret", "secret-3");

        for (String tenant : List.of("shop1", "shop2", "shop3")) {
            for (String job : List.of("customerExportJob", "productExportJob", "orderExportJob")) {
                assertThat(cli("run", job, "--tenant", tenant)).as(tenant + " " + job).isIn(0, 3);
            }
        }

        JdbcTemplate connector = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                harness.connectorUrl, "sa", ""));
        Set<Long> allInvoiced = new HashSet<>();
        for (int shop = 1; shop <= 3; shop++) {
            String org = ORGANISATION.get("shop" + shop);
            // customers: every registered customer of the storefront, no one else's (the buyer step adds guests)
            List<Long> customers = connector.queryForList("SELECT cscart_id FROM sync_link WHERE tenant_id = ? AND entity = ?",
                    String.class, org, io.cscartxero.contact.ContactSyncItem.CUSTOMER_ENTITY).stream().map(Long::valueOf).sorted().toList();
            List<Long> buyers = db.queryForList("SELECT DISTINCT user_id FROM cscart_orders WHERE company_id = ? AND user_id > 0",
                    Long.class, shop);
            Set<Long> own = new HashSet<>(db.queryForList("SELECT user_id FROM cscart_users WHERE user_type = 'C' AND company_id = ?",
                    Long.class, shop));
            assertThat(customers).as("shop %d customers", shop).containsAll(own);
            assertThat(customers).as("shop %d: only its customers and the buyers of its orders", shop)
                    .allSatisfy(u -> assertThat(own.contains(u) || buyers.contains(u)).isTrue());
            // items: the storefront's products only (the links of the organisation name their products)
            List<Long> linked = connector.queryForList("SELECT cscart_id FROM sync_link WHERE tenant_id = ? AND entity = 'ITEM'",
                    String.class, org).stream().map(Long::valueOf).toList();
            assertThat(harness.sandbox.items(org)).as("shop %d items", shop).hasSize(linked.size()).isNotEmpty();
            for (long product : linked) {
                assertThat(db.queryForObject("SELECT company_id FROM cscart_products WHERE product_id = ?", Long.class, product))
                        .as("shop %d item of product %d", shop, product).isEqualTo(shop);
            }
            // invoices: only this storefront's orders, each to the cent
            List<SandboxInvoice> invoices = harness.sandbox.invoices(org);
            assertThat(invoices).as("shop %d invoices", shop).isNotEmpty();
            Map<Long, BigDecimal> totals = new HashMap<>();
            db.query("SELECT order_id, total FROM cscart_orders WHERE company_id = ?", rs -> {
                totals.put(rs.getLong(1), rs.getBigDecimal(2));
            }, shop);
            for (SandboxInvoice invoice : invoices) {
                assertThat(invoice.invoiceNumber()).startsWith("S" + shop + "-");
                long order = Long.parseLong(invoice.reference());
                assertThat(totals).as("shop %d: order %d is one of its own", shop, order).containsKey(order);
                assertThat(invoice.total()).as("order %d", order).isEqualByComparingTo(totals.get(order));
                assertThat(allInvoiced.add(order)).as("order %d in one organisation only", order).isTrue();
            }
        }
        // every order that one organisation alone would get (same statuses) is in exactly one
        int invoiceable = db.queryForObject("SELECT COUNT(*) FROM cscart_orders o WHERE o.is_parent_order <> 'Y'"
                + " AND o.status IN ('P', 'C') AND o.company_id IN (1, 2, 3)", Integer.class);
        assertThat(allInvoiced).hasSize(invoiceable);

        // the error log rows (warnings such as a malformed e-mail) carry the tenant whose run logged them
        assertThat(connector.queryForList("SELECT DISTINCT tenant FROM sync_error", String.class)).isNotEmpty()
                .allSatisfy(t -> assertThat(t).isIn("shop1", "shop2", "shop3"));
        int before = harness.sandbox.stats().requests().size();
        for (String tenant : List.of("shop1", "shop2", "shop3")) {
            for (String job : List.of("customerExportJob", "productExportJob", "orderExportJob")) {
                assertThat(cli("run", job, "--tenant", tenant)).isIn(0, 3);
            }
        }
        assertThat(harness.sandbox.stats().requests().stream().skip(before).filter(r -> !"GET".equals(r.method()) && r.path().contains("/api.xro/")).toList())
                .as("a second run writes nothing").isEmpty();
    }
}
