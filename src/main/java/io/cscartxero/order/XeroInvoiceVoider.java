package io.cscartxero.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.PayableInvoice;
import io.cscartxero.xero.model.Payment;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The order delete step's writer: reads the chunk's invoices in one GET (status and live payments), removes the
 * connector's payments from those about to be voided (Xero refuses to void a paid invoice: one
 * {@code POST /Payments/{id}} Status DELETED per payment), then sends the status changes in one POST: DRAFT/SUBMITTED →
 * DELETED, anything else → VOIDED; an invoice already DELETED/VOIDED (or gone) counts as done. The invoice's link and
 * the order's {@code PAYMENT} link go with it (in the chunk transaction). A payment that is not the connector's (paid
 * by hand in Xero) is never removed: the invoice stays, with an error row; a refusal goes to the error log with Xero's
 * reason and is a write skip.
 * <p>
 * Killed between the two calls, the restart reads the invoice again: its payment is gone and it is voided; killed after
 * the void, it is VOIDED and counts as done. Nothing is remembered in between but what Xero and the links hold.
 */
class XeroInvoiceVoider implements ItemWriter<SyncLink> {

    private static final int LOOKUP = 40;

    private final XeroInvoices invoices;
    private final XeroPayments payments;
    private final SyncLinkRepository links;
    private final String tenant;
    private final SyncRecorder recorder;
    private final StepExecution step;

    /** Without payments: a paid invoice is left to Xero's refusal. */
    XeroInvoiceVoider(XeroInvoices invoices, SyncRecorder recorder, StepExecution step) {
        this(invoices, null, null, null, recorder, step);
    }

    XeroInvoiceVoider(XeroInvoices invoices, XeroPayments payments, SyncLinkRepository links, String tenant,
            SyncRecorder recorder, StepExecution step) {
        this.invoices = invoices;
        this.payments = payments;
        this.links = links;
        this.tenant = tenant;
        this.recorder = recorder;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends SyncLink> chunk) {
        List<String> ids = chunk.getItems().stream().map(SyncLink::xeroId).toList();
        Map<String, String> status = new HashMap<>();
        Map<String, PayableInvoice> payable = new HashMap<>();
        if (payments == null) {
            invoices.byIds(ids).forEach(i -> status.put(i.invoiceID(), i.status()));
        } else {
            // 40 ids per read, as the invoice look-ups of the order jobs (Xero's URL length)
            for (int i = 0; i < ids.size(); i += LOOKUP) {
                payments.invoices(ids.subList(i, Math.min(ids.size(), i + LOOKUP))).forEach(inv -> {
                    status.put(inv.invoiceID(), inv.status());
                    payable.put(inv.invoiceID(), inv);
                });
            }
        }
        List<SyncLink> done = new ArrayList<>();
        List<SyncLink> changing = new ArrayList<>();
        List<Invoice> changes = new ArrayList<>();
        Map<SyncLink, String> refused = new LinkedHashMap<>();
        for (SyncLink link : chunk) {
            String now = status.getOrDefault(link.xeroId(), "DELETED");
            switch (now) {
                case "DELETED", "VOIDED" -> done.add(link);   // already out of the books
                case "DRAFT", "SUBMITTED" -> {
                    changing.add(link);
                    changes.add(Invoice.statusChange(link.xeroId(), "DELETED"));
                }
                default -> {   // AUTHORISED, PAID: the connector's payments go first; Xero says why if it still refuses
                    String refusal = removePayments(link, payable.get(link.xeroId()));
                    if (refusal != null) {
                        refused.put(link, refusal);
                    } else {
                        changing.add(link);
                        changes.add(Invoice.statusChange(link.xeroId(), "VOIDED"));
                    }
                }
            }
        }
        List<XeroInvoices.Result> results = invoices.update(changes);
        for (int i = 0; i < changing.size(); i++) {
            if (results.get(i).verdict().accepted()) {
                done.add(changing.get(i));
            } else {
                refused.put(changing.get(i), results.get(i).verdict().message());
            }
        }
        if (links != null) {
            // the order's payment went with its invoice
            links.deleteAll(tenant, done.stream().map(l -> SyncLink.synced(PaidInvoiceChange.PAYMENT, l.cscartId(), null, null, null)).toList());
        }
        recorder.recordRemovals(step, chunk, done, refused, "InvoiceNumber");
    }

    /** Removes the connector's live payments from an invoice about to be voided; the refusal, or null when none is left. */
    private String removePayments(SyncLink link, PayableInvoice invoice) {
        if (invoice == null || invoice.payments().isEmpty()) {
            return null;
        }
        long orderId = Long.parseLong(link.cscartId());
        List<Payment> theirs = invoice.payments().stream().filter(p -> !XeroPayments.isOrderPayment(p, orderId)).toList();
        if (!theirs.isEmpty()) {
            Payment p = theirs.get(0);
            return "Invoice " + invoice.invoiceNumber() + " was paid in Xero by hand (payment " + p.paymentID() + " of "
                    + (p.amount() == null ? "?" : p.amount().toPlainString()) + " on " + XeroPayments.dayOf(p)
                    + "), not by the connector, so it was not voided: Xero voids only invoices without payments, and the "
                    + "connector does not remove someone else's payment. Remove the payment in Xero (or refund the order "
                    + "instead); the next orderDeleteJob run voids the invoice";
        }
        for (Payment ours : invoice.payments()) {
            XeroPayments.Result deleted = payments.delete(ours.paymentID());
            if (!deleted.verdict().accepted()) {
                return "Xero refused to remove the connector's payment " + ours.paymentID() + " from invoice "
                        + invoice.invoiceNumber() + ", which it must before the invoice can be voided: " + deleted.verdict().message();
            }
        }
        return null;
    }
}
