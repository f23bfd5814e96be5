package io.cscartxero.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.PayableInvoice;
import io.cscartxero.xero.model.Payment;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * The payment step's writer: one GET and one PUT per chunk; the invoice's amount due is paid; the connector's own
 * payment found on an invoice (a crash before the commit) is linked, not paid again; one paid by hand is linked with a
 * warning; invoices not AUTHORISED and Xero's refusals are error rows and write skips.
 */
class PaymentWriterTest {

    /** Xero holding invoices by id; refuses payments into account 200 as Xero does. */
    static final class Xero extends XeroPayments {
        final Map<String, PayableInvoice> invoices = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Payment> sent = new ArrayList<>();

        Xero() {
            super(null);
        }

        @Override
        public List<PayableInvoice> invoices(Collection<String> ids) {
            calls.add("GET " + ids.size());
            return ids.stream().filter(invoices::containsKey).map(invoices::get).toList();
        }

        @Override
        public List<Result> create(List<Payment> payments) {
            calls.add("PUT " + payments.size());
            sent.addAll(payments);
            return payments.stream().map(p -> "200".equals(p.account().code())
                    ? new Result(p, null, ElementResult.<Payment>rejected(p, List.of("Account type is invalid for making a payment to/from")))
                    : new Result(p, p, ElementResult.accepted(p, "pay-" + p.invoice().invoiceID()))).toList();
        }

        void invoice(String id, String status, String due, Payment... payments) {
            invoices.put(id, new PayableInvoice(id, "CS-" + id.substring(4), status, new BigDecimal("100.00"), new BigDecimal(due),
                    new BigDecimal("100.00").subtract(new BigDecimal(due)), "USD", List.of(payments)));
        }
    }

    private static PaidOrder order(long id, String account) {
        return new PaidOrder(id, 1, "P", "inv-" + id, "CS-" + id, account, LocalDate.of(2026, 1, 2), id % 2 == 0);
    }

    private static Payment existing(String id, String reference) {
        return new Payment(id, null, null, null, new BigDecimal("100.00"), reference, "AUTHORISED", null, null);
    }

    @Test
    void paysTheAmountDueLinksWhatIsAlreadyPaidAndLogsRefusals() {
        ConnectorDb db = new ConnectorDb();
        Xero xero = new Xero();
        xero.invoice("inv-1", "AUTHORISED", "100.00");
        xero.invoice("inv-2", "AUTHORISED", "40.00", existing("hand-2", null));                                 // part paid by hand
        xero.invoice("inv-3", "PAID", "0.00", existing("ours-3", XeroPayments.orderReferencePrefix(3) + "paid 2026-01-02, status log)"));
        xero.invoice("inv-4", "PAID", "0.00", existing("hand-4", "bank feed"));
        xero.invoice("inv-5", "DRAFT", "100.00");
        xero.invoice("inv-6", "AUTHORISED", "100.00");
        StepExecution step = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("paymentExportJob", 1L, 71L), "paymentExportStep", 5L);
        Chunk<PaidOrder> chunk = new Chunk<>(new ArrayList<>(List.of(order(1, "090"), order(2, "091"), order(3, "090"),
                order(4, "090"), order(5, "090"), order(6, "200"), order(7, "090"))));

        new PaymentWriter(xero, db.recorder, db.errorLog, step, false).write(chunk);

        assertThat(xero.calls).containsExactly("GET 7", "PUT 3");
        assertThat(xero.sent).extracting(p -> p.invoice().invoiceID() + " " + p.account().code() + " " + p.amount() + " " + p.date())
                .containsExactly("inv-1 090 100.00 2026-01-02", "inv-2 091 40.00 2026-01-02", "inv-6 200 100.00 2026-01-02");
        assertThat(xero.sent.get(0).reference()).isEqualTo("CS-Cart order 1 (paid 2026-01-02, order date)");
        assertThat(xero.sent.get(1).reference()).isEqualTo("CS-Cart order 2 (paid 2026-01-02, status log)");
        assertThat(db.links("PAYMENT")).containsOnlyKeys("1", "2", "3", "4");
        assertThat(db.links("PAYMENT").get("3").xeroId()).isEqualTo("ours-3");
        assertThat(db.links("PAYMENT").get("4").xeroId()).isEqualTo("hand-4");
        assertThat(chunk.getItems()).extracting(PaidOrder::orderId).containsExactly(1L, 2L, 3L, 4L);
        assertThat(step.getWriteSkipCount()).isEqualTo(3);
        assertThat(db.errors()).extracting(r -> r.cscartId() + ": " + r.message()).containsExactlyInAnyOrder(
                "4: Warning: invoice CS-4 was already paid in Xero (not by the connector); its payment is linked to order 4",
                "5: invoice CS-5 is DRAFT in Xero: payments are made only on AUTHORISED invoices",
                "6: Account type is invalid for making a payment to/from",
                "7: invoice CS-7 (inv-7) is not in Xero: run orderExportJob first");
    }

    @Test
    void aDryRunCallsNothing() {
        ConnectorDb db = new ConnectorDb();
        Xero xero = new Xero();
        StepExecution step = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("paymentExportJob", 1L, 72L), "paymentExportStep", 5L);
        Chunk<PaidOrder> chunk = new Chunk<>(new ArrayList<>(List.of(order(1, "090"))));

        new PaymentWriter(xero, db.recorder, db.errorLog, step, true).write(chunk);

        assertThat(xero.calls).isEmpty();
        assertThat(db.links("PAYMENT")).isEmpty();
    }
}
