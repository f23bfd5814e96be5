package io.cscartxero.refund;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroCreditNotes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The writer of the refund steps, for a chunk of refunds ({@link RefundItem}: full cancellations, or completed refund
 * returns). Per chunk: one GET of the invoices as Xero has them (lines, AmountDue, AmountPaid, payments), one GET of
 * the credit notes already carrying the chunk's numbers (a credit note created before a crash is found, never made
 * twice), one PUT of the missing credit notes; then each credit note's RemainingCredit is settled: allocated to its
 * invoice up to the invoice's AmountDue (one call per credit note, Xero's allocation endpoint takes one credit note),
 * and what is left paid out — a refund payment on the credit note from the account of the invoice's payment (the
 * order's {@code PAYMENT} link when there is one, else the invoice's first payment in Xero; all read in one
 * {@code GET /Payments?where=} per chunk), all refunds of the chunk in one PUT. Lines: {@link CreditLines}. A return
 * the invoice already reflects (its order was invoiced after CS-Cart had lowered it by the return: the invoice's
 * link records which returns, {@code cscart.RmaReturns.InInvoice}; for a link written before that, the invoice's
 * Total is the order's total now) is linked without a credit note. The {@code CREDIT_NOTE} link is written (chunk transaction)
 * once nothing is left to settle; anything Xero refuses goes to the error log and the refund is tried again next run.
 */
class CreditNoteWriter implements ItemWriter<RefundItem> {

    private static final Logger log = LoggerFactory.getLogger(CreditNoteWriter.class);
    /** The xero_key of a return's link when the invoice already shows it (no credit note). */
    static final String IN_INVOICE = "in invoice";

    private final XeroCreditNotes xero;
    private final SyncRecorder recorder;
    private final SyncLinkRepository links;
    private final String tenant;
    private final String prefix;
    private final LocalDate today;
    private final StepExecution step;

    CreditNoteWriter(XeroCreditNotes xero, SyncRecorder recorder, SyncLinkRepository links, String tenant,
            String prefix, LocalDate today, StepExecution step) {
        this.xero = xero;
        this.recorder = recorder;
        this.links = links;
        this.tenant = tenant;
        this.prefix = prefix;
        this.today = today;
        this.step = step;
    }

    /** One refund being credited. */
    private final class Refund {
        final RefundItem item;
        final SyncLink invoiceLink;
        final String number;
        final JsonNode invoice;
        JsonNode creditNote;
        String hash;

        Refund(RefundItem item, JsonNode invoice) {
            this.item = item;
            this.invoiceLink = item.invoiceLink();
            this.number = prefix + item.key();
            this.invoice = invoice;
            this.hash = PayloadHash.of(number); // replaced by the credit note's once there is one
        }

        String creditNoteId() {
            return creditNote == null ? null : creditNote.path("CreditNoteID").asString(null);
        }

        SyncOutcome<RefundItem> done() {
            return SyncOutcome.accepted(item, SyncLink.synced(RefundExportJobConfiguration.ENTITY, item.key(),
                    creditNoteId(), number, hash));
        }

        SyncOutcome<RefundItem> inInvoice() {
            return SyncOutcome.accepted(item, SyncLink.synced(RefundExportJobConfiguration.ENTITY, item.key(), null,
                    IN_INVOICE, PayloadHash.of(IN_INVOICE + "|" + invoiceLink.xeroKey())));
        }

        SyncOutcome<RefundItem> refused(String message) {
            return SyncOutcome.rejected(item, SyncLink.rejected(RefundExportJobConfiguration.ENTITY, item.key(),
                    creditNoteId(), number, hash), message, "CreditNoteNumber=" + number);
        }

        String what() {
            return item.isReturn() ? "return " + item.refundReturn().returnId() + " of order " + item.orderId()
                    : "order " + item.orderId();
        }
    }

    @Override
    public void write(Chunk<? extends RefundItem> chunk) {
        Map<String, JsonNode> invoices = new HashMap<>();
        xero.invoices(chunk.getItems().stream().map(i -> i.invoiceLink().xeroId()).distinct().toList())
                .forEach(i -> invoices.put(i.path("InvoiceID").asString(), i));
        List<Refund> refunds = chunk.getItems().stream().map(i -> new Refund(i, invoices.get(i.invoiceLink().xeroId())))
                .toList();
        Map<String, JsonNode> existing = new HashMap<>();
        xero.byNumbers(refunds.stream().map(r -> r.number).toList())
                .forEach(c -> existing.putIfAbsent(c.path("CreditNoteNumber").asString(), c));
        Map<Long, String> itemCodes = itemCodes(refunds);

        List<SyncOutcome<RefundItem>> outcomes = new ArrayList<>();
        List<Refund> creating = new ArrayList<>();
        List<ObjectNode> elements = new ArrayList<>();
        List<Refund> settling = new ArrayList<>();
        for (Refund r : refunds) {
            String status = r.invoice == null ? "missing" : r.invoice.path("Status").asString();
            if (existing.containsKey(r.number)) {
                r.creditNote = existing.get(r.number); // created before a crash or a refused settlement
                r.hash = PayloadHash.of(r.creditNote.path("Total").asString() + "|" + r.number);
                settling.add(r);
            } else if (!status.equals("AUTHORISED") && !status.equals("PAID")) {
                outcomes.add(r.refused("invoice " + r.invoiceLink.xeroKey() + " is " + status
                        + " in Xero: there is nothing to credit"));
            } else if (r.item.isReturn() && (r.item.inInvoice() != null ? r.item.inInvoice()
                    : r.item.orderTotal() != null
                            && r.invoice.path("Total").decimalValue().compareTo(r.item.orderTotal()) == 0)) {
                outcomes.add(r.inInvoice()); // invoiced after CS-Cart lowered the order: nothing to credit
            } else {
                ObjectNode element;
                try {
                    element = creditNoteFor(r, itemCodes);
                } catch (CreditLines.Mismatch e) {
                    outcomes.add(r.refused(e.getMessage()));
                    continue;
                }
                r.hash = PayloadHash.of(element.toString());
                creating.add(r);
                elements.add(element);
            }
        }
        List<XeroCreditNotes.Result> created = xero.create(elements);
        for (int i = 0; i < creating.size(); i++) {
            Refund r = creating.get(i);
            if (!created.get(i).accepted()) {
                outcomes.add(r.refused(created.get(i).message()));
                continue;
            }
            r.creditNote = created.get(i).answer();
            if (!r.item.isReturn() && r.item.credited().isEmpty()) checkTotals(r);
            settling.add(r);
        }

        // what each invoice still has due: several refunds of one order in a chunk share it
        Map<String, BigDecimal> due = new HashMap<>();
        invoices.forEach((id, inv) -> due.put(id, "AUTHORISED".equals(inv.path("Status").asString())
                ? inv.path("AmountDue").decimalValue() : BigDecimal.ZERO));
        List<Refund> toPay = new ArrayList<>();
        Map<Refund, BigDecimal> remainingOf = new IdentityHashMap<>();
        for (Refund r : settling) {
            BigDecimal remaining = r.creditNote.path("RemainingCredit").decimalValue();
            BigDecimal invoiceDue = due.getOrDefault(r.invoiceLink.xeroId(), BigDecimal.ZERO);
            if (remaining.signum() > 0 && invoiceDue.signum() > 0) {
                BigDecimal amount = remaining.min(invoiceDue);
                XeroCreditNotes.Result allocated = xero.allocate(r.creditNoteId(), r.invoiceLink.xeroId(), amount,
                        today.toString());
                if (!allocated.accepted()) {
                    outcomes.add(r.refused("credit note " + r.number + " could not be allocated to invoice "
                            + r.invoiceLink.xeroKey() + ": " + allocated.message()));
                    continue;
                }
                due.put(r.invoiceLink.xeroId(), invoiceDue.subtract(amount));
                remaining = remaining.subtract(amount);
            }
            if (remaining.signum() <= 0) {
                outcomes.add(r.done());
                continue;
            }
            toPay.add(r);
            remainingOf.put(r, remaining);
        }
        Map<String, String> accounts = paymentAccounts(toPay);
        List<Refund> paying = new ArrayList<>();
        List<ObjectNode> payments = new ArrayList<>();
        for (Refund r : toPay) {
            BigDecimal remaining = remainingOf.get(r);
            String account = accounts.get(r.invoiceLink.xeroId());
            if (account == null) {
                outcomes.add(r.refused("credit note " + r.number + " keeps " + remaining.toPlainString()
                        + " of credit: invoice " + r.invoiceLink.xeroKey() + " has no payment in Xero to refund"
                        + " from (paymentExportJob pays invoices)"));
                continue;
            }
            ObjectNode payment = XeroCreditNotes.object();
            payment.putObject("CreditNote").put("CreditNoteID", r.creditNoteId());
            payment.putObject("Account").put("Code", account);
            payment.put("Date", today.toString());
            payment.put("Amount", remaining);
            payment.put("Reference", "Refund of " + r.what());
            paying.add(r);
            payments.add(payment);
        }
        List<XeroCreditNotes.Result> paid = xero.pay(payments);
        for (int i = 0; i < paying.size(); i++) {
            Refund r = paying.get(i);
            outcomes.add(paid.get(i).accepted() ? r.done() : r.refused("credit note " + r.number
                    + " could not be paid out: " + paid.get(i).message()));
        }
        Map<RefundItem, SyncOutcome<RefundItem>> byItem = new IdentityHashMap<>();
        outcomes.forEach(o -> byItem.put(o.item(), o));
        List<SyncOutcome<RefundItem>> ordered = new ArrayList<>();
        for (RefundItem item : chunk.getItems()) ordered.add(byItem.get(item));
        @SuppressWarnings("unchecked")
        Chunk<RefundItem> items = (Chunk<RefundItem>) chunk;
        recorder.record(step, items, ordered);
    }

    /** Product id → the ItemCode of its linked Xero item, for the products the chunk's returns name. */
    private Map<Long, String> itemCodes(List<Refund> refunds) {
        List<String> ids = refunds.stream().flatMap(r -> java.util.stream.Stream.concat(
                r.item.isReturn() ? java.util.stream.Stream.of(r.item.refundReturn()) : java.util.stream.Stream.empty(),
                r.item.credited().stream())).flatMap(rr -> rr.lines().stream())
                .map(l -> Long.toString(l.productId())).distinct().toList();
        Map<Long, String> codes = new HashMap<>();
        if (ids.isEmpty()) return codes;
        links.findByCscartIds(tenant, ITEM, ids).forEach((id, link) -> {
            if (link.xeroKey() != null) codes.put(Long.valueOf(id), link.xeroKey());
        });
        return codes;
    }

    static final String ITEM = "ITEM";

    /** An ACCRECCREDIT with the invoice's contact, currency, tax mode and the refund's lines. */
    private ObjectNode creditNoteFor(Refund r, Map<Long, String> itemCodes) throws CreditLines.Mismatch {
        JsonNode inv = r.invoice;
        ObjectNode c = XeroCreditNotes.object();
        c.put("Type", "ACCRECCREDIT");
        c.putObject("Contact").put("ContactID", inv.path("Contact").path("ContactID").asString());
        c.put("CreditNoteNumber", r.number);
        c.put("Reference", inv.path("InvoiceNumber").asString("")
                + (r.item.isReturn() ? " return " + r.item.refundReturn().returnId() : ""));
        c.put("Date", today.toString());
        c.put("Status", "AUTHORISED");
        c.put("LineAmountTypes", inv.path("LineAmountTypes").asString());
        c.put("CurrencyCode", inv.path("CurrencyCode").asString());
        Map<Integer, BigDecimal> taken = CreditLines.taken(inv, r.item.credited(), itemCodes);
        if (r.item.isReturn()) {
            c.set("LineItems", CreditLines.forReturn(inv, taken, CreditLines.match(inv, r.item.refundReturn(),
                    itemCodes, taken)));
        } else {
            c.set("LineItems", CreditLines.remainder(inv, taken));
        }
        return c;
    }

    private void checkTotals(Refund r) {
        for (String field : List.of("Total", "TotalTax")) {
            BigDecimal invoice = r.invoice.path(field).decimalValue();
            BigDecimal credit = r.creditNote.path(field).decimalValue();
            if (invoice.compareTo(credit) != 0) {
                log.warn("credit note {} {} {} differs from invoice {} {}", r.number, field, credit,
                        r.invoiceLink.xeroKey(), invoice);
            }
        }
    }

    /**
     * Invoice id → the account it was paid into: the order's {@code PAYMENT} link's payment when Xero has it
     * AUTHORISED, else the invoice's first AUTHORISED payment; all from one {@code GET /Payments?where=}.
     */
    private Map<String, String> paymentAccounts(List<Refund> refunds) {
        Map<String, String> accounts = new HashMap<>();
        if (refunds.isEmpty()) return accounts;
        List<String> invoiceIds = refunds.stream().map(r -> r.invoiceLink.xeroId()).distinct().toList();
        Map<String, SyncLink> paymentLinks = links.findByCscartIds(tenant, CancelledOrders.PAYMENT,
                refunds.stream().map(r -> Long.toString(r.item.orderId())).distinct().toList());
        Map<String, List<JsonNode>> byInvoice = new HashMap<>();
        for (JsonNode p : xero.paymentsOfInvoices(invoiceIds)) {
            if (!"AUTHORISED".equals(p.path("Status").asString())) continue;
            String code = p.path("Account").path("Code").asString(null);
            if (code == null || code.isBlank()) continue;
            byInvoice.computeIfAbsent(p.path("Invoice").path("InvoiceID").asString(), k -> new ArrayList<>()).add(p);
        }
        for (Refund r : refunds) {
            List<JsonNode> found = byInvoice.getOrDefault(r.invoiceLink.xeroId(), List.of());
            SyncLink linked = paymentLinks.get(Long.toString(r.item.orderId()));
            JsonNode chosen = found.stream().filter(p -> linked != null
                    && p.path("PaymentID").asString().equals(linked.xeroId())).findFirst()
                    .orElse(found.isEmpty() ? null : found.get(0));
            if (chosen != null) accounts.put(r.invoiceLink.xeroId(), chosen.path("Account").path("Code").asString());
        }
        return accounts;
    }
}
