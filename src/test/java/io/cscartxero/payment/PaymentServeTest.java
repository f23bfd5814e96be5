package io.cscartxero.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.Schedule;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** serve: the shipped schedule runs paymentExportJob after orderExportJob, so an order paid in CS-Cart is paid in Xero on the next tick. */
class PaymentServeTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void anOrderPaidInCsCartIsInvoicedAndPaidOnTheNextTick() {
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
        assertThat(jobs.indexOf("paymentExportJob")).isGreaterThan(jobs.indexOf("orderExportJob"));
        assertThat(schedule.nightlyJobs()).contains("paymentExportJob");
        AutoSync sync = harness.startApp().getBean(AutoSync.class);

        sync.changes(jobs);
        long paid = harness.sandbox.invoices().stream().filter(i -> i.status().equals("PAID")).count();
        assertThat(paid).isPositive();

        // an open order is paid at checkout: CS-Cart moves it to P (and logs the change)
        long order = store.queryForObject("SELECT MIN(order_id) FROM cscart_orders WHERE status = 'O' AND is_parent_order <> 'Y' AND total > 0", Long.class);
        long t = store.queryForObject("SELECT UNIX_TIMESTAMP()", Long.class);
        store.update("UPDATE cscart_orders SET status = 'P', updated_at = ? WHERE order_id = ?", t, order);
        store.update("INSERT INTO cscart_logs (user_id, timestamp, type, event_type, action, object, content, backtrace, company_id) "
                + "VALUES (0, ?, 'orders', 'N', 'status', '', ?, 'a:0:{}', 1)", t,
                "a:2:{s:5:\"order\";s:" + ("# " + order).length() + ":\"# " + order + "\";s:6:\"status\";s:12:\"Open -> Paid\";}");
        sync.changes(jobs);

        SandboxInvoice invoice = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + order)).findFirst().orElseThrow();
        assertThat(invoice.status()).isEqualTo("PAID");
        assertThat(invoice.amountDue()).isEqualByComparingTo("0.00");
        assertThat(harness.sandbox.invoices().stream().filter(i -> i.status().equals("PAID")).count()).isEqualTo(paid + 1);
    }
}
