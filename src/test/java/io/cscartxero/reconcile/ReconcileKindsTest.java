package io.cscartxero.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sandbox.SandboxItem;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The other kinds of difference, each made the way it happens: invoices typed into Xero with the connector's prefix
 * (for no order, for an order that is not invoiced), an open order's invoice paid in Xero, a paid order's payment
 * deleted in Xero, an invoice moved to another contact, an item deleted in Xero, an order moved into an invoiced
 * status without {@code updated_at}, an invoice whose link was lost. Repair and the normal jobs put right what they
 * can; serve's nightly run ends with a report.
 */
class ReconcileKindsTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String line(Difference d) {
        return d.kind() + " " + d.entity() + " " + d.cscartId() + " " + d.xeroNumber() + " " + d.repairable();
    }

    @Test
    void everyKindIsFoundAndTheRepairableOnesAreRepaired() {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 30, 150, 150, 2727L);
        StoreTaxes.mapped(harness).set("xero.payment-account", "090").set("sync.order-statuses", "P,C,O");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JdbcTemplate store = harness.cscartJdbc();
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        List<String> normalJobs = List.of("customerExportJob", "productExportJob", "orderExportJob", "paymentExportJob");
        normalJobs.forEach(job -> assertThat(jobs.run(job, Map.of()).execution().getStatus()).as(job).isEqualTo(BatchStatus.COMPLETED));
        XeroUser user = new XeroUser(harness.sandbox);
        String tenant = app.getBean(io.cscartxero.xero.XeroProperties.class).tenantKey();
        ReconcileReport report = app.getBean(ReconcileReport.class);
        assertThat(jobs.run("reconcileJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(report.lastRun(tenant).differenceCount()).as("a synced store").isZero();

        Map<String, SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                .collect(Collectors.toMap(SandboxInvoice::invoiceNumber, i -> i));
        List<Long> open = store.queryForList("SELECT order_id FROM cscart_orders WHERE status = 'O' AND is_parent_order <> 'Y' "
                + "AND total > 0 ORDER BY order_id", Long.class).stream().filter(id -> invoices.containsKey("CS-" + id)).toList();
        List<Long> paid = store.queryForList("SELECT order_id FROM cscart_orders WHERE status = 'P' AND is_parent_order <> 'Y' "
                + "AND total > 0 ORDER BY order_id", Long.class).stream().filter(id -> invoices.containsKey("CS-" + id)).toList();
        List<Long> notInvoiced = store.queryForList("SELECT order_id FROM cscart_orders WHERE status = 'I' AND is_parent_order <> 'Y' "
                + "ORDER BY order_id", Long.class);
        String someContact = invoices.get("CS-" + open.get(0)).contactId();

        // typed into Xero with the connector's prefix: for no order at all, and for an order that is not invoiced (I)
        long noSuchOrder = 9_999_999L;
        long cancelledOrder = notInvoiced.get(0);
        for (String number : List.of("CS-" + noSuchOrder, "CS-" + cancelledOrder)) {
            ObjectNode invoice = XeroUser.object().put("Type", "ACCREC").put("InvoiceNumber", number).put("Status", "AUTHORISED")
                    .put("Date", "2025-12-01").put("DueDate", "2025-12-15").put("LineAmountTypes", "NoTax");
            invoice.putObject("Contact").put("ContactID", someContact);
            invoice.putArray("LineItems").addObject().put("Description", "typed by hand").put("Quantity", 1).put("UnitAmount", 12.5)
                    .put("AccountCode", "200").put("TaxType", "NONE");
            ObjectNode body = XeroUser.object();
            body.putArray("Invoices").add(invoice);
            user.put("/Invoices", XeroUser.JSON.writeValueAsString(body));
        }
        // an open order's invoice paid in Xero
        long paidInXero = open.get(0);
        harness.sandbox.pay(invoices.get("CS-" + paidInXero).invoiceId(), invoices.get("CS-" + paidInXero).total());
        // a paid order's payment deleted in Xero
        long paymentDeleted = paid.get(0);
        JsonNode payment = null;
        for (JsonNode p : user.get("/Payments").path("Payments")) {
            if (p.path("Invoice").path("InvoiceNumber").asString().equals("CS-" + paymentDeleted) && p.path("Status").asString().equals("AUTHORISED")) {
                payment = p;
            }
        }
        assertThat(payment).isNotNull();
        user.post("/Payments/" + payment.path("PaymentID").asString(), "{\"Payments\":[{\"Status\":\"DELETED\"}]}");
        // an open order's invoice moved to another contact
        long movedOrder = open.get(1);
        SandboxInvoice moved = invoices.get("CS-" + movedOrder);
        String otherContact = harness.sandbox.contacts().stream().map(c -> c.contactId()).filter(id -> !id.equals(moved.contactId()))
                .findFirst().orElseThrow();
        user.post("/Invoices/" + moved.invoiceId(), "{\"Invoices\":[{\"InvoiceID\":\"" + moved.invoiceId() + "\",\"Contact\":{\"ContactID\":\""
                + otherContact + "\"}}]}");
        // an item on no invoice deleted in Xero
        Set<String> used = new HashSet<>();
        harness.sandbox.invoices().forEach(i -> i.lines().forEach(l -> used.add(String.valueOf(l.itemCode()))));
        Map<String, String> itemLinks = new java.util.HashMap<>();
        connector.query("SELECT xero_id, cscart_id FROM sync_link WHERE entity = 'ITEM'", rs -> { itemLinks.put(rs.getString(1), rs.getString(2)); });
        SandboxItem unused = harness.sandbox.items().stream().filter(i -> !used.contains(i.code()) && itemLinks.containsKey(i.itemId()))
                .findFirst().orElseThrow();
        assertThat(user.delete("/Items/" + unused.itemId())).isEqualTo(204);
        long goneProduct = Long.parseLong(itemLinks.get(unused.itemId()));
        // CS-Cart: an order moved from I into P without updated_at (it has no invoice yet)
        long newlyPaid = notInvoiced.get(1);
        store.update("UPDATE cscart_orders SET status = 'P' WHERE order_id = ?", newlyPaid);
        // the connector lost a link (its invoice is still in Xero)
        long unlinked = paid.get(1);
        connector.update("DELETE FROM sync_link WHERE entity = 'INVOICE' AND cscart_id = ?", Long.toString(unlinked));

        assertThat(jobs.run("reconcileJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Difference> found = report.differences(report.lastRun(tenant).id()).stream().map(ReconcileReport.Row::difference).toList();
        found.forEach(d -> System.out.println("KINDS " + line(d) + " | " + d.message()));
        assertThat(found).extracting(ReconcileKindsTest::line).containsExactlyInAnyOrder(
                "UNKNOWN_INVOICE INVOICE null CS-" + noSuchOrder + " false",
                "INVOICE_NOT_EXPECTED INVOICE " + cancelledOrder + " CS-" + cancelledOrder + " false",
                "PAID_IN_XERO_NOT_IN_STORE PAYMENT " + paidInXero + " CS-" + paidInXero + " false",
                "PAID_NOT_IN_XERO PAYMENT " + paymentDeleted + " CS-" + paymentDeleted + " true",
                "CONTACT_DIFFERS INVOICE " + movedOrder + " CS-" + movedOrder + " true",
                "MISSING_ITEM ITEM " + goneProduct + " " + unused.code() + " true",
                "MISSING_INVOICE INVOICE " + newlyPaid + " CS-" + newlyPaid + " true",
                "UNLINKED_INVOICE INVOICE " + unlinked + " CS-" + unlinked + " true");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "reconcile", "--repair")).isZero();
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        normalJobs.forEach(job -> assertThat(jobs.run(job, Map.of()).execution().getStatus()).as(job).isEqualTo(BatchStatus.COMPLETED));

        // serve's nightly run: the jobs, then the report
        int runs = connector.queryForObject("SELECT COUNT(*) FROM reconcile_run", Integer.class);
        app.getBean(AutoSync.class).reconcile(List.of("customerExportJob"));
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM reconcile_run", Integer.class)).isEqualTo(runs + 1);
        ReconcileReport.Run nightly = report.lastRun(tenant);
        assertThat(nightly.jobExecutionId()).isNotNull();
        List<Difference> left = report.differences(nightly.id()).stream().map(ReconcileReport.Row::difference).toList();
        left.forEach(d -> System.out.println("KINDS LEFT " + line(d) + " | " + d.message()));
        // what a person has to decide: invoices typed into Xero by hand, and a payment Xero has that the store does not
        assertThat(left).extracting(ReconcileKindsTest::line).containsExactlyInAnyOrder(
                "UNKNOWN_INVOICE INVOICE null CS-" + noSuchOrder + " false",
                "INVOICE_NOT_EXPECTED INVOICE " + cancelledOrder + " CS-" + cancelledOrder + " false",
                "PAID_IN_XERO_NOT_IN_STORE PAYMENT " + paidInXero + " CS-" + paidInXero + " false");
        assertThat(harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + paymentDeleted)).findFirst()
                .orElseThrow().status()).isEqualTo("PAID");

        // bad parameters are refused before any execution exists
        assertThat(jobs.run("reconcileJob", Map.of("read", "sometimes")).exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(jobs.run("reconcileJob", Map.of("since", "2026-02-01", "until", "2026-01-31")).exitCode())
                .isEqualTo(JobLaunchService.EXIT_USAGE);
        // Xero refuses the period's list (as it does unoptimised filters over 100,000 invoices): auto reads by IDs
        harness.sandbox.faults().failNext(1, 400);
        JobLaunchService.Outcome fallback = jobs.run("reconcileJob", Map.of());
        assertThat(fallback.execution().getStatus()).as(fallback.message()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(report.differences(report.lastRun(tenant).id())).extracting(r -> line(r.difference()))
                .containsExactly("PAID_IN_XERO_NOT_IN_STORE PAYMENT " + paidInXero + " CS-" + paidInXero + " false");
    }

    /** The report's rows on a MySQL/MariaDB connector database (generated keys, DECIMAL, BOOLEAN), and the CLI prints it. */
    @Test
    void theReportOnAMariaDbConnectorDatabase() {
        harness = ConnectorHarness.start(ConnectorHarness.fastSandbox(), true);
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 10, 30, 99L);
        harness.set("xero.tax-rates.create-missing", "true").set("xero.payment-account", "090");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        List.of("customerExportJob", "productExportJob", "orderExportJob", "paymentExportJob").forEach(job -> jobs.run(job, Map.of()));
        app.close();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = harness.cli(new PrintStream(bytes, true, StandardCharsets.UTF_8), "reconcile", "--since", "2000-01-01",
                "--until", "2100-12-31");
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        JdbcTemplate connector = new JdbcTemplate(new org.springframework.jdbc.datasource.DriverManagerDataSource(harness.connectorUrl,
                harness.properties().get("spring.datasource.username"), harness.properties().get("spring.datasource.password")));
        Map<String, Object> run = connector.queryForMap("SELECT * FROM reconcile_run ORDER BY id DESC LIMIT 1");
        assertThat(run.get("period_from").toString()).isEqualTo("2000-01-01");
        assertThat((BigDecimal) run.get("store_sales")).isEqualByComparingTo((BigDecimal) run.get("xero_sales"));
        assertThat(((Number) run.get("xero_calls")).intValue()).isPositive();
        // whatever the jobs refused is reported (each with its reason), nothing else
        List<Map<String, Object>> rows = connector.queryForList("SELECT kind, repairable FROM reconcile_difference");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("kind")).isIn("MISSING_INVOICE", "MISSING_CONTACT", "MISSING_ITEM"));
        assertThat(code).isEqualTo(rows.isEmpty() ? JobLaunchService.EXIT_COMPLETED : JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        assertThat(printed).contains("store sales " + ((BigDecimal) run.get("store_sales")).toPlainString());
    }
}
