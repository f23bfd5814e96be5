package io.cscartxero.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.RecordedRequest;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.XeroUser;
import io.cscartxero.xero.XeroHttp;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.model.Payment;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * paymentExportJob on a generated store whose orders use five payment methods: card (1), phone (2) and PayPal (3)
 * mapped to bank accounts, C.O.D (6) mapped, bank transfer (4) left unmapped.
 */
class PaymentExportJobTest {

    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private ConnectorHarness store(int orders, long seed) {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 40, 30, orders, seed);
        return StoreTaxes.mapped(harness).set("xero.payment-accounts.1", "090").set("xero.payment-accounts.2", "090")
                .set("xero.payment-accounts.3", "091").set("xero.payment-accounts.6", "090");
    }

    private static StepExecution step(JobLaunchService.Outcome outcome) {
        return outcome.execution().getStepExecutions().iterator().next();
    }

    private List<RecordedRequest> paymentPuts() {
        return harness.sandbox.stats().requests().stream().filter(r -> r.method().equals("PUT") && r.path().endsWith("/Payments")).toList();
    }

    /** Every payment in the sandbox (GET /Payments, unpaged), as JSON. */
    private List<JsonNode> payments() {
        List<JsonNode> all = new ArrayList<>();
        new XeroUser(harness.sandbox).get("/Payments").path("Payments").forEach(all::add);
        return all;
    }

    private static int paymentsIn(RecordedRequest put) {
        return put.body().split("\"Invoice\"").length - 1;
    }

    @Test
    void everyPaidOrderIsPaidOnceOnItsMethodsAccountAndUnmappedMethodsAreListedOnce() {
        // -Dpayment.orders=10000 for the 10,000-order store (about 2 minutes more)
        ConfigurableApplicationContext app = store(Integer.getInteger("payment.orders", 1000), 71L).startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JdbcTemplate store = harness.cscartJdbc();
        assertThat(jobs.run("orderExportJob", Map.of()).execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);

        JobLaunchService.Outcome outcome = jobs.run("paymentExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                .collect(Collectors.toMap(SandboxInvoice::invoiceNumber, Function.identity()));
        List<Map<String, Object>> paid = store.queryForList("SELECT order_id, payment_id, timestamp FROM cscart_orders "
                + "WHERE is_parent_order <> 'Y' AND status IN ('P','C')");
        int paidInXero = 0;
        int unmapped = 0;
        for (Map<String, Object> order : paid) {
            SandboxInvoice invoice = invoices.get("CS-" + order.get("order_id"));
            if (invoice == null) {
                continue;   // refused by the order export (bad data): nothing to pay
            }
            long method = ((Number) order.get("payment_id")).longValue();
            if (method == 4) {
                unmapped++;
                if (invoice.total().signum() > 0) {
                    assertThat(invoice.status()).as("bank transfer order %s", order.get("order_id")).isEqualTo("AUTHORISED");
                }
            } else {
                paidInXero++;
                assertThat(invoice.amountDue()).as("order %s", order.get("order_id")).isEqualByComparingTo("0.00");
                if (invoice.total().signum() > 0) {
                    assertThat(invoice.status()).as("order %s", order.get("order_id")).isEqualTo("PAID");
                    assertThat(invoice.amountPaid()).isEqualByComparingTo(invoice.total());
                }
            }
        }
        assertThat(paidInXero).isGreaterThan(500);
        assertThat(unmapped).isGreaterThan(50);
        // one payment per paid invoice, on the method's account, dated and referenced from the status log or the order
        List<JsonNode> payments = payments();
        Map<String, List<JsonNode>> byInvoice = payments.stream().collect(Collectors.groupingBy(p -> p.path("Invoice").path("InvoiceNumber").asString()));
        assertThat(byInvoice.values()).allMatch(l -> l.size() == 1);
        long positive = paid.stream().filter(o -> ((Number) o.get("payment_id")).longValue() != 4)
                .map(o -> invoices.get("CS-" + o.get("order_id"))).filter(i -> i != null && i.total().signum() > 0).count();
        assertThat(payments).hasSize((int) positive);
        Map<Long, Long> loggedPaid = new HashMap<>();
        store.query("SELECT timestamp, content FROM cscart_logs WHERE type = 'orders' AND action = 'status' ORDER BY timestamp, log_id", rs -> {
            StatusLog.Change change = StatusLog.parse(rs.getString(2));
            if (change != null && (change.to().equals("Paid") || change.to().equals("Complete"))) {
                loggedPaid.putIfAbsent(change.orderId(), rs.getLong(1));
            }
        });
        int fromLog = 0;
        for (Map<String, Object> order : paid) {
            long id = ((Number) order.get("order_id")).longValue();
            List<JsonNode> those = byInvoice.get("CS-" + id);
            if (those == null) {
                continue;
            }
            JsonNode payment = those.get(0);
            long method = ((Number) order.get("payment_id")).longValue();
            assertThat(payment.path("Account").path("Code").asString()).isEqualTo(method == 3 ? "091" : "090");
            Long at = loggedPaid.get(id);
            String day = Instant.ofEpochSecond(at != null ? at : ((Number) order.get("timestamp")).longValue()).atZone(ZoneOffset.UTC).toLocalDate().toString();
            assertThat(payment.path("Reference").asString()).isEqualTo("CS-Cart order " + id + " (paid " + day + ", "
                    + (at != null ? "status log" : "order date") + ")");
            fromLog += at != null ? 1 : 0;
        }
        assertThat(fromLog).isGreaterThan(payments.size() / 2).isLessThan(payments.size());
        // 50 per call, at least 45 per write call
        List<RecordedRequest> puts = paymentPuts();
        assertThat(puts).allMatch(r -> paymentsIn(r) <= 50).allMatch(r -> r.query() != null && r.query().contains("summarizeErrors=false"));
        assertThat((double) payments.size() / puts.size()).as("payments per write call").isGreaterThanOrEqualTo(45);
        System.out.printf("paid orders %d: %d payments in %d PUT /Payments calls (%.1f per call), %d dated by the status log; "
                + "%d bank-transfer orders left unpaid%n", paid.size(), payments.size(), puts.size(),
                (double) payments.size() / puts.size(), fromLog, unmapped);
        // the unmapped method is listed once: one warning row, not one per order
        List<ErrorLog.Row> rows = app.getBean(ErrorLog.class).find("paymentExportJob", outcome.execution().getId(), 1000);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).entity()).isEqualTo("PAYMENT_METHOD");
        assertThat(rows.get(0).cscartId()).isEqualTo("4");
        assertThat(rows.get(0).message()).startsWith("Warning: " + unmapped + " paid orders of payment method 4 (Bank transfer) left unpaid")
                .contains("xero.payment-accounts.4=");
        assertThat(step(outcome).getWriteSkipCount()).isZero();
        assertThat(outcome.exitCode()).isZero();

        // a re-run sends nothing, and lists the unmapped method once again
        long writes = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome again = jobs.run("paymentExportJob", Map.of());
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        assertThat(step(again).getReadCount()).isZero();
        assertThat(app.getBean(ErrorLog.class).find("paymentExportJob", again.execution().getId(), 1000)).hasSize(1);
    }

    /** Fails the first PUT /Payments after Xero has saved the payments: a crash between Xero's answer and the commit. */
    static final AtomicBoolean CRASH_AFTER_PUT = new AtomicBoolean();

    @Test
    void aRunKilledBetweenXerosAnswerAndTheCommitPaysOnceAfterTheRestart() {
        store(300, 72L).with(ctx -> ctx.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof XeroPayments && !(bean instanceof CrashingPayments)) {
                    return new CrashingPayments(ctx.getBean(XeroHttp.class));
                }
                return bean;
            }
        }));
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("orderExportJob", Map.of());
        CRASH_AFTER_PUT.set(true);
        JobLaunchService.Outcome crashed = jobs.run("paymentExportJob", Map.of());
        assertThat(crashed.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
        int savedByXero = payments().size();
        assertThat(savedByXero).as("Xero saved the first chunk's payments").isBetween(45, 50);
        app.close();

        ConfigurableApplicationContext restarted = harness.startApp();   // a new process
        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(restarted).restart(crashed.execution().getId());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<JsonNode> payments = payments();
        Map<String, Long> perInvoice = payments.stream().collect(Collectors.groupingBy(p -> p.path("Invoice").path("InvoiceID").asString(), Collectors.counting()));
        assertThat(perInvoice.values()).as("payments per invoice").allMatch(n -> n == 1);
        assertThat(harness.sandbox.invoices().stream().filter(i -> i.status().equals("PAID"))).hasSize(payments.size());
        // the restart linked the first chunk's payments (found on their invoices) and paid the rest
        assertThat(paymentPuts().stream().mapToInt(PaymentExportJobTest::paymentsIn).sum()).as("payments sent in all")
                .isEqualTo(payments.size());
        JdbcTemplate connector = restarted.getBean(JdbcTemplate.class);
        assertThat(connector.queryForObject("SELECT COUNT(*) FROM sync_link WHERE entity = 'PAYMENT' AND xero_id IS NOT NULL", Long.class))
                .isEqualTo(payments.size());
        // and a new run sends nothing
        long writes = harness.sandbox.stats().writeCalls();
        ConnectorHarness.jobs(restarted).run("paymentExportJob", Map.of());
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
    }

    static final class CrashingPayments extends XeroPayments {
        CrashingPayments(XeroHttp http) {
            super(http);
        }

        @Override
        public List<Result> create(List<Payment> payments) {
            List<Result> results = super.create(payments);
            if (CRASH_AFTER_PUT.getAndSet(false)) {
                throw new IllegalStateException("killed after Xero saved " + payments.size() + " payments");
            }
            return results;
        }
    }

    @Test
    void xerosRefusalsBecomeErrorRowsAndTheJobGoesOn() {
        store(200, 73L).set("xero.payment-accounts.6", "200");   // C.O.D → Sales: not a bank account
        ConfigurableApplicationContext app = harness.startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("orderExportJob", Map.of());
        JdbcTemplate store = harness.cscartJdbc();
        // one invoice partly paid by hand in Xero: the connector pays what is still due
        List<Long> card = store.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN ('P','C') "
                + "AND payment_id = 1 AND total > 10 ORDER BY order_id", Long.class);
        SandboxInvoice partly = harness.sandbox.invoices().stream().filter(i -> i.invoiceNumber().equals("CS-" + card.get(0))).findFirst().orElseThrow();
        harness.sandbox.pay(partly.invoiceId(), new BigDecimal("5.00"));

        JobLaunchService.Outcome outcome = jobs.run("paymentExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        List<Long> cod = store.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN ('P','C') "
                + "AND payment_id = 6 AND total > 0", Long.class);
        Map<String, SandboxInvoice> invoices = harness.sandbox.invoices().stream()
                .collect(Collectors.toMap(SandboxInvoice::invoiceNumber, Function.identity()));
        List<Long> codInvoiced = cod.stream().filter(id -> invoices.containsKey("CS-" + id)).toList();
        assertThat(codInvoiced).isNotEmpty();
        List<ErrorLog.Row> rows = app.getBean(ErrorLog.class).find("paymentExportJob", outcome.execution().getId(), 1000).stream()
                .filter(r -> r.entity().equals("PAYMENT")).toList();
        assertThat(rows).extracting(ErrorLog.Row::cscartId).containsExactlyInAnyOrderElementsOf(codInvoiced.stream().map(String::valueOf).toList());
        assertThat(rows).allMatch(r -> r.message().equals("Account type is invalid for making a payment to/from"))
                .allMatch(r -> r.payloadSummary().contains("Account=200"));
        assertThat(step(outcome).getWriteSkipCount()).isEqualTo(codInvoiced.size());
        codInvoiced.forEach(id -> assertThat(invoices.get("CS-" + id).status()).isEqualTo("AUTHORISED"));
        SandboxInvoice after = invoices.get(partly.invoiceNumber());
        assertThat(after.status()).isEqualTo("PAID");
        assertThat(after.amountDue()).isEqualByComparingTo("0.00");
        // the others went through in the same calls
        assertThat(invoices.values().stream().filter(i -> i.status().equals("PAID")).count()).isGreaterThan(50);
    }

    @Test
    void withInvoicesNotAuthorisedNothingIsPaid() {
        ConfigurableApplicationContext app = store(60, 75L).set("xero.invoice-status", "DRAFT").startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("orderExportJob", Map.of());

        JobLaunchService.Outcome outcome = jobs.run("paymentExportJob", Map.of());

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(outcome).getReadCount()).isZero();
        assertThat(paymentPuts()).isEmpty();
        assertThat(harness.sandbox.invoices()).isNotEmpty().allMatch(i -> i.status().equals("DRAFT"));
    }

    @Test
    void ordersAreChosenLikeTheOtherJobsAndOnlyPaidStatusesArePaid() {
        ConfigurableApplicationContext app = store(150, 76L).startApp();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        JdbcTemplate store = harness.cscartJdbc();
        jobs.run("orderExportJob", Map.of("statuses", "P,C,O"));
        List<Long> paidCard = store.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order <> 'Y' AND status IN ('P','C') "
                + "AND payment_id = 1 AND total > 0 ORDER BY order_id", Long.class);
        String two = paidCard.get(0) + "," + paidCard.get(1);

        // open orders are invoiced but not paid, whatever statuses says
        JobLaunchService.Outcome open = jobs.run("paymentExportJob", Map.of("statuses", "O"));
        assertThat(step(open).getReadCount()).isZero();
        assertThat(paymentPuts()).isEmpty();
        // orderIds: only those; dryRun: nothing sent
        assertThat(step(jobs.run("paymentExportJob", Map.of("orderIds", two, "dryRun", "true"))).getReadCount()).isEqualTo(2);
        assertThat(paymentPuts()).isEmpty();
        JobLaunchService.Outcome some = jobs.run("paymentExportJob", Map.of("orderIds", two));
        assertThat(step(some).getWriteCount()).isEqualTo(2);
        assertThat(payments()).hasSize(2);
        // a status made paid by the merchant (status_data) counts without any setting
        store.update("INSERT INTO cscart_status_data (status_id, param, value) SELECT status_id, 'payment_received', 'Y' "
                + "FROM cscart_statuses WHERE status = 'O' AND type = 'O'");
        long openInvoiced = store.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order <> 'Y' AND status = 'O' "
                + "AND payment_id <> 4 AND total > 0", Long.class).stream()
                .filter(id -> harness.sandbox.invoices().stream().anyMatch(i -> i.invoiceNumber().equals("CS-" + id))).count();
        long before = payments().size();
        JobLaunchService.Outcome all = jobs.run("paymentExportJob", Map.of("statuses", "O"));
        assertThat(all.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(openInvoiced).isPositive();
        assertThat(payments()).hasSize((int) (before + openInvoiced));
    }
}
