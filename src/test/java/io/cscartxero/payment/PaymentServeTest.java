package io.cscartxero.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.cscartxero.ops.AutoSync;
import io.cscartxero.ops.Schedule;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.ServeStore;

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
        harness = ServeStore.start();
        JdbcTemplate store = harness.cscartJdbc();
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
