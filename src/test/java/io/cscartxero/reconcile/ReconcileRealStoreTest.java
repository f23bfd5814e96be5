package io.cscartxero.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.cscartxero.sync.InvoiceNumbers;
import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.RealStore;
import io.cscartxero.testsupport.RealStoreAdditions;
import io.cscartxero.testsupport.TestDatabase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * reconcileJob on CS-Cart's real demo store (4.20.1 install data plus {@link RealStoreAdditions}) after a first run
 * configured as a new user would (plus one payment account): every difference it reports is one the jobs also reported (an order the export
 * refused, with its error row), the totals match sums taken here, and a deleted invoice and an order total changed in
 * CS-Cart are added to the report. Skipped, with the reason, where CS-Cart's install SQL is absent.
 */
class ReconcileRealStoreTest {

    private static final String SINCE = "2013-01-01";
    private ConnectorHarness harness;
    private TestDatabase store;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theRealStoreReconcilesAndBreakagesShow() {
        assumeTrue(RealStore.editionDir().isPresent(), RealStore.ABSENT);
        store = RealStore.load("real_reconcile").database();
        RealStoreAdditions.addTo(store.dataSource());
        harness = ConnectorHarness.startWithStore(store);
        harness.set("xero.revenue-account-code", "200").set("xero.tax-rates.create-missing", "true").set("xero.payment-account", "090");
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("customerExportJob", Map.of());
        jobs.run("productExportJob", Map.of());
        jobs.run("orderExportJob", Map.of("since", SINCE));
        jobs.run("paymentExportJob", Map.of("since", SINCE));
        String tenant = app.getBean(io.cscartxero.xero.XeroProperties.class).tenantKey();
        ReconcileReport report = app.getBean(ReconcileReport.class);
        JdbcTemplate cscart = store.jdbc();
        JdbcTemplate connector = app.getBean(JdbcTemplate.class);

        assertThat(jobs.run("reconcileJob", Map.of("since", SINCE)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        ReconcileReport.Run first = report.lastRun(tenant);
        List<Difference> found = report.differences(first.id()).stream().map(ReconcileReport.Row::difference).toList();
        found.forEach(d -> System.out.println("REAL " + d.kind() + " " + d.cscartId() + " | " + d.message()));
        // whatever differs, the jobs said so: orders the export refused (their error row), customers or products Xero refused
        Set<String> refusedOrders = connector.queryForList("SELECT cscart_id FROM sync_error WHERE job_name = 'orderExportJob' "
                + "AND entity = 'INVOICE' AND message NOT LIKE 'Warning:%'", String.class).stream().collect(Collectors.toSet());
        assertThat(found).allSatisfy(d -> {
            assertThat(d.kind()).isIn(Difference.Kind.MISSING_INVOICE, Difference.Kind.MISSING_CONTACT, Difference.Kind.MISSING_ITEM);
            assertThat(d.repairable()).as(d.message()).isFalse();
            if (d.kind() == Difference.Kind.MISSING_INVOICE) {
                assertThat(refusedOrders).contains(d.cscartId());
            }
        });
        BigDecimal storeSales = cscart.queryForObject("SELECT COALESCE(SUM(total), 0) FROM cscart_orders WHERE status IN ('P','C') "
                + "AND is_parent_order <> 'Y' AND timestamp >= UNIX_TIMESTAMP('2013-01-01')", BigDecimal.class);
        assertThat(first.storeSales()).isEqualByComparingTo(storeSales);
        BigDecimal xeroSales = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().startsWith("CS-")
                && !i.status().equals("VOIDED")).map(SandboxInvoice::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(first.xeroSales()).isEqualByComparingTo(xeroSales);
        BigDecimal missing = found.stream().filter(d -> d.kind() == Difference.Kind.MISSING_INVOICE).map(Difference::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(first.storeSales().subtract(first.xeroSales())).isEqualByComparingTo(missing);

        // serve's change runs from here on (the first sets the watermarks; nothing is left to send)
        io.cscartxero.ops.AutoSync autoSync = app.getBean(io.cscartxero.ops.AutoSync.class);
        List<String> normalJobs = List.of("customerExportJob", "productExportJob", "orderExportJob", "paymentExportJob");
        autoSync.changes(normalJobs);

        // break one thing on each side (every invoice is paid: Xero would void none, so one is deleted behind its back)
        SandboxInvoice victim = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().startsWith("CS-")
                && i.total().signum() > 0).findFirst().orElseThrow();
        harness.sandbox.deleteInvoice(victim.invoiceId());
        SandboxInvoice edited = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().startsWith("CS-")
                && !i.invoiceId().equals(victim.invoiceId())).findFirst().orElseThrow();
        String editedOrder = Long.toString(InvoiceNumbers.parse("CS-", edited.invoiceNumber()).orderId());
        cscart.update("UPDATE cscart_orders SET total = total + 1 WHERE order_id = ?", Long.parseLong(editedOrder));

        assertThat(jobs.run("reconcileJob", Map.of("since", SINCE)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        ReconcileReport.Run second = report.lastRun(tenant);
        List<String> added = report.differences(second.id()).stream().map(ReconcileReport.Row::difference)
                .filter(d -> !found.contains(d)).map(d -> d.kind() + " " + d.cscartId() + " " + d.amount()).toList();
        assertThat(added).containsExactlyInAnyOrder("DELETED_IN_XERO " + InvoiceNumbers.parse("CS-", victim.invoiceNumber()).orderId() + " " + victim.total(),
                "TOTAL_DIFFERS " + editedOrder + " 1.00");
        int orders = cscart.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE status IN ('P','C') AND is_parent_order <> 'Y'",
                Integer.class);
        System.out.printf("reconcile on the real store: %d orders, %d differences, %d Xero calls%n", orders,
                second.differenceCount(), second.xeroCalls());
        assertThat(second.xeroCalls()).isLessThanOrEqualTo(2 + (orders + 999) / 1000 + (found.size() + 39) / 40);

        // repair, then a change run: the deleted invoice's order is re-issued under the next number and paid again;
        // the paid order whose total changed is left (its invoice has payments: not repairable)
        long victimOrder = InvoiceNumbers.parse("CS-", victim.invoiceNumber()).orderId();
        assertThat(app.getBean(ReconcileRepair.class).repairLast(tenant).byJob().get("orderExportJob")).contains(Long.toString(victimOrder));
        autoSync.changes(normalJobs);
        SandboxInvoice reissued = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + victimOrder + "-2"))
                .findFirst().orElseThrow();
        assertThat(reissued.total()).isEqualByComparingTo(victim.total());
        assertThat(reissued.status()).isEqualTo("PAID");
        assertThat(jobs.run("reconcileJob", Map.of("since", SINCE)).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> left = report.differences(report.lastRun(tenant).id()).stream().map(ReconcileReport.Row::difference)
                .filter(d -> !found.contains(d)).map(d -> d.kind() + " " + d.cscartId() + " " + d.repairable()).toList();
        assertThat(left).containsExactly("TOTAL_DIFFERS " + editedOrder + " false");
    }
}
