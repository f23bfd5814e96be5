package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.OrderEdits;
import io.cscartxero.testsupport.Refunds;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.XeroUser;
import io.cscartxero.testsupport.StoreTaxes;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Paid orders edited in CS-Cart (orderExportJob's update path) and paid orders voided (orderDeleteJob): the
 * connector's payment is removed, the invoice updated or voided, the new amount paid again on the same account with the
 * same date and Reference - each once, counted in calls - and an invoice paid by hand in Xero is left with an error row.
 * Untaxed orders: card (1) and phone (2) paid into 090, PayPal (3) into 091.
 */
class PaidOrderChangeJobTest {

    private ConnectorHarness harness;
    private ConfigurableApplicationContext app;
    private JobLaunchService jobs;
    private JdbcTemplate store;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A store whose paid orders are invoiced and paid by the connector; returns the editable paid orders. */
    private List<Long> paidStore(int orders, long seed) {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 30, 20, orders, seed);
        StoreTaxes.mapped(harness).set("xero.payment-accounts.1", "090").set("xero.payment-accounts.2", "090")
                .set("xero.payment-accounts.3", "091").set("sync.void-on-status", "I");
        app = harness.startApp();
        jobs = ConnectorHarness.jobs(app);
        store = harness.cscartJdbc();
        assertThat(jobs.run("orderExportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobs.run("paymentExportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Long> linked = app.getBean(JdbcTemplate.class).queryForList(
                "SELECT CAST(cscart_id AS BIGINT) FROM sync_link WHERE entity = 'PAYMENT' AND xero_id IS NOT NULL", Long.class);
        return OrderEdits.editable(store, "'P','C'").stream().filter(linked::contains).toList();
    }

    private SandboxInvoice invoice(long orderId) {
        return harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + orderId)).findFirst().orElseThrow();
    }

    /** Every payment of the invoice (GET /Payments), deleted ones too. */
    private List<JsonNode> paymentsOf(long orderId) {
        List<JsonNode> found = new ArrayList<>();
        new XeroUser(harness.sandbox).get("/Payments").path("Payments").forEach(p -> {
            if (p.path("Invoice").path("InvoiceNumber").asString().equals("CS-" + orderId)) {
                found.add(p);
            }
        });
        return found;
    }

    private String paymentLink(long orderId) {
        List<String> ids = app.getBean(JdbcTemplate.class).queryForList(
                "SELECT xero_id FROM sync_link WHERE entity = 'PAYMENT' AND cscart_id = ?", String.class, Long.toString(orderId));
        return ids.isEmpty() ? null : ids.get(0);
    }

    private long calls(String method, String pathPart, long since) {
        List<RecordedRequest> requests = harness.sandbox.stats().requests();
        return requests.subList((int) since, requests.size()).stream()
                .filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    @Test
    void anEditedPaidOrderIsUnpaidUpdatedAndPaidAgainOnceAndAHandPaidOneIsLeftWithAnErrorRow() {
        List<Long> editable = paidStore(120, 81L);
        assertThat(editable).hasSizeGreaterThanOrEqualTo(6);
        List<Long> edited = editable.subList(0, 5);
        Map<Long, JsonNode> before = new HashMap<>();
        Map<Long, BigDecimal> newTotals = new HashMap<>();
        for (long id : edited) {
            before.put(id, paymentsOf(id).get(0));
            newTotals.put(id, OrderEdits.addOne(store, id, 1_900_000_000L));
        }
        // one invoice paid by hand in Xero: an order of the unmapped bank transfer (4), paid in full there, then edited
        long handPaid = OrderEdits.editable(store, "'P','C'").stream().filter(id -> paymentLink(id) == null
                && harness.sandbox.invoices().stream().anyMatch(i -> i.invoiceNumber().equals("CS-" + id))).findFirst().orElseThrow();
        SandboxInvoice handInvoice = invoice(handPaid);
        harness.sandbox.pay(handInvoice.invoiceId(), handInvoice.total());
        OrderEdits.addOne(store, handPaid, 1_900_000_000L);
        int requestsBefore = harness.sandbox.stats().requests().size();

        JobLaunchService.Outcome outcome = jobs.run("orderExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (long id : edited) {
            SandboxInvoice invoice = invoice(id);
            assertThat(invoice.total()).as("order %s", id).isEqualByComparingTo(newTotals.get(id));
            assertThat(invoice.status()).as("order %s", id).isEqualTo("PAID");
            assertThat(invoice.amountDue()).isEqualByComparingTo("0.00");
            List<JsonNode> payments = paymentsOf(id);
            assertThat(payments).extracting(p -> p.path("Status").asString()).containsExactlyInAnyOrder("DELETED", "AUTHORISED");
            JsonNode old = before.get(id);
            JsonNode now = payments.stream().filter(p -> p.path("Status").asString().equals("AUTHORISED")).findFirst().orElseThrow();
            assertThat(now.path("Amount").decimalValue()).isEqualByComparingTo(newTotals.get(id));
            assertThat(now.path("Account").path("Code").asString()).isEqualTo(old.path("Account").path("Code").asString());
            assertThat(now.path("Date").asString()).isEqualTo(old.path("Date").asString());
            assertThat(now.path("Reference").asString()).isEqualTo(old.path("Reference").asString()).startsWith("CS-Cart order " + id + " (");
            assertThat(paymentLink(id)).isEqualTo(now.path("PaymentID").asString());
        }
        // calls: one delete per payment, one POST for the updates, one PUT for the payments made again
        assertThat(calls("POST", "/Payments/", requestsBefore)).isEqualTo(5);
        assertThat(calls("POST", "/Invoices", requestsBefore)).isEqualTo(1);
        assertThat(calls("PUT", "/Payments", requestsBefore)).isEqualTo(1);
        List<RecordedRequest> puts = harness.sandbox.stats().requests().stream()
                .filter(r -> r.method().equals("PUT") && r.path().endsWith("/Payments")).toList();
        assertThat(puts.get(puts.size() - 1).body().split("\"Invoice\"").length - 1).isEqualTo(5);
        // the hand-paid invoice is left as it was, with an error row saying what to do
        SandboxInvoice hand = invoice(handPaid);
        assertThat(hand.total()).isEqualByComparingTo(handInvoice.total());
        assertThat(hand.status()).isEqualTo("PAID");
        List<ErrorLog.Row> rows = app.getBean(ErrorLog.class).find("orderExportJob", outcome.execution().getId(), 100);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.cscartId()).isEqualTo(Long.toString(handPaid));
            assertThat(row.message()).contains("paid in Xero by hand").contains("Remove the payment in Xero");
        });
        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);

        // nothing left to do: neither job sends anything again
        long writes = harness.sandbox.stats().writeCalls();
        jobs.run("orderExportJob", Map.of());
        jobs.run("paymentExportJob", Map.of());
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
    }

    @Test
    void aPaidOrderCancelledIntoAVoidStatusLosesItsPaymentBeforeItsInvoiceIsVoided() {
        List<Long> paid = paidStore(80, 82L);
        List<Long> voiding = paid.subList(0, 3);
        long handPaid = OrderEdits.editable(store, "'P','C'").stream().filter(id -> paymentLink(id) == null
                && harness.sandbox.invoices().stream().anyMatch(i -> i.invoiceNumber().equals("CS-" + id))).findFirst().orElseThrow();
        harness.sandbox.pay(invoice(handPaid).invoiceId(), invoice(handPaid).total());
        List<Long> cancelled = new ArrayList<>(voiding);
        cancelled.add(handPaid);
        Refunds.cancel(store, ConnectorHarness.PREFIX, cancelled, "I", 1_900_000_000L);
        int requestsBefore = harness.sandbox.stats().requests().size();

        JobLaunchService.Outcome outcome = jobs.run("orderDeleteJob", Map.of("statuses", "I"));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (long id : voiding) {
            assertThat(invoice(id).status()).as("order %s", id).isEqualTo("VOIDED");
            assertThat(paymentsOf(id)).extracting(p -> p.path("Status").asString()).containsExactly("DELETED");
            assertThat(paymentLink(id)).isNull();
        }
        assertThat(calls("POST", "/Payments/", requestsBefore)).isEqualTo(3);
        assertThat(calls("POST", "/Invoices", requestsBefore)).isEqualTo(1);
        assertThat(invoice(handPaid).status()).isEqualTo("PAID");
        List<ErrorLog.Row> rows = app.getBean(ErrorLog.class).find("orderDeleteJob", outcome.execution().getId(), 100);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.cscartId()).isEqualTo(Long.toString(handPaid));
            assertThat(row.message()).contains("paid in Xero by hand").contains("Remove the payment in Xero");
        });
        // a second run: the voided ones are done (their links gone), the hand-paid one is refused again
        long writes = harness.sandbox.stats().writeCalls();
        jobs.run("orderDeleteJob", Map.of("statuses", "I"));
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
    }
}
