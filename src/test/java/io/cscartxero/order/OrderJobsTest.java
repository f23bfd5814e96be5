package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** orderExportJob and orderDeleteJob: a generated store's orders become invoices that add up to the cent. */
class OrderJobsTest {

    static final String ALL_PLACED = "P,C,O,F,D,B,I";
    private ConnectorHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A store with customers, products and orders, and a Xero organisation whose tax rates match the store's taxes. */
    private ConfigurableApplicationContext store(int orders, long seed) {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 40, 30, orders, seed);
        StoreTaxes.mapped(harness);
        return harness.startApp();
    }

    private static StepExecution step(JobLaunchService.Outcome outcome) {
        // orderExportJob: the invoice step (its buyer step runs before it); the other jobs have one step
        var steps = outcome.execution().getStepExecutions();
        return steps.stream().filter(s -> s.getStepName().equals("orderExportStep")).findFirst().orElse(steps.iterator().next());
    }

    private Map<String, SandboxInvoice> invoicesByNumber() {
        return harness.sandbox.invoices().stream().collect(Collectors.toMap(SandboxInvoice::invoiceNumber, Function.identity()));
    }

    @Test
    void everyInvoiceAddsUpToItsOrderTotalToTheCent() {
        ConfigurableApplicationContext app = store(2500, 61L);
        JdbcTemplate store = harness.cscartJdbc();

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", ALL_PLACED));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<Map<String, Object>> eligible = store.queryForList("SELECT order_id, total, user_id, email FROM cscart_orders "
                + "WHERE is_parent_order <> 'Y' AND status <> 'N' AND status IN ('P','C','O','F','D','B','I')");
        Map<String, SandboxInvoice> invoices = invoicesByNumber();
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("orderExportJob", null, 10_000);
        assertThat(step(outcome).getReadCount()).isEqualTo(eligible.size());
        assertThat(invoices.size() + errors.size()).isEqualTo(eligible.size());
        assertThat(invoices.size()).as("invoiced orders; errors: %s", errors.stream().map(ErrorLog.Row::message).limit(5).toList())
                .isGreaterThanOrEqualTo(eligible.size() * 9 / 10);
        for (Map<String, Object> order : eligible) {
            SandboxInvoice invoice = invoices.get("CS-" + order.get("order_id"));
            if (invoice != null) {
                assertThat(invoice.total()).as("invoice of order %s", order.get("order_id")).isEqualByComparingTo((BigDecimal) order.get("total"));
                assertThat(invoice.type()).isEqualTo("ACCREC");
                assertThat(invoice.status()).isEqualTo("AUTHORISED");
                assertThat(invoice.currencyCode()).isEqualTo("USD");
            }
        }
        assertThat(errors).noneMatch(e -> e.message().contains("differs from the order total"));
        System.out.printf("orders eligible %d, invoiced %d (totals equal to the cent), skipped %d: %s%n", eligible.size(), invoices.size(),
                errors.size(), errors.stream().collect(Collectors.groupingBy(e -> e.message().replaceAll("\\d+", "#")
                        .replaceAll("(.{70}).*", "$1"), Collectors.counting())));
        // parents and incomplete orders never reach Xero
        List<Long> neverSent = store.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order = 'Y' OR status = 'N'", Long.class);
        assertThat(neverSent).isNotEmpty().noneMatch(id -> invoices.containsKey("CS-" + id));
        // one contact per distinct guest e-mail, reused by all that guest's orders
        Set<String> guestEmails = eligible.stream().filter(o -> ((Number) o.get("user_id")).longValue() == 0)
                .filter(o -> invoices.containsKey("CS-" + o.get("order_id")))
                .map(o -> String.valueOf(o.get("email")).strip().toLowerCase()).collect(Collectors.toSet());
        long guestContacts = harness.sandbox.contacts().stream().filter(c -> c.contactNumber().startsWith("cscart-guest-")).count();
        assertThat(guestEmails).isNotEmpty();
        assertThat(guestContacts).isEqualTo(guestEmails.size());
        // batches of at most 50 invoices
        assertThat(harness.sandbox.stats().requests().stream().filter(r -> r.path().endsWith("/Invoices") && !r.method().equals("GET")))
                .allMatch(r -> r.body().split("\"InvoiceNumber\"").length - 1 <= 50);

        // nothing changed: nothing sent
        long writes = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome again = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("statuses", ALL_PLACED));
        assertThat(harness.sandbox.stats().writeCalls()).isEqualTo(writes);
        assertThat(step(again).getWriteCount()).isZero();
    }

    @Test
    void aChangedOrderUpdatesItsInvoiceInPlaceAndACrashedRunIsRecoveredByInvoiceNumber() {
        ConfigurableApplicationContext app = store(120, 62L);
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("orderExportJob", Map.of());
        SandboxInvoice before = harness.sandbox.invoices().get(0);
        long orderId = Long.parseLong(before.invoiceNumber().substring(3));
        harness.cscartJdbc().update("UPDATE cscart_orders SET timestamp = timestamp - 86400 * 3 WHERE order_id = ?", orderId);

        JobLaunchService.Outcome changed = jobs.run("orderExportJob", Map.of());

        assertThat(step(changed).getWriteCount()).isEqualTo(1);
        SandboxInvoice after = invoicesByNumber().get(before.invoiceNumber());
        assertThat(after.invoiceId()).isEqualTo(before.invoiceId());
        assertThat(after.date()).isEqualTo(before.date().minusDays(3));
        assertThat(after.lines()).extracting(l -> l.lineItemId()).containsExactlyElementsOf(before.lines().stream().map(l -> l.lineItemId()).toList());

        // a run that died before linking: the rerun finds the invoices by number instead of duplicating them
        int count = harness.sandbox.invoices().size();
        app.getBean(JdbcTemplate.class).update("DELETE FROM sync_link WHERE entity = 'INVOICE'");
        jobs.run("orderExportJob", Map.of());
        assertThat(harness.sandbox.invoices()).hasSize(count);
        assertThat(harness.sandbox.invoices().stream().map(SandboxInvoice::invoiceNumber).distinct().count()).isEqualTo(count);
    }

    @Test
    void aDryRunCallsNothingAndReportsEveryInvoice() throws Exception {
        ConfigurableApplicationContext app = store(80, 63L);
        // reports go only into the report directory (data/reports by default), under a new name
        String name = "dry-run-" + java.util.UUID.randomUUID() + ".jsonl";
        Path report = app.getBean(io.cscartxero.infra.DataDirectory.class).path().resolve("reports").resolve(name);

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of("dryRun", "true", "report", name));

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(harness.sandbox.stats().totalCalls()).isZero();
        assertThat(Files.readAllLines(report)).hasSize((int) step(outcome).getWriteCount()).allMatch(l -> l.contains("\"InvoiceNumber\":\"CS-"));
        assertThat(step(outcome).getWriteCount()).isPositive();
        Files.delete(report);
    }

    @Test
    void statusesSinceAndOrderIdsChooseTheOrders() {
        ConfigurableApplicationContext app = store(150, 66L);
        JdbcTemplate store = harness.cscartJdbc();
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        long paidOrComplete = store.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE status IN ('P','C') AND is_parent_order <> 'Y'", Long.class);
        long open = store.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE status = 'O' AND is_parent_order <> 'Y'", Long.class);
        long median = store.queryForObject("SELECT timestamp FROM cscart_orders ORDER BY timestamp LIMIT 1 OFFSET 75", Long.class);
        String since = java.time.LocalDate.ofInstant(java.time.Instant.ofEpochSecond(median), java.time.ZoneOffset.UTC).toString();
        long placedSince = store.queryForObject("SELECT COUNT(*) FROM cscart_orders WHERE status IN ('P','C') AND is_parent_order <> 'Y' "
                + "AND timestamp >= UNIX_TIMESTAMP(CONVERT_TZ(?, '+00:00', @@session.time_zone))", Long.class, since + " 00:00:00");

        assertThat(step(jobs.run("orderExportJob", Map.of("dryRun", "true"))).getReadCount()).isEqualTo(paidOrComplete);
        assertThat(step(jobs.run("orderExportJob", Map.of("dryRun", "true", "statuses", "O"))).getReadCount()).isEqualTo(open);
        assertThat(step(jobs.run("orderExportJob", Map.of("dryRun", "true", "since", since))).getReadCount()).isEqualTo(placedSince);
        List<Long> some = store.queryForList("SELECT order_id FROM cscart_orders WHERE is_parent_order <> 'Y' AND status <> 'N' LIMIT 3", Long.class);
        assertThat(step(jobs.run("orderExportJob", Map.of("dryRun", "true", "orderIds",
                some.stream().map(String::valueOf).collect(Collectors.joining(","))))).getReadCount()).isEqualTo(3);
        assertThat(harness.sandbox.stats().totalCalls()).isZero();
    }

    @Test
    void preflightFailuresStopTheRunWithOneClearMessage() {
        ConfigurableApplicationContext app = store(20, 64L);
        harness.cscartJdbc().update("UPDATE cscart_currencies SET is_primary = 'N'");
        harness.cscartJdbc().update("INSERT INTO cscart_currencies (currency_code, is_primary, position, coefficient) VALUES ('JPY', 'Y', 9, 1)");

        JobLaunchService.Outcome outcome = ConnectorHarness.jobs(app).run("orderExportJob", Map.of());

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_USAGE);
        assertThat(outcome.message()).contains("JPY is not enabled");
        assertThat(harness.sandbox.stats().writeCalls()).isZero();
    }

    @Test
    void deletingFollowsXerosStatusRulesIncludingPaidInvoices() {
        ConfigurableApplicationContext app = store(60, 65L);
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("orderExportJob", Map.of());
        List<SandboxInvoice> invoices = harness.sandbox.invoices();
        SandboxInvoice paid = invoices.get(0);
        SandboxInvoice open = invoices.get(1);
        harness.sandbox.pay(paid.invoiceId(), paid.total());
        String ids = paid.invoiceNumber().substring(3) + "," + open.invoiceNumber().substring(3);

        JobLaunchService.Outcome outcome = jobs.run("orderDeleteJob", Map.of("orderIds", ids));

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED_WITH_SKIPS);
        Map<String, SandboxInvoice> after = invoicesByNumber();
        assertThat(after.get(open.invoiceNumber()).status()).isEqualTo("VOIDED");
        assertThat(after.get(paid.invoiceNumber()).status()).isEqualTo("PAID");
        assertThat(app.getBean(ErrorLog.class).find("orderDeleteJob", null, 10)).singleElement()
                .satisfies(e -> assertThat(e.message()).isNotBlank());

        // drafts are deleted
        harness.set("xero.invoice-status", "DRAFT");
        ConfigurableApplicationContext drafts = harness.startApp();
        harness.cscartJdbc().update("UPDATE cscart_orders SET status = 'I' WHERE order_id = ?", Long.parseLong(invoices.get(2).invoiceNumber().substring(3)));
        JobLaunchService.Outcome canceled = ConnectorHarness.jobs(drafts).run("orderDeleteJob", Map.of("statuses", "I"));
        assertThat(canceled.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(invoicesByNumber().get(invoices.get(2).invoiceNumber()).status()).isIn("VOIDED", "DELETED");
    }

    @Test
    void canceledOrdersAreTakenOutFiftyInvoicesPerCall() {
        ConfigurableApplicationContext app = store(400, 67L);
        JobLaunchService jobs = ConnectorHarness.jobs(app);
        jobs.run("orderExportJob", Map.of());   // default statuses P,C
        int exported = harness.sandbox.invoices().size();
        // a fifth of the exported orders canceled in CS-Cart, among many canceled orders that were never exported
        int canceled = harness.cscartJdbc().update("UPDATE cscart_orders SET status = 'I' WHERE status IN ('P','C') AND order_id % 5 = 0");
        long postsBefore = harness.sandbox.stats().calls("POST", "/Invoices");
        long getsBefore = harness.sandbox.stats().calls("GET", "/Invoices");

        JobLaunchService.Outcome outcome = jobs.run("orderDeleteJob", Map.of("statuses", "I"));

        assertThat(outcome.exitCode()).isEqualTo(JobLaunchService.EXIT_COMPLETED);
        Map<String, SandboxInvoice> after = invoicesByNumber();
        assertThat(after.values().stream().filter(i -> i.status().equals("VOIDED")).count()).isEqualTo(canceled);
        assertThat(after.values().stream().filter(i -> i.status().equals("AUTHORISED")).count()).isEqualTo(exported - canceled);
        int calls = (canceled + 49) / 50;
        assertThat(step(outcome).getWriteCount()).isEqualTo(canceled);
        assertThat(harness.sandbox.stats().calls("POST", "/Invoices") - postsBefore).as("status changes, 50 per call").isEqualTo(calls);
        // the current statuses are read 40 ids per GET (Xero's URL length), so a chunk of 50 costs two
        int gets = canceled / 50 * 2 + (canceled % 50 + 39) / 40;
        assertThat(harness.sandbox.stats().calls("GET", "/Invoices") - getsBefore).as("current statuses").isEqualTo(gets);

        // nothing left to take out: a second run reads nothing and calls nothing
        JobLaunchService.Outcome again = jobs.run("orderDeleteJob", Map.of("statuses", "I"));
        assertThat(step(again).getReadCount()).isZero();
        assertThat(harness.sandbox.stats().calls("POST", "/Invoices") - postsBefore).isEqualTo(calls);
    }
}
