package io.cscartxero.payment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.model.PayableInvoice;
import io.cscartxero.xero.model.Payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The payment step's writer: one {@code GET /Invoices?IDs=…} for the chunk's invoices (status, AmountDue, existing
 * payments), then one {@code PUT /Payments?summarizeErrors=false} with a payment of each invoice's amount due. The
 * links (entity {@value #ENTITY}, CS-Cart id = order id, Xero id = PaymentID) are saved in the chunk transaction.
 * <p>
 * Never a second payment for one order: an invoice that already carries the connector's payment (its Reference names
 * the order, e.g. the answer to a PUT whose chunk never committed) gets that payment linked instead; one fully paid
 * otherwise (by hand in Xero) gets its payment linked with a warning row. Xero's refusals (amount exceeds what is
 * outstanding, an account that takes no payments, an invoice not AUTHORISED) become error rows with Xero's message
 * and write skips; the job goes on.
 */
class PaymentWriter implements ItemWriter<PaidOrder> {

    static final String ENTITY = "PAYMENT";
    private static final Logger log = LoggerFactory.getLogger(PaymentWriter.class);

    private final XeroPayments payments;
    private final SyncRecorder recorder;
    private final ErrorLog errorLog;
    private final StepExecution step;
    private final boolean dryRun;

    PaymentWriter(XeroPayments payments, SyncRecorder recorder, ErrorLog errorLog, StepExecution step, boolean dryRun) {
        this.payments = payments;
        this.recorder = recorder;
        this.errorLog = errorLog;
        this.step = step;
        this.dryRun = dryRun;
    }

    @Override
    public void write(Chunk<? extends PaidOrder> chunk) {
        if (dryRun) {
            log.info("paymentExportJob dry run: would pay the invoices of orders {}",
                    chunk.getItems().stream().map(PaidOrder::orderId).toList());
            return;
        }
        Map<String, PayableInvoice> current = new HashMap<>();
        payments.invoices(chunk.getItems().stream().map(PaidOrder::invoiceId).distinct().toList())
                .forEach(i -> current.put(i.invoiceID(), i));

        List<SyncOutcome<PaidOrder>> outcomes = new ArrayList<>();
        Map<Object, ErrorLog.Entry> refused = new IdentityHashMap<>();
        List<PaidOrder> sending = new ArrayList<>();
        List<Payment> requests = new ArrayList<>();
        for (PaidOrder order : chunk) {
            PayableInvoice invoice = current.get(order.invoiceId());
            if (invoice == null) {
                refused.put(order, entry(order, "invoice " + order.invoiceNumber() + " (" + order.invoiceId()
                        + ") is not in Xero: run orderExportJob first"));
                continue;
            }
            Payment ours = invoice.payments().stream().filter(p -> XeroPayments.isOrderPayment(p, order.orderId()))
                    .findFirst().orElse(null);
            if (ours != null) {
                // paid by an earlier attempt whose chunk never committed (crash between Xero's answer and the commit)
                outcomes.add(SyncOutcome.accepted(order, link(order, ours.paymentID())));
                continue;
            }
            BigDecimal due = invoice.amountDue() == null ? BigDecimal.ZERO : invoice.amountDue();
            if ("PAID".equals(invoice.status()) || ("AUTHORISED".equals(invoice.status()) && due.signum() <= 0 && !invoice.payments().isEmpty())) {
                Payment theirs = invoice.payments().get(0);
                errorLog.record(ErrorLog.Entry.of(step, ENTITY, Long.toString(order.orderId()), theirs.paymentID(),
                        "Warning: invoice " + invoice.invoiceNumber() + " was already paid in Xero (not by the connector); "
                                + "its payment is linked to order " + order.orderId(), summary(order, due)));
                outcomes.add(SyncOutcome.accepted(order, link(order, theirs.paymentID())));
                continue;
            }
            if (!"AUTHORISED".equals(invoice.status())) {
                refused.put(order, entry(order, "invoice " + invoice.invoiceNumber() + " is " + invoice.status()
                        + " in Xero: payments are made only on AUTHORISED invoices"));
                continue;
            }
            if (due.signum() <= 0) {
                // nothing to pay (a 0.00 invoice): remembered so that it is not looked at again
                outcomes.add(SyncOutcome.accepted(order, SyncLink.synced(ENTITY, Long.toString(order.orderId()), null,
                        "nothing due", hash(order, due))));
                continue;
            }
            sending.add(order);
            requests.add(Payment.request(order.invoiceId(), order.accountCode(), order.paidOn().toString(), due, order.reference()));
        }

        List<XeroPayments.Result> results = payments.create(requests);
        for (int i = 0; i < sending.size(); i++) {
            PaidOrder order = sending.get(i);
            XeroPayments.Result result = results.get(i);
            if (result.verdict().accepted()) {
                outcomes.add(SyncOutcome.accepted(order, link(order, result.verdict().xeroId())));
            } else {
                refused.put(order, ErrorLog.Entry.of(step, ENTITY, Long.toString(order.orderId()), null,
                        result.verdict().message(), summary(order, requests.get(i).amount())));
            }
        }
        afterPut(chunk);
        recorder.record(step, chunkOf(chunk), outcomes);
        recorder.skip(step, chunk, refused);
    }

    /** Between Xero's answer and the links: nothing here; a test overrides it to die where a crash would. */
    void afterPut(Chunk<? extends PaidOrder> chunk) {
    }

    @SuppressWarnings("unchecked")
    private static Chunk<PaidOrder> chunkOf(Chunk<? extends PaidOrder> chunk) {
        return (Chunk<PaidOrder>) chunk;
    }

    private SyncLink link(PaidOrder order, String paymentId) {
        return SyncLink.synced(ENTITY, Long.toString(order.orderId()), paymentId, order.invoiceNumber(), hash(order, null));
    }

    private static String hash(PaidOrder order, BigDecimal amount) {
        return PayloadHash.sha256(order.invoiceId() + "|" + order.accountCode() + "|" + order.paidOn()
                + (amount == null ? "" : "|" + amount.toPlainString()));
    }

    private ErrorLog.Entry entry(PaidOrder order, String message) {
        return ErrorLog.Entry.of(step, ENTITY, Long.toString(order.orderId()), null, message, summary(order, null));
    }

    private static String summary(PaidOrder order, BigDecimal amount) {
        return XeroPayments.describe(order.invoiceNumber(), order.accountCode(), order.paidOn(), amount) + ", payment method "
                + order.paymentId();
    }
}
