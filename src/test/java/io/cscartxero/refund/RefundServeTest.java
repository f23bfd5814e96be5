package io.cscartxero.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.Schedule;
import io.cscartxero.sandbox.SandboxCreditNote;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;

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
        harness = ConnectorHarness.start();
        JdbcTemplate store = harness.cscartJdbc();
        long now = store.queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 81L).withNow(now).customers(20);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 82L).withNow(now).products(20);
        new StoreGenerator(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 83L).withNow(now).orders(40);
        harness.sandbox.addTaxRate("SALES825", "Sales tax 8.25%", new BigDecimal("8.25"));
        harness.sandbox.addTaxRate("CITY15", "City tax 1.5%", new BigDecimal("1.5"));
        harness.sandbox.addTaxRate("SALESCITY", "Sales and city tax 9.75%", new BigDecimal("9.75"));
        harness.sandbox.addTaxRate("VATGST", "VAT and GST 25%", new BigDecimal("25"));
        harness.set("xero.tax-types.6", "OUTPUT").set("xero.tax-types.7", "OUTPUT2").set("xero.tax-types.8", "SALES825")
                .set("xero.tax-types.9", "CITY15").set("xero.tax-types.[8+9]", "SALESCITY")
                .set("xero.tax-types.[6+7]", "VATGST").set("xero.payment-account", "090");
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
        long returnId = returns.request(orderId, Map.of(itemId, 1L), StoreReturns.REFUND, t);
        returns.move(returnId, "C", t);
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
