package io.cscartxero.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.Schedule;
import io.cscartxero.sandbox.SandboxCreditNote;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.ServeStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * serve: the shipped schedule runs refundExportJob after paymentExportJob (change ticks and nightly), so a refund
 * return completed in CS-Cart is a credit note, paid out, on the next tick, and the invoice stays as sold.
 */
class RefundServeTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) harness.close();
    }

    @Test
    void aRefundReturnCompletedInCsCartIsCreditedOnTheNextTick() {
        harness = ServeStore.start();
        JdbcTemplate store = harness.cscartJdbc();
        Schedule schedule = Schedule.read(Path.of("jobs/schedule.properties"));
        List<String> jobs = schedule.changeJobs();
        assertThat(jobs.indexOf("refundExportJob")).isGreaterThan(jobs.indexOf("paymentExportJob"));
        assertThat(schedule.nightlyJobs().indexOf("refundExportJob"))
                .isGreaterThan(schedule.nightlyJobs().indexOf("paymentExportJob"));
        AutoSync sync = harness.startApp().getBean(AutoSync.class);
        sync.changes(jobs);
        StoreReturns returns = new StoreReturns(store, ConnectorHarness.PREFIX);
        long orderId = harness.sandbox.invoices().stream().filter(i -> i.status().equals("PAID"))
                .map(i -> Long.valueOf(i.invoiceNumber().substring(3))).sorted().findFirst().orElseThrow();
        SandboxInvoice before = invoice(orderId);
        long itemId = store.queryForObject("SELECT MIN(item_id) FROM cscart_order_details WHERE order_id = ?",
                Long.class, orderId);

        long t = store.queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
        long returnId = returns.completedRefund(orderId, itemId, 1, t);
        sync.changes(jobs);

        assertThat(invoice(orderId)).isEqualTo(before);
        assertThat(harness.sandbox.creditNotes()).hasSize(1);
        SandboxCreditNote credit = harness.sandbox.creditNotes().get(0);
        assertThat(credit.creditNoteNumber()).isEqualTo("CN-R" + returnId);
        assertThat(credit.refunded()).isEqualByComparingTo(credit.total());
        long writes = harness.sandbox.stats().writeCalls();
        sync.changes(jobs);
        sync.reconcile(schedule.nightlyJobs());
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
    }

    private SandboxInvoice invoice(long orderId) {
        return harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + orderId)).findFirst()
                .orElseThrow();
    }
}
