package io.cscartxero.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.reconcile.Difference.Kind;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 15's done-when for reconcileJob: a generated store synced by the normal jobs as {@code serve} runs them
 * (customers, products, orders in P, C and O, payments); then the harness breaks things behind the connector's back —
 * in Xero an invoice voided, one deleted (an order invoiced as SUBMITTED: Xero deletes only DRAFT and SUBMITTED
 * invoices), one's total edited, a contact archived; in CS-Cart an order's total changed without {@code updated_at} —
 * and reconcileJob must report exactly those five (kind, ids, amounts); the summary's totals are recomputed here from
 * both sides; {@code reconcile --repair} then the normal jobs' change run (incremental, as serve runs them) put all
 * five right (the voided and deleted invoices' orders re-issued as CS-&lt;id&gt;-2, the contact restored); a second
 * reconcile reports zero and a third change run sends nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileJobTest {

    static final String TENANT_KEY_PROPERTY = "xero.tenant-id";
    private static ConnectorHarness harness;
    private static ConfigurableApplicationContext app;
    private static JobLaunchService jobs;
    private static JdbcTemplate store;
    private static String tenant;
    /** The differences of the synced store, before anything is broken: each must be explained. */
    private static Set<String> baseline;

    /** What the harness broke. */
    private static long voidedOrder, deletedOrder, editedOrder, changedOrder, archivedCustomer;
    private static BigDecimal voidedTotal, deletedTotal;
    /** serve's change jobs (change.jobs default). */
    static final List<String> NORMAL_JOBS = List.of("customerExportJob", "productExportJob", "orderExportJob", "paymentExportJob",
            "refundExportJob");
    private static BigDecimal editedXeroTotal;

    @TempDir
    static Path reports;

    @BeforeAll
    static void syncedStore() {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 60, 30,
                Integer.getInteger("reconcile.orders", 400), 1515L);   // -Dreconcile.orders=3000 for the README's numbers
        StoreTaxes.mapped(harness).set("xero.payment-account", "090").set("sync.order-statuses", "P,C,O")
                .set("sync.report-dir", reports.resolve("reports").toString());
        app = harness.startApp();
        jobs = ConnectorHarness.jobs(app);
        store = harness.cscartJdbc();
        tenant = app.getBean(io.cscartxero.xero.XeroProperties.class).tenantKey();
        // the order whose invoice will be deleted in Xero: invoiced later, as SUBMITTED (see whatWasBroken...); until
        // then it is in a status that is not invoiced (F), so that the normal runs leave it alone
        deletedOrder = store.queryForObject("SELECT MIN(order_id) FROM cscart_orders WHERE status = 'O' AND is_parent_order <> 'Y' "
                + "AND total > 0", Long.class);
        store.update("UPDATE cscart_orders SET status = 'F', updated_at = updated_at WHERE order_id = ?", deletedOrder);
        // the normal jobs as serve runs them: the first change run of each job reads everything and sets its watermark
        app.getBean(io.cscartxero.ops.AutoSync.class).changes(NORMAL_JOBS);
        assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'INVOICE' "
                + "AND xero_id IS NOT NULL", Integer.class)).isPositive();
    }

    /** Write calls the sandbox has seen since {@code before} requests. */
    private static long writesSince(int before) {
        List<RecordedRequest> all = harness.sandbox.stats().requests();
        return all.subList(before, all.size()).stream().filter(r -> !r.method().equals("GET")).count();
    }

    @AfterAll
    static void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static List<Difference> reconcile(Map<String, String> parameters) {
        JobLaunchService.Outcome outcome = jobs.run("reconcileJob", parameters);
        assertThat(outcome.execution().getStatus()).as(outcome.message()).isEqualTo(BatchStatus.COMPLETED);
        System.out.printf("reconcileJob %s took %d ms%n", parameters, java.time.Duration.between(outcome.execution().getStartTime(),
                outcome.execution().getEndTime()).toMillis());
        ReconcileReport report = app.getBean(ReconcileReport.class);
        return report.differences(report.lastRun(tenant).id()).stream().map(ReconcileReport.Row::difference).toList();
    }

    private static String key(Difference d) {
        return d.kind() + " " + d.entity() + " " + d.cscartId() + " " + d.xeroNumber();
    }

    @Test
    @Order(1)
    void aSyncedStoreDiffersOnlyWhereTheJobsSaidSo() {
        List<Difference> found = reconcile(Map.of());
        found.forEach(d -> System.out.println("BASELINE " + key(d) + " | " + d.message()));
        baseline = found.stream().map(ReconcileJobTest::key).collect(Collectors.toSet());
        // the normal jobs invoiced, paid and linked everything this store has: nothing differs
        assertThat(found).isEmpty();
        ReconcileReport.Run run = app.getBean(ReconcileReport.class).lastRun(tenant);
        assertThat(run.storeSales()).isEqualByComparingTo(storeSales());
        assertThat(run.xeroSales()).isEqualByComparingTo(xeroSales());
        assertThat(run.storeSales()).isEqualByComparingTo(run.xeroSales());
    }

    /** Σ orders.total of the orders that should be invoiced (P, C, O; no parents, no incomplete ones), read here. */
    private static BigDecimal storeSales() {
        return store.queryForObject("SELECT COALESCE(SUM(total), 0) FROM cscart_orders WHERE status IN ('P','C','O') "
                + "AND is_parent_order <> 'Y'", BigDecimal.class);
    }

    /** Σ Total of their invoices in the sandbox that are neither voided nor deleted. */
    private static BigDecimal xeroSales() {
        Set<String> numbers = store.queryForList("SELECT order_id FROM cscart_orders WHERE status IN ('P','C','O') "
                + "AND is_parent_order <> 'Y'", Long.class).stream().map(id -> "CS-" + id).collect(Collectors.toSet());
        return harness.sandbox.invoices().stream().filter(i -> "ACCREC".equals(i.type()) && numbers.contains(i.invoiceNumber())
                && !i.status().equals("VOIDED") && !i.status().equals("DELETED")).map(SandboxInvoice::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static long orderOf(SandboxInvoice i) {
        return Long.parseLong(i.invoiceNumber().substring(3));
    }

    @Test
    @Order(2)
    void whatWasBrokenBehindTheConnectorsBackIsReportedExactly() {
        XeroUser user = new XeroUser(harness.sandbox);
        Set<Long> open = new HashSet<>(store.queryForList("SELECT order_id FROM cscart_orders WHERE status = 'O' AND is_parent_order <> 'Y'",
                Long.class));
        Set<Long> untaxed = new HashSet<>(store.queryForList("SELECT o.order_id FROM cscart_orders o WHERE o.status = 'O' AND "
                + "o.is_parent_order <> 'Y' AND (o.tax_exempt = 'Y' OR NOT EXISTS (SELECT 1 FROM cscart_order_data d "
                + "WHERE d.order_id = o.order_id AND d.type = 'T'))", Long.class));
        List<SandboxInvoice> unpaid = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().startsWith("CS-")
                && open.contains(orderOf(i)) && i.status().equals("AUTHORISED") && i.total().signum() > 0
                && i.amountPaid().signum() == 0).sorted(java.util.Comparator.comparing(SandboxInvoice::invoiceNumber)).toList();
        List<SandboxInvoice> untaxedUnpaid = unpaid.stream().filter(i -> untaxed.contains(orderOf(i)) && i.totalTax().signum() == 0).toList();
        assertThat(untaxedUnpaid).as("unpaid untaxed invoices to edit").hasSizeGreaterThanOrEqualTo(2);
        SandboxInvoice edited = untaxedUnpaid.get(0);
        SandboxInvoice changed = untaxedUnpaid.get(1);
        List<SandboxInvoice> others = unpaid.stream().filter(i -> i != edited && i != changed).toList();
        SandboxInvoice voided = others.get(0);
        voidedOrder = orderOf(voided);
        editedOrder = orderOf(edited);
        changedOrder = orderOf(changed);
        voidedTotal = voided.total();

        // an order invoiced while the connector sent SUBMITTED invoices (xero.invoice-status=SUBMITTED, one CLI run):
        // back in O without updated_at, so that no change run reads it again
        store.update("UPDATE cscart_orders SET status = 'O', updated_at = updated_at WHERE order_id = ?", deletedOrder);
        assertThat(harness.cli(new PrintStream(new ByteArrayOutputStream()), "run", "orderExportJob", "orderIds=" + deletedOrder,
                "--xero.invoice-status=SUBMITTED")).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        SandboxInvoice deleted = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + deletedOrder))
                .findFirst().orElseThrow();
        assertThat(deleted.status()).isEqualTo("SUBMITTED");
        deletedTotal = deleted.total();

        // Xero: one invoice voided, one deleted (both as a user would, through the API), one line's amount edited
        user.post("/Invoices/" + voided.invoiceId(), "{\"Invoices\":[{\"InvoiceID\":\"" + voided.invoiceId() + "\",\"Status\":\"VOIDED\"}]}");
        user.post("/Invoices/" + deleted.invoiceId(), "{\"Invoices\":[{\"InvoiceID\":\"" + deleted.invoiceId() + "\",\"Status\":\"DELETED\"}]}");
        assertThat(harness.sandbox.invoices()).filteredOn(i -> i.invoiceId().equals(deleted.invoiceId()))
                .extracting(SandboxInvoice::status).containsExactly("DELETED");
        JsonNode full = user.get("/Invoices/" + edited.invoiceId() + "?unitdp=4").path("Invoices").get(0);
        ObjectNode body = XeroUser.object();
        ObjectNode change = body.putArray("Invoices").addObject().put("InvoiceID", edited.invoiceId());
        ArrayNode lines = change.putArray("LineItems");
        boolean first = true;
        for (JsonNode line : full.path("LineItems")) {
            ObjectNode copy = ((ObjectNode) line).deepCopy();
            copy.remove("LineAmount");
            copy.remove("TaxAmount");
            copy.remove("ValidationErrors");
            if (first) {
                copy.put("UnitAmount", new BigDecimal(line.path("UnitAmount").asString()).add(BigDecimal.TEN));
                first = false;
            }
            lines.add(copy);
        }
        editedXeroTotal = new BigDecimal(user.post("/Invoices/" + edited.invoiceId() + "?unitdp=4", XeroUser.JSON.writeValueAsString(body))
                .path("Invoices").get(0).path("Total").asString());
        assertThat(editedXeroTotal).isNotEqualByComparingTo(edited.total());
        // a contact archived: a customer who bought none of the orders above
        Set<Long> buyers = new HashSet<>(store.queryForList("SELECT user_id FROM cscart_orders WHERE order_id IN (?, ?, ?, ?)",
                Long.class, voidedOrder, deletedOrder, editedOrder, changedOrder));
        Map<String, String> contactLinks = new HashMap<>();
        app.getBean(JdbcTemplate.class).query("SELECT cscart_id, xero_id FROM sync_link WHERE entity = 'CONTACT' AND xero_id IS NOT NULL",
                rs -> { contactLinks.put(rs.getString(1), rs.getString(2)); });
        archivedCustomer = contactLinks.keySet().stream().map(Long::parseLong).filter(id -> !buyers.contains(id)).sorted().findFirst().orElseThrow();
        user.archive(contactLinks.get(Long.toString(archivedCustomer)));
        // CS-Cart: an order's total (its shipping) changed without updated_at, as a direct SQL edit or an add-on would
        BigDecimal changedTotal = store.queryForObject("SELECT total FROM cscart_orders WHERE order_id = ?", BigDecimal.class, changedOrder)
                .add(new BigDecimal("5.00"));
        store.update("UPDATE cscart_orders SET shipping_cost = shipping_cost + 5, total = total + 5, updated_at = updated_at "
                + "WHERE order_id = ?", changedOrder);

        int before = harness.sandbox.stats().requests().size();
        List<Difference> found = reconcile(Map.of());
        List<RecordedRequest> calls = harness.sandbox.stats().requests().subList(before, harness.sandbox.stats().requests().size());
        found.forEach(d -> System.out.println("BROKEN " + key(d) + " | " + d.amount() + " | " + d.message()));

        BigDecimal editedStore = store.queryForObject("SELECT total FROM cscart_orders WHERE order_id = ?", BigDecimal.class, editedOrder);
        assertThat(found).extracting(d -> d.kind() + " " + d.entity() + " " + d.cscartId() + " " + d.xeroNumber() + " "
                + d.storeValue() + " " + d.xeroValue() + " " + (d.amount() == null ? "-" : d.amount().toPlainString()) + " " + d.repairable())
                .containsExactlyInAnyOrder(
                        "VOIDED_IN_XERO INVOICE " + voidedOrder + " CS-" + voidedOrder + " O VOIDED " + voided.total().toPlainString() + " true",
                        "DELETED_IN_XERO INVOICE " + deletedOrder + " CS-" + deletedOrder + " O DELETED " + deleted.total().toPlainString() + " true",
                        "TOTAL_DIFFERS INVOICE " + editedOrder + " CS-" + editedOrder + " " + editedStore.toPlainString() + " "
                                + editedXeroTotal.toPlainString() + " " + editedStore.subtract(editedXeroTotal).toPlainString() + " true",
                        "TOTAL_DIFFERS INVOICE " + changedOrder + " CS-" + changedOrder + " " + changedTotal.toPlainString() + " "
                                + changed.total().toPlainString() + " 5.00 true",
                        "MISSING_CONTACT CONTACT " + archivedCustomer + " cscart-" + archivedCustomer + " ACTIVE ARCHIVED - true");
        // the summary's totals, recomputed here from both sides
        ReconcileReport.Run run = app.getBean(ReconcileReport.class).lastRun(tenant);
        assertThat(run.storeSales()).isEqualByComparingTo(storeSales());
        assertThat(run.xeroSales()).isEqualByComparingTo(xeroSales());
        assertThat(run.storeSales().subtract(run.xeroSales())).isEqualByComparingTo(voided.total().add(deleted.total())
                .add(editedStore.subtract(editedXeroTotal)).add(new BigDecimal("5.00")));
        assertThat(run.differenceCount()).isEqualTo(5);
        assertThat(run.repairableCount()).isEqualTo(5);
        // its calls are the ones Xero saw: the period's list (1,000 a page), contacts, items
        assertThat(run.xeroCalls()).isEqualTo(calls.size());
        assertThat(calls).allMatch(r -> r.method().equals("GET"));
        int orders = store.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE status IN ('P','C','O') AND is_parent_order <> 'Y'",
                Integer.class);
        assertThat(run.xeroCalls()).isLessThanOrEqualTo((orders + 999) / 1000 + 2);
        System.out.printf("reconcile (list): %d orders, %d Xero calls%n", orders, run.xeroCalls());
    }

    @Test
    @Order(3)
    void theBatchedPathCostsOneCallPerFortyInvoices() {
        int before = harness.sandbox.stats().requests().size();
        List<Difference> found = reconcile(Map.of("read", "ids"));
        List<RecordedRequest> calls = harness.sandbox.stats().requests().subList(before, harness.sandbox.stats().requests().size());
        ReconcileReport.Run run = app.getBean(ReconcileReport.class).lastRun(tenant);
        long invoiceCalls = calls.stream().filter(r -> r.path().endsWith("/Invoices")).count();
        int linked = app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'INVOICE' AND xero_id IS NOT NULL",
                Integer.class);
        System.out.printf("reconcile (ids): %d linked invoices, %d invoice calls, %d Xero calls in all%n", linked, invoiceCalls, run.xeroCalls());
        assertThat(run.xeroCalls()).isEqualTo(calls.size());
        assertThat(invoiceCalls).isLessThanOrEqualTo((linked + 39) / 40);
        assertThat(calls).filteredOn(r -> r.path().endsWith("/Invoices"))
                .allMatch(r -> r.query().contains("IDs=") && r.query().split("%2C").length <= 40);
        // the batched path finds the same differences (no unknown invoices here to need the list)
        assertThat(found).extracting(ReconcileJobTest::key).hasSize(5);
    }

    @Test
    @Order(4)
    void repairThenTheNormalChangeRunBringBothSidesBackIntoAgreement() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int before = harness.sandbox.stats().requests().size();
        assertThat(harness.cli(out, "reconcile", "--repair")).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        assertThat(harness.sandbox.stats().requests()).hasSize(before);   // repairing calls nobody: it re-queues
        List<Long> orders = new ArrayList<>(List.of(voidedOrder, deletedOrder, editedOrder, changedOrder));
        orders.sort(null);
        assertThat(printed).contains("Re-queued 5 repairable difference(s)")
                .contains("run orderExportJob orderIds=" + orders.stream().map(String::valueOf).collect(Collectors.joining(",")))
                .contains("run customerExportJob userIds=" + archivedCustomer);
        ReconcileReport report = app.getBean(ReconcileReport.class);
        assertThat(report.differences(report.lastRun(tenant).id())).allMatch(r -> r.repairedAt() != null);
        // the voided and deleted invoices are recorded as their orders', which are re-issued under the next number
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        assertThat(connector.queryForList("SELECT CONCAT(order_id, ' ', invoice_number, ' ', xero_status, ' ', reissued_as) FROM "
                + "reissued_invoice ORDER BY order_id", String.class)).containsExactlyInAnyOrder(
                        voidedOrder + " CS-" + voidedOrder + " VOIDED CS-" + voidedOrder + "-2",
                        deletedOrder + " CS-" + deletedOrder + " DELETED CS-" + deletedOrder + "-2");

        // the normal jobs as serve runs them: a change run (changedAfter = the watermark), not a full one
        before = harness.sandbox.stats().requests().size();
        app.getBean(io.cscartxero.ops.AutoSync.class).changes(NORMAL_JOBS);
        List<RecordedRequest> repairCalls = harness.sandbox.stats().requests().subList(before, harness.sandbox.stats().requests().size());
        assertThat(connector.queryForList("SELECT DISTINCT p.parameter_value FROM BATCH_JOB_EXECUTION_PARAMS p JOIN BATCH_JOB_EXECUTION e "
                + "ON e.job_execution_id = p.job_execution_id WHERE p.parameter_name = 'changedAfter' AND e.job_execution_id > ?",
                String.class, lastReconcileExecution())).isNotEmpty();
        long writes = repairCalls.stream().filter(r -> !r.method().equals("GET")).count();
        System.out.printf("repair: %d Xero calls by the change run (%d writes): %s%n", repairCalls.size(), writes,
                repairCalls.stream().map(r -> r.method() + " " + r.path()).collect(Collectors.groupingBy(x -> x, java.util.TreeMap::new,
                        Collectors.counting())));
        // one contact restored, two invoices updated, two created: a handful of calls, not a pass over the store
        assertThat(writes).isBetween(3L, 8L);

        List<Difference> left = reconcile(Map.of());
        left.forEach(d -> System.out.println("LEFT " + key(d) + " | " + d.message()));
        assertThat(left).isEmpty();
        ReconcileReport.Run run = report.lastRun(tenant);
        assertThat(run.storeSales()).isEqualByComparingTo(run.xeroSales());
        assertThat(run.storeSales()).isEqualByComparingTo(storeSales());

        // Xero now: the contact active, the re-issued invoices authorised at the orders' totals, the old ones kept
        assertThat(harness.sandbox.contacts()).filteredOn(c -> ("cscart-" + archivedCustomer).equals(c.contactNumber()))
                .extracting(c -> c.contactStatus()).containsExactly("ACTIVE");
        for (long order : List.of(voidedOrder, deletedOrder)) {
            SandboxInvoice reissued = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + order + "-2"))
                    .findFirst().orElseThrow();
            assertThat(reissued.status()).isEqualTo("AUTHORISED");
            assertThat(reissued.total()).isEqualByComparingTo(store.queryForObject("SELECT total FROM cscart_orders WHERE order_id = ?",
                    BigDecimal.class, order));
        }
        assertThat(harness.sandbox.invoices()).filteredOn(i -> i.invoiceNumber().equals("CS-" + voidedOrder))
                .extracting(SandboxInvoice::status).containsExactly("VOIDED");
        assertThat(harness.sandbox.invoices()).filteredOn(i -> i.invoiceNumber().equals("CS-" + deletedOrder))
                .extracting(SandboxInvoice::status).containsExactly("DELETED");
        assertThat(harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + changedOrder)).findFirst()
                .orElseThrow().total()).isEqualByComparingTo(store.queryForObject("SELECT total FROM cscart_orders WHERE order_id = ?",
                        BigDecimal.class, changedOrder));
        // nothing duplicated: numbers distinct, one live invoice per order (the voided/deleted one is the recorded one)
        List<SandboxInvoice> accrec = harness.sandbox.invoices().stream().filter(i -> "ACCREC".equals(i.type())).toList();
        assertThat(accrec).extracting(SandboxInvoice::invoiceNumber).doesNotHaveDuplicates();
        Map<Long, Long> liveByOrder = accrec.stream().filter(i -> !i.status().equals("VOIDED") && !i.status().equals("DELETED"))
                .collect(Collectors.groupingBy(i -> io.cscartxero.sync.InvoiceNumbers.parse("CS-", i.invoiceNumber()).orderId(),
                        Collectors.counting()));
        assertThat(liveByOrder.values()).allMatch(n -> n == 1);
        assertThat(accrec.stream().filter(i -> i.status().equals("VOIDED") || i.status().equals("DELETED")))
                .extracting(SandboxInvoice::invoiceNumber).containsExactlyInAnyOrder("CS-" + voidedOrder, "CS-" + deletedOrder);

        // a third change run sends nothing
        before = harness.sandbox.stats().requests().size();
        app.getBean(io.cscartxero.ops.AutoSync.class).changes(NORMAL_JOBS);
        assertThat(writesSince(before)).isZero();
    }

    private static long lastReconcileExecution() {
        return app.getBean(JdbcTemplate.class).queryForObject("SELECT MAX(e.job_execution_id) FROM BATCH_JOB_EXECUTION e JOIN "
                + "BATCH_JOB_INSTANCE i ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'reconcileJob'", Long.class);
    }

    @Test
    @Order(5)
    void theLastReportAsCsvIsANewPrivateFileInTheReportDirectory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int before = harness.sandbox.stats().requests().size();
        assertThat(harness.cli(out, "reconcile", "--last", "--csv", "month-end.csv")).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        assertThat(harness.sandbox.stats().requests()).hasSize(before);
        Path file = reports.resolve("reports").resolve("month-end.csv");
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(rows).hasSize(1);   // the header: the last report found nothing
        assertThat(rows.get(0)).startsWith("run,period_from,period_until,kind,");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("store sales").contains("Xero sales").contains("difference");
        // never twice the same file, never outside the directory
        for (String refused : List.of("month-end.csv", "../escape.csv", "/tmp/elsewhere.csv")) {
            assertThat(harness.cli(new PrintStream(new ByteArrayOutputStream()), "reconcile", "--last", "--csv", refused))
                    .as(refused).isEqualTo(JobLaunchService.EXIT_USAGE);
        }
        assertThat(reports.resolve("escape.csv")).doesNotExist();
    }
}
