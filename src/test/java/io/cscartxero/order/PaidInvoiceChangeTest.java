package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.XeroPayments.InvoiceState;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.LineItem;
import io.cscartxero.xero.model.PayableInvoice;
import io.cscartxero.xero.model.Payment;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * {@link PaidInvoiceChange}: what it decides from Xero's state and the PAYMENT link alone, and the calls it makes, in
 * order - payment removals one by one, then (after the writer's update) one PUT paying again - with the links moved.
 */
class PaidInvoiceChangeTest {

    static final String INV = "00000000-0000-0000-0000-00000000000a";

    static LineItem line(String id, String description, String qty, String unit, String tax) {
        return new LineItem(id, description, new BigDecimal(qty), new BigDecimal(unit), "SKU-1", "200", "OUTPUT",
                tax == null ? null : new BigDecimal(tax), null, null);
    }

    static Invoice invoice(String date, BigDecimal total, LineItem... lines) {
        Invoice request = Invoice.request(INV, "CS-7", "7", "contact", date, "2026-01-20", "AUTHORISED", "Exclusive", "USD", List.of(lines));
        return new Invoice(request.type(), INV, "CS-7", "7", request.contact(), date, request.dueDate(), request.status(),
                "Exclusive", "USD", List.of(lines), null, null, total, null, null, null, null, null);
    }

    static Payment payment(String id, String reference, String amount) {
        return new Payment(id, null, null, "/Date(1767225600000+0000)/", new BigDecimal(amount), reference, "AUTHORISED", null, null);
    }

    static InvoiceState state(Invoice current, String status, String due, BigDecimal credited, Payment... payments) {
        return new InvoiceState(current, new PayableInvoice(INV, "CS-7", status, current.total(), new BigDecimal(due),
                current.total().subtract(new BigDecimal(due)), "USD", List.of(payments)), credited);
    }

    static final Invoice PAID = invoice("/Date(1767225600000+0000)/", new BigDecimal("22.00"), line("L1", "Mug", "2", "10.00", "2.00"));
    static final Payment OURS = payment("p-ours", "CS-Cart order 7 (paid 2026-01-01, status log)", "22.00");
    static final Payment THEIRS = payment("p-hand", "bank deposit", "22.00");
    static final SyncLink LINK = SyncLink.synced("PAYMENT", "7", "p-ours", "CS-7", "h");

    @Test
    void decidesFromXerosStateAndTheLinkOnly() {
        Invoice moreMugs = invoice("2026-01-01", null, line("L1", "Mug", "3", "10.00", "3.00"));
        Invoice renamed = invoice("2026-01-01", null, line("L1", "Mug (blue)", "2", "10.00", "2.00"));
        InvoiceState paidByUs = state(PAID, "PAID", "0.00", BigDecimal.ZERO, OURS);
        InvoiceState paidByHand = state(PAID, "PAID", "0.00", BigDecimal.ZERO, THEIRS);
        InvoiceState unpaid = state(PAID, "AUTHORISED", "22.00", BigDecimal.ZERO);
        InvoiceState credited = state(PAID, "AUTHORISED", "12.00", BigDecimal.TEN);

        assertThat(PaidInvoiceChange.plan(7, moreMugs, new BigDecimal("33.00"), paidByUs, LINK).action())
                .isEqualTo(PaidInvoiceChange.Action.REPLACE);
        assertThat(PaidInvoiceChange.plan(7, renamed, new BigDecimal("22.00"), paidByUs, LINK).action())
                .as("a change Xero takes on a paid invoice").isEqualTo(PaidInvoiceChange.Action.UPDATE);
        PaidInvoiceChange.Plan leave = PaidInvoiceChange.plan(7, moreMugs, new BigDecimal("33.00"), paidByHand, null);
        assertThat(leave.action()).isEqualTo(PaidInvoiceChange.Action.LEAVE);
        assertThat(leave.message()).contains("CS-7 was paid in Xero by hand (payment p-hand of 22.00 on 2026-01-01")
                .contains("Remove the payment in Xero");
        assertThat(PaidInvoiceChange.plan(7, renamed, new BigDecimal("22.00"), paidByHand, null).action()).isEqualTo(PaidInvoiceChange.Action.UPDATE);
        assertThat(PaidInvoiceChange.plan(7, moreMugs, new BigDecimal("33.00"), credited, null).message()).contains("credit note allocated");
        // removed before a crash: the link names a payment no longer on the invoice
        assertThat(PaidInvoiceChange.plan(7, moreMugs, new BigDecimal("33.00"), unpaid, LINK).action())
                .isEqualTo(PaidInvoiceChange.Action.CHECK_REPAY);
        assertThat(PaidInvoiceChange.plan(7, moreMugs, new BigDecimal("33.00"), unpaid,
                SyncLink.synced("PAYMENT", "7", null, "nothing due", "h")).action()).isEqualTo(PaidInvoiceChange.Action.UPDATE);
        assertThat(PaidInvoiceChange.plan(7, moreMugs, new BigDecimal("33.00"), unpaid, null).action()).isEqualTo(PaidInvoiceChange.Action.UPDATE);
        // another order's payment is not ours ("CS-Cart order 70 (" does not start with "CS-Cart order 7 (")
        assertThat(XeroPayments.isOrderPayment(payment("x", "CS-Cart order 70 (paid 2026-01-01, order date)", "1"), 7)).isFalse();
    }

    @Test
    void amountsChangeWhenQuantitiesPricesTaxLinesOrTheDateDo() {
        BigDecimal total = new BigDecimal("22.00");
        assertThat(PaidInvoiceChange.changesAmounts(PAID, invoice("2026-01-01", null, line("L1", "Mug", "2", "10.00", "2.00")), total)).isFalse();
        assertThat(PaidInvoiceChange.changesAmounts(PAID, invoice("2026-01-01", null, line("L1", "Cup", "2", "10.00", "2.00")), total))
                .as("description").isFalse();
        assertThat(PaidInvoiceChange.changesAmounts(PAID, invoice("2026-01-01", null, line("L1", "Mug", "2", "10.00", "2.01")), total))
                .as("tax").isTrue();
        assertThat(PaidInvoiceChange.changesAmounts(PAID, invoice("2026-01-02", null, line("L1", "Mug", "2", "10.00", "2.00")), total))
                .as("date").isTrue();
        assertThat(PaidInvoiceChange.changesAmounts(PAID, invoice("2026-01-01", null, line(null, "Mug", "2", "10.00", "2.00"),
                line(null, "Shipping", "1", "0.00", null)), total)).as("a line more").isTrue();
        assertThat(PaidInvoiceChange.changesAmounts(PAID, invoice("2026-01-01", null, line("L1", "Mug", "2", "10.00", "2.00")),
                new BigDecimal("23.00"))).as("total").isTrue();
    }

    /** Xero's payments: records every call; deletes and payments succeed unless told otherwise. */
    static final class Payments extends XeroPayments {
        final List<String> calls = new ArrayList<>();
        final Map<String, Payment> byId = new HashMap<>();
        boolean refuseDelete;
        boolean refusePayment;

        Payments() {
            super(null);
        }

        @Override
        public Result delete(String paymentId) {
            calls.add("DELETE " + paymentId);
            Payment request = new Payment(null, null, null, null, null, null, "DELETED", null, null);
            if (refuseDelete) {
                return new Result(request, null, ElementResult.rejected(request, List.of("Payment is reconciled")));
            }
            Payment deleted = new Payment(paymentId, null, new Payment.AccountRef("091"), "/Date(1767225600000+0000)/",
                    new BigDecimal("22.00"), OURS.reference(), "DELETED", null, null);
            byId.put(paymentId, deleted);
            return new Result(request, deleted, ElementResult.accepted(request, paymentId));
        }

        @Override
        public Payment byId(String paymentId) {
            calls.add("GET " + paymentId);
            return byId.get(paymentId);
        }

        @Override
        public List<Result> create(List<Payment> payments, String keyContext) {
            calls.add("PUT " + payments.size() + " " + keyContext);
            return payments.stream().map(p -> refusePayment
                    ? new Result(p, null, ElementResult.<Payment>rejected(p, List.of("Account type is invalid for making a payment to/from")))
                    : new Result(p, p, ElementResult.accepted(p, "p-new"))).toList();
        }
    }

    private final ConnectorDb db = new ConnectorDb();
    private final Payments payments = new Payments();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("orderExportJob", 1L, 71L), "orderExportStep", 5L);
    private final PaidInvoiceChange change = new PaidInvoiceChange(payments, db.links, db.errorLog, ConnectorDb.TENANT, step);

    private InvoiceSyncItem edited() {
        OrderRow row = new OrderRow(7, 1, "P", 0, "a@example.com", "A", "B", "", "", null, null, null, null);
        return new InvoiceSyncItem(row, invoice("2026-01-01", null, line("L1", "Mug", "3", "10.00", "3.00")), new BigDecimal("33.00"), "new");
    }

    private Invoice saved(String total) {
        return invoice("/Date(1767225600000+0000)/", new BigDecimal(total), line("L1", "Mug", "3", "10.00", "3.00"));
    }

    @Test
    void removesOurPaymentThenPaysTheNewAmountDueAgainOnTheSameAccountDateAndReference() {
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(LINK));
        InvoiceSyncItem item = edited();

        PaidInvoiceChange.Prepared prepared = change.removePayments(List.of(item), Map.of(INV, state(PAID, "PAID", "0.00", BigDecimal.ZERO, OURS)));
        assertThat(payments.calls).containsExactly("DELETE p-ours");
        assertThat(prepared.toUpdate).containsExactly(item);
        change.payAgain(prepared, Map.of("7", item), Map.of(INV, saved("33.00")));

        assertThat(payments.calls).containsExactly("DELETE p-ours", "PUT 1 replaces p-ours");
        assertThat(db.links("PAYMENT").get("7").xeroId()).isEqualTo("p-new");
        assertThat(db.errors()).isEmpty();
    }

    @Test
    void anOrderEditedDownToNothingDueIsNotPaidAgainAndRemembersSo() {
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(LINK));
        InvoiceSyncItem item = edited();

        PaidInvoiceChange.Prepared prepared = change.removePayments(List.of(item), Map.of(INV, state(PAID, "PAID", "0.00", BigDecimal.ZERO, OURS)));
        change.payAgain(prepared, Map.of("7", item), Map.of(INV, saved("0.00")));

        assertThat(payments.calls).containsExactly("DELETE p-ours");
        SyncLink link = db.links("PAYMENT").get("7");
        assertThat(link.xeroId()).isNull();
        assertThat(link.xeroKey()).isEqualTo("nothing due");
    }

    @Test
    void afterACrashBetweenTheRemovalAndTheUpdateTheRemovedPaymentIsReadAndPaidAgain() {
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(LINK));
        payments.delete("p-ours");   // the killed run's removal
        payments.calls.clear();
        InvoiceSyncItem item = edited();

        PaidInvoiceChange.Prepared prepared = change.removePayments(List.of(item), Map.of(INV, state(PAID, "AUTHORISED", "22.00", BigDecimal.ZERO)));
        change.payAgain(prepared, Map.of("7", item), Map.of(INV, saved("33.00")));

        assertThat(payments.calls).containsExactly("GET p-ours", "PUT 1 replaces p-ours");
        assertThat(db.links("PAYMENT").get("7").xeroId()).isEqualTo("p-new");
    }

    @Test
    void afterACrashBeforeTheLinksCommittedTheNewPaymentIsLinkedNotMadeAgain() {
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(LINK));
        Payment made = payment("p-new", OURS.reference(), "33.00");
        InvoiceSyncItem item = edited();
        Invoice updated = saved("33.00");

        PaidInvoiceChange.Prepared prepared = change.removePayments(List.of(item), Map.of(INV, state(updated, "PAID", "0.00", BigDecimal.ZERO, made)));
        change.payAgain(prepared, Map.of("7", item), Map.of(INV, updated));

        assertThat(payments.calls).isEmpty();
        assertThat(db.links("PAYMENT").get("7").xeroId()).isEqualTo("p-new");
    }

    @Test
    void aRefusedRemovalLeavesTheInvoiceAndARefusedPaymentLeavesItToPaymentExportJob() {
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(LINK));
        payments.refuseDelete = true;
        PaidInvoiceChange.Prepared refused = change.removePayments(List.of(edited()), Map.of(INV, state(PAID, "PAID", "0.00", BigDecimal.ZERO, OURS)));
        assertThat(refused.toUpdate).isEmpty();
        assertThat(refused.refused.values()).singleElement().asString().contains("Xero refused to remove").contains("Payment is reconciled");

        payments.refuseDelete = false;
        payments.refusePayment = true;
        InvoiceSyncItem item = edited();
        PaidInvoiceChange.Prepared prepared = change.removePayments(List.of(item), Map.of(INV, state(PAID, "PAID", "0.00", BigDecimal.ZERO, OURS)));
        change.payAgain(prepared, Map.of("7", item), Map.of(INV, saved("33.00")));

        assertThat(db.links("PAYMENT")).doesNotContainKey("7");
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.entity()).isEqualTo("PAYMENT");
            assertThat(row.message()).contains("refused to pay it again").contains("paymentExportJob pays it on its next run");
        });
    }
}
