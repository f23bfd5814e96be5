package io.cscartxero.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.JobLaunchService;
import io.cscartxero.sandbox.SandboxCreditNote;
import io.cscartxero.sandbox.SandboxInvoice;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.testsupport.ConnectorHarness;
import io.cscartxero.testsupport.Refunds;
import io.cscartxero.testsupport.StoreGenerator;
import io.cscartxero.testsupport.StoreTaxes;
import io.cscartxero.testsupport.XeroUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * refundExportJob, full cancellations: a paid order cancelled in CS-Cart becomes one credit note with its invoice's
 * lines, allocated to the invoice when it is unpaid in Xero and paid out when it was paid.
 */
class RefundExportJobTest {

    private ConnectorHarness harness;
    private ConfigurableApplicationContext app;

    @AfterEach
    void close() {
        if (harness != null) harness.close();
    }

    private void store(int orders, long seed) {
        harness = ConnectorHarness.start();
        StoreGenerator.populateStore(harness.cscart.dataSource(), ConnectorHarness.PREFIX, 40, 30, orders, seed);
        StoreTaxes.mapped(harness);
        app = harness.startApp();
        JobLaunchService.Outcome invoiced = ConnectorHarness.jobs(app).run("orderExportJob", Map.of());
        assertThat(invoiced.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private JobLaunchService.Outcome refunds() {
        return ConnectorHarness.jobs(app).run("refundExportJob", Map.of());
    }

    private static StepExecution step(JobLaunchService.Outcome outcome) {
        return outcome.execution().getStepExecutions().stream().filter(s -> s.getStepName().equals("refundExportStep"))
                .findFirst().orElseThrow();
    }

    private Map<String, SandboxInvoice> invoices() {
        return harness.sandbox.invoices().stream().collect(Collectors.toMap(SandboxInvoice::invoiceNumber,
                Function.identity()));
    }

    private Map<String, SandboxCreditNote> creditNotes() {
        return harness.sandbox.creditNotes().stream().collect(Collectors.toMap(SandboxCreditNote::creditNoteNumber,
                Function.identity()));
    }

    /** Pays an invoice in full as someone would in Xero (into the bank account 090). */
    private void payInXero(SandboxInvoice invoice) {
        new XeroUser(harness.sandbox).put("/Payments", "{\"Payments\":[{\"Invoice\":{\"InvoiceID\":\""
                + invoice.invoiceId() + "\"},\"Account\":{\"Code\":\"090\"},\"Date\":\"2026-01-02\",\"Amount\":"
                + invoice.amountDue().toPlainString() + "}]}");
    }

    private List<Long> invoicedOrders(int count) {
        return invoices().keySet().stream().map(n -> Long.valueOf(n.substring(3))).sorted().limit(count).toList();
    }

    @Test
    void cancelledPaidOrdersAreCreditedToTheCentAllocatedWhenUnpaidAndPaidOutWhenPaid() {
        store(300, 71L);
        List<Long> cancelled = invoicedOrders(120);
        assertThat(cancelled).hasSize(120);
        List<Long> paidInXero = cancelled.stream().filter(id -> id % 2 == 0).toList();
        Map<String, SandboxInvoice> before = invoices();
        paidInXero.forEach(id -> payInXero(before.get("CS-" + id)));
        Refunds.cancel(harness.cscartJdbc(), ConnectorHarness.PREFIX, cancelled, "I", 1_767_300_000L);
        // an order cancelled that CS-Cart never saw paid is not a refund (orderDeleteJob voids its invoice)
        long neverPaid = harness.cscartJdbc().queryForObject("SELECT MIN(order_id) FROM cscart_orders WHERE status = 'O'",
                Long.class);
        Refunds.logStatus(harness.cscartJdbc(), ConnectorHarness.PREFIX, neverPaid, "O", "I", 1_767_300_000L);
        harness.cscartJdbc().update("UPDATE cscart_orders SET status = 'I' WHERE order_id = ?", neverPaid);
        long callsBefore = harness.sandbox.stats().totalCalls();
        int requestsBefore = harness.sandbox.stats().requests().size();

        JobLaunchService.Outcome outcome = refunds();

        assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<ErrorLog.Row> errors = app.getBean(ErrorLog.class).find("refundExportJob", null, 100);
        assertThat(errors).extracting(ErrorLog.Row::message).isEmpty();
        assertThat(step(outcome).getWriteCount()).isEqualTo(120);
        long calls = harness.sandbox.stats().totalCalls() - callsBefore;
        Map<String, Long> byCall = harness.sandbox.stats().requests().stream().skip(requestsBefore)
                .collect(Collectors.groupingBy(r -> r.method() + " " + r.path().replaceAll("[0-9a-f-]{36}", "{id}")
                        .replaceAll(".*/api.xro/2.0", ""), java.util.TreeMap::new, Collectors.counting()));
        System.out.printf("refundExportJob: 120 credit notes (%d allocated, %d paid out) in %d calls, %.2f per record:"
                + " %s%n", 120 - paidInXero.size(), paidInXero.size(), calls, calls / 120.0, byCall);
        // per chunk of 50: the invoices and the credit notes by number read 40 a call, the credit notes written in
        // one call, the payments to refund from read in one call, the refunds in one call; per record one allocation
        assertThat(byCall).containsEntry("PUT /CreditNotes", 3L).containsEntry("PUT /Payments", 3L)
                .containsEntry("GET /Invoices", 5L).containsEntry("GET /CreditNotes", 5L)
                .containsEntry("PUT /CreditNotes/{id}/Allocations", (long) (120 - paidInXero.size()))
                .containsEntry("GET /Payments", 3L).doesNotContainKey("GET /Payments/{id}");
        Map<String, SandboxInvoice> after = invoices();
        Map<String, SandboxCreditNote> credits = creditNotes();
        assertThat(credits).hasSize(120);
        for (long id : cancelled) {
            SandboxInvoice invoice = after.get("CS-" + id);
            SandboxCreditNote credit = credits.get("CN-" + id);
            assertThat(credit).as("credit note of order %s", id).isNotNull();
            assertThat(credit.type()).isEqualTo("ACCRECCREDIT");
            assertThat(credit.contactId()).isEqualTo(invoice.contactId());
            assertThat(credit.total()).as("total of CN-%s", id).isEqualByComparingTo(invoice.total());
            assertThat(credit.totalTax()).as("tax of CN-%s", id).isEqualByComparingTo(invoice.totalTax());
            assertThat(credit.subTotal()).isEqualByComparingTo(invoice.subTotal());
            assertThat(credit.lines()).hasSameSizeAs(invoice.lines());
            assertThat(credit.remainingCredit()).isEqualByComparingTo("0");
            assertThat(credit.status()).isEqualTo("PAID");
            if (paidInXero.contains(id)) {
                assertThat(credit.refunded()).as("CN-%s paid out", id).isEqualByComparingTo(invoice.total());
                assertThat(credit.allocated()).isEqualByComparingTo("0");
                assertThat(invoice.amountPaid()).isEqualByComparingTo(invoice.total());
            } else {
                assertThat(credit.allocated()).as("CN-%s allocated", id).isEqualByComparingTo(invoice.total());
                assertThat(credit.refunded()).isEqualByComparingTo("0");
                assertThat(invoice.amountCredited()).isEqualByComparingTo(invoice.total());
            }
            assertThat(invoice.amountDue()).isEqualByComparingTo("0");
            assertThat(invoice.status()).isEqualTo("PAID");
        }
        assertThat(credits).doesNotContainKey("CN-" + neverPaid);
        // every credit note of a chunk in one call
        assertThat(harness.sandbox.stats().requests().stream().filter(r -> r.path().endsWith("/CreditNotes")
                && r.method().equals("PUT"))).hasSize(3)
                .allMatch(r -> r.body().split("\"CreditNoteNumber\"").length - 1 <= 50);

        // a re-run sends nothing and reads nothing
        long total = harness.sandbox.stats().totalCalls();
        JobLaunchService.Outcome again = refunds();
        assertThat(step(again).getReadCount()).isZero();
        assertThat(harness.sandbox.stats().totalCalls()).isEqualTo(total);
    }

    @Test
    void aRunThatDiedBeforeItsCommitMakesNoSecondCreditNote() {
        store(120, 72L);
        List<Long> cancelled = invoicedOrders(6);
        Refunds.cancel(harness.cscartJdbc(), ConnectorHarness.PREFIX, cancelled, "I", 1_767_300_000L);
        Map<String, SandboxInvoice> invoices = invoices();

        // died after Xero made the first credit note, before it was allocated and linked: the same element as the
        // job sends, in Xero without a link
        SandboxInvoice first = invoices.get("CS-" + cancelled.get(0));
        new XeroUser(harness.sandbox).put("/CreditNotes", "{\"CreditNotes\":[{\"Type\":\"ACCRECCREDIT\","
                + "\"Contact\":{\"ContactID\":\"" + first.contactId() + "\"},\"CreditNoteNumber\":\"CN-"
                + cancelled.get(0) + "\",\"Status\":\"AUTHORISED\",\"LineAmountTypes\":\"" + first.lineAmountTypes()
                + "\",\"LineItems\":[" + first.lines().stream().map(l -> "{\"Description\":\"" + l.description()
                        .replace("\"", "\\\"") + "\",\"Quantity\":" + l.quantity() + ",\"UnitAmount\":" + l.unitAmount()
                        + ",\"AccountCode\":\"" + l.accountCode() + "\",\"TaxType\":\"" + l.taxType()
                        + "\",\"TaxAmount\":" + l.taxAmount() + "}").collect(Collectors.joining(",")) + "]}]}");
        assertThat(harness.sandbox.creditNotes()).hasSize(1);

        JobLaunchService.Outcome outcome = refunds();
        assertThat(app.getBean(ErrorLog.class).find("refundExportJob", null, 100)).extracting(ErrorLog.Row::message)
                .isEmpty();
        assertThat(step(outcome).getWriteCount()).isEqualTo(6);
        assertThat(harness.sandbox.creditNotes()).hasSize(6);
        assertThat(invoices().get("CS-" + cancelled.get(0)).amountDue()).isEqualByComparingTo("0");
        assertThat(creditNotes().get("CN-" + cancelled.get(0)).remainingCredit()).isEqualByComparingTo("0");

        // died after everything was settled, before the links committed: found by number, nothing sent again
        app.getBean(JdbcTemplate.class).update("DELETE FROM sync_link WHERE entity = 'CREDIT_NOTE'");
        long writes = harness.sandbox.stats().writeCalls();
        JobLaunchService.Outcome rerun = refunds();
        assertThat(step(rerun).getWriteCount()).isEqualTo(6);
        assertThat(harness.sandbox.stats().writeCalls()).as("no write call").isEqualTo(writes);
        assertThat(harness.sandbox.creditNotes()).hasSize(6);
        assertThat(invoices().values()).filteredOn(i -> cancelled.contains(Long.valueOf(i.invoiceNumber().substring(3))))
                .allMatch(i -> i.amountDue().signum() == 0 && i.amountCredited().compareTo(i.total()) == 0);
    }

    @Test
    void aPartlyPaidInvoiceIsCreditedAndRefundedInPartsAndAVoidedOneIsNotCredited() {
        store(120, 73L);
        List<Long> cancelled = invoicedOrders(2);
        long partly = cancelled.get(0);
        long voided = cancelled.get(1);
        Map<String, SandboxInvoice> before = invoices();
        SandboxInvoice part = before.get("CS-" + partly);
        BigDecimal half = part.total().divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
        new XeroUser(harness.sandbox).put("/Payments", "{\"Payments\":[{\"Invoice\":{\"InvoiceID\":\""
                + part.invoiceId() + "\"},\"Account\":{\"Code\":\"090\"},\"Amount\":" + half + "}]}");
        new XeroUser(harness.sandbox).post("/Invoices/" + before.get("CS-" + voided).invoiceId(),
                "{\"Invoices\":[{\"Status\":\"VOIDED\"}]}");
        Refunds.cancel(harness.cscartJdbc(), ConnectorHarness.PREFIX, cancelled, "I", 1_767_300_000L);

        JobLaunchService.Outcome outcome = refunds();

        assertThat(outcome.execution().getStatus()).as("%s %s", outcome.message(),
                outcome.execution().getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(outcome).getWriteCount()).as("%s", app.getBean(ErrorLog.class).find("refundExportJob", null,
                100)).isEqualTo(1);
        assertThat(step(outcome).getWriteSkipCount()).isEqualTo(1);
        assertThat(app.getBean(ErrorLog.class).find("refundExportJob", null, 100)).extracting(ErrorLog.Row::message)
                .containsExactly("invoice CS-" + voided + " is VOIDED in Xero: there is nothing to credit");
        assertThat(creditNotes()).containsOnlyKeys("CN-" + partly);
        SandboxCreditNote credit = creditNotes().get("CN-" + partly);
        SandboxInvoice invoice = invoices().get("CS-" + partly);
        assertThat(credit.allocated()).as("what was still due").isEqualByComparingTo(part.total().subtract(half));
        assertThat(credit.refunded()).as("what was paid").isEqualByComparingTo(half);
        assertThat(credit.remainingCredit()).isEqualByComparingTo("0");
        assertThat(invoice.amountDue()).isEqualByComparingTo("0");
        assertThat(invoice.status()).isEqualTo("PAID");

        // the refused one is tried again on the next run (and refused again); the credited one is not
        JobLaunchService.Outcome again = refunds();
        assertThat(step(again).getReadCount()).isEqualTo(1);
        assertThat(creditNotes()).hasSize(1);
    }
}
