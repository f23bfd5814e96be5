package io.cscartxero.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.reconcile.Difference.Kind;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.XeroUser;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Re-issue numbers, as serve runs the jobs (change runs): an invoice the connector voided itself (order cancelled,
 * {@code sync.void-on-status}) stays voided and is never reported nor re-issued; the same order back in an invoiced
 * status cannot take its number again (Xero keeps a voided invoice's number: the export says so, once), is reported
 * voided and re-issued by repair as CS-&lt;id&gt;-2; voided again in Xero, it becomes CS-&lt;id&gt;-3.
 */
class ReissueTest {

    static final List<String> JOBS = List.of("customerExportJob", "productExportJob", "orderExportJob", "paymentExportJob");
    @AutoClose
    private final ConnectorHarness harness = ConnectorHarness.start();

    @Test
    void aDeliberateVoidStaysAndAVoidBehindTheConnectorsBackIsReissuedUnderTheNextNumber() {
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 10, 40, 4242L);
        StoreTaxes.mapped(harness).set("xero.payment-account", "090").set("sync.order-statuses", "P,C,O")
                .set("sync.void-on-status", "I");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        AutoSync serve = app.getBean(AutoSync.class);
        JdbcTemplate store = harness.cscartJdbc();
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        String tenant = app.getBean(io.cscartxero.xero.XeroProperties.class).tenantKey();
        ReconcileReport report = app.getBean(ReconcileReport.class);
        ReconcileRepair repair = app.getBean(ReconcileRepair.class);
        serve.changes(JOBS);

        long order = store.queryForObject("SELECT MIN(order_id) FROM cscart_orders WHERE status = 'O' AND is_parent_order <> 'Y' "
                + "AND total > 0", Long.class);
        SandboxInvoice first = invoice("CS-" + order);
        assertThat(first.status()).isEqualTo("AUTHORISED");

        // cancelled in the store: serve voids the invoice; reconcile finds nothing, repair re-issues nothing
        store.update("UPDATE cscart_orders SET status = 'I', updated_at = UNIX_TIMESTAMP() WHERE order_id = ?", order);
        serve.changes(JOBS);
        assertThat(invoice("CS-" + order).status()).isEqualTo("VOIDED");
        assertThat(reconcile(jobs, report, tenant)).isEmpty();
        assertThat(repair.repairLast(tenant).differences()).isZero();
        int before = harness.sandbox.stats().requests().size();
        serve.changes(JOBS);
        assertThat(writesSince(before)).isZero();
        assertThat(numbers()).doesNotContain("CS-" + order + "-2");

        // back to open: its number is a voided invoice's, so the export refuses it with the way out
        store.update("UPDATE cscart_orders SET status = 'O', updated_at = UNIX_TIMESTAMP() + 1 WHERE order_id = ?", order);
        serve.changes(JOBS);
        assertThat(connector.queryForList("SELECT message FROM sync_error WHERE job_name = 'orderExportJob' AND cscart_id = ?",
                String.class, Long.toString(order))).anySatisfy(m -> assertThat(m).contains("is VOIDED in Xero")
                        .contains("reconcile --repair").contains("CS-" + order + "-2"));
        List<Difference> found = reconcile(jobs, report, tenant);
        assertThat(found).extracting(d -> d.kind() + " " + d.cscartId() + " " + d.xeroNumber() + " " + d.repairable())
                .containsExactly(Kind.VOIDED_IN_XERO + " " + order + " CS-" + order + " true");
        repair.repairLast(tenant);
        serve.changes(JOBS);
        assertThat(invoice("CS-" + order + "-2").status()).isEqualTo("AUTHORISED");
        assertThat(reconcile(jobs, report, tenant)).isEmpty();

        // voided again behind the connector's back: the next number
        new XeroUser(harness.sandbox).post("/Invoices/" + invoice("CS-" + order + "-2").invoiceId(), "{\"Invoices\":[{\"InvoiceID\":\""
                + invoice("CS-" + order + "-2").invoiceId() + "\",\"Status\":\"VOIDED\"}]}");
        assertThat(reconcile(jobs, report, tenant)).extracting(d -> d.kind() + " " + d.xeroNumber())
                .containsExactly(Kind.VOIDED_IN_XERO + " CS-" + order + "-2");
        repair.repairLast(tenant);
        serve.changes(JOBS);
        assertThat(invoice("CS-" + order + "-3").status()).isEqualTo("AUTHORISED");
        assertThat(reconcile(jobs, report, tenant)).isEmpty();
        assertThat(connector.queryForList("SELECT CONCAT(issue, ' ', invoice_number, ' ', reissued_as) FROM reissued_invoice "
                + "ORDER BY issue", String.class)).containsExactly("1 CS-" + order + " CS-" + order + "-2",
                        "2 CS-" + order + "-2 CS-" + order + "-3");
        before = harness.sandbox.stats().requests().size();
        serve.changes(JOBS);
        assertThat(writesSince(before)).isZero();
        // the order's invoices: two voided, one live
        assertThat(harness.sandbox.invoices()).filteredOn(i -> i.invoiceNumber().startsWith("CS-" + order + "-")
                || i.invoiceNumber().equals("CS-" + order)).extracting(i -> i.invoiceNumber() + " " + i.status())
                .containsExactlyInAnyOrder("CS-" + order + " VOIDED", "CS-" + order + "-2 VOIDED", "CS-" + order + "-3 AUTHORISED");
    }

    /**
     * The number the report says an order is re-issued under is the one the repair gives it (one computation,
     * {@link ReconcileRepair#nextIssue}): an order voided behind the connector's back three times, re-issued each time.
     */
    @Test
    void theReportedNextNumberIsTheNumberTheRepairGivesAfterEveryReissue() {
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 10, 10, 40, 4243L);
        StoreTaxes.mapped(harness).set("xero.payment-account", "090").set("sync.order-statuses", "P,C,O");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        AutoSync serve = app.getBean(AutoSync.class);
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);
        String tenant = app.getBean(io.cscartxero.xero.XeroProperties.class).tenantKey();
        ReconcileReport report = app.getBean(ReconcileReport.class);
        ReconcileRepair repair = app.getBean(ReconcileRepair.class);
        serve.changes(JOBS);
        long order = harness.cscartJdbc().queryForObject("SELECT MIN(order_id) FROM cscart_orders WHERE status = 'O' "
                + "AND is_parent_order <> 'Y' AND total > 0", Long.class);
        assertThat(reconcile(jobs, report, tenant)).isEmpty();

        String current = "CS-" + order;
        for (int issue = 2; issue <= 4; issue++) {
            String id = invoice(current).invoiceId();
            new XeroUser(harness.sandbox).post("/Invoices/" + id, "{\"Invoices\":[{\"InvoiceID\":\"" + id + "\",\"Status\":\"VOIDED\"}]}");
            List<Difference> found = reconcile(jobs, report, tenant);
            assertThat(found).extracting(d -> d.kind() + " " + d.cscartId() + " " + d.xeroNumber() + " " + d.repairable())
                    .containsExactly(Kind.VOIDED_IN_XERO + " " + order + " " + current + " true");
            java.util.regex.Matcher reported = java.util.regex.Pattern.compile("re-issued as (\\S+) \\(reconcile --repair")
                    .matcher(found.get(0).message());
            assertThat(reported.find()).as(found.get(0).message()).isTrue();

            assertThat(repair.repairLast(tenant).differences()).isEqualTo(1);
            String repaired = connector.queryForObject("SELECT xero_key FROM sync_link WHERE tenant_id = ? AND entity = 'INVOICE' "
                    + "AND cscart_id = ?", String.class, tenant, Long.toString(order));
            assertThat(repaired).isEqualTo(reported.group(1)).isEqualTo("CS-" + order + "-" + issue);
            assertThat(connector.queryForObject("SELECT reissued_as FROM reissued_invoice WHERE tenant_id = ? AND order_id = ? "
                    + "AND issue = ?", String.class, tenant, Long.toString(order), issue - 1)).isEqualTo(repaired);
            serve.changes(JOBS);
            assertThat(invoice(repaired).status()).isEqualTo("AUTHORISED");
            assertThat(reconcile(jobs, report, tenant)).isEmpty();
            current = repaired;
        }
        assertThat(harness.sandbox.invoices()).filteredOn(i -> i.invoiceNumber().equals("CS-" + order)
                || i.invoiceNumber().startsWith("CS-" + order + "-")).extracting(i -> i.invoiceNumber() + " " + i.status())
                .containsExactlyInAnyOrder("CS-" + order + " VOIDED", "CS-" + order + "-2 VOIDED", "CS-" + order + "-3 VOIDED",
                        "CS-" + order + "-4 AUTHORISED");

        // a link left at an older voided number than one recorded (issues 1 to 3 are): the repair re-issues after the
        // highest and keeps the old invoice's row instead of failing on its key (and rolling back every other repair)
        connector.update("UPDATE sync_link SET xero_id = ?, xero_key = ? WHERE tenant_id = ? AND entity = 'INVOICE' AND cscart_id = ?",
                invoice("CS-" + order + "-2").invoiceId(), "CS-" + order + "-2", tenant, Long.toString(order));
        List<Difference> stale = reconcile(jobs, report, tenant);
        assertThat(stale).extracting(d -> d.kind() + " " + d.xeroNumber()).contains(Kind.VOIDED_IN_XERO + " CS-" + order + "-2");
        assertThat(stale).filteredOn(d -> d.kind() == Kind.VOIDED_IN_XERO).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("re-issued as CS-" + order + "-5 "));
        repair.repairLast(tenant);
        assertThat(connector.queryForObject("SELECT xero_key FROM sync_link WHERE tenant_id = ? AND entity = 'INVOICE' AND cscart_id = ?",
                String.class, tenant, Long.toString(order))).isEqualTo("CS-" + order + "-5");
        assertThat(connector.queryForList("SELECT issue FROM reissued_invoice WHERE tenant_id = ? AND order_id = ? ORDER BY issue",
                Integer.class, tenant, Long.toString(order))).containsExactly(1, 2, 3);
    }

    private SandboxInvoice invoice(String number) {
        return harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals(number)).findFirst().orElseThrow();
    }

    private List<String> numbers() {
        return harness.sandbox.invoices().stream().map(SandboxInvoice::invoiceNumber).toList();
    }

    private long writesSince(int before) {
        List<RecordedRequest> all = harness.sandbox.stats().requests();
        return all.subList(before, all.size()).stream().filter(r -> !r.method().equals("GET")).count();
    }

    private static List<Difference> reconcile(JobLaunchService jobs, ReconcileReport report, String tenant) {
        assertThat(jobs.run("reconcileJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Difference> found = report.differences(report.lastRun(tenant).id()).stream().map(ReconcileReport.Row::difference).toList();
        return found;
    }
}
