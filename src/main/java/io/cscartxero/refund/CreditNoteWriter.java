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
 * The refund step's writer, for a chunk of cancelled orders (their invoice links). Per chunk: one GET of the invoices
 * as Xero has them (lines, AmountDue, AmountPaid, payments), one GET of the credit notes already carrying the chunk's
 * numbers (a credit note created before a crash is found, never made twice), one PUT of the missing credit notes; then
 * each credit note's RemainingCredit is settled: allocated to its invoice up to the invoice's AmountDue (one call per
 * credit note, Xero's allocation endpoint takes one credit note), and what is left paid out — a refund payment on the
 * credit note from the account of the invoice's payment (the order's {@code PAYMENT} link when there is one, else the
 * invoice's first payment in Xero), all refunds of the chunk in one PUT. The credit note copies the invoice's lines
 * (description, quantity, unit amount, item, account, TaxType and TaxAmount), so its Total and TotalTax are the
 * invoice's to the cent. The {@code CREDIT_NOTE} link is written (chunk transaction) once nothing is left to settle;
 * anything Xero refuses goes to the error log and the order is tried again next run.
 */
class CreditNoteWriter implements ItemWriter<SyncLink> {

    private static final Logger log = LoggerFactory.getLogger(CreditNoteWriter.class);

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

    /** One order being credited. */
    private final class Refund {
        final SyncLink invoiceLink;
        final String number;
        final JsonNode invoice;
        JsonNode creditNote;
        String hash;

        Refund(SyncLink invoiceLink, JsonNode invoice) {
            this.invoiceLink = invoiceLink;
            this.number = prefix + invoiceLink.cscartId();
            this.invoice = invoice;
            this.hash = PayloadHash.of(number); // replaced by the credit note's once there is one
        }

        String creditNoteId() {
            return creditNote == null ? null : creditNote.path("CreditNoteID").asString(null);
        }

        SyncOutcome<SyncLink> done() {
            return SyncOutcome.accepted(invoiceLink, SyncLink.synced(RefundExportJobConfiguration.ENTITY,
                    invoiceLink.cscartId(), creditNoteId(), number, hash));
        }

        SyncOutcome<SyncLink> refused(String message) {
            return SyncOutcome.rejected(invoiceLink, SyncLink.rejected(RefundExportJobConfiguration.ENTITY,
                    invoiceLink.cscartId(), creditNoteId(), number, hash), message, "CreditNoteNumber=" + number);
        }
    }

    @Override
    public void write(Chunk<? extends SyncLink> chunk) {
        Map<String, JsonNode> invoices = new HashMap<>();
        xero.invoices(chunk.getItems().stream().map(SyncLink::xeroId).toList())
                .forEach(i -> invoices.put(i.path("InvoiceID").asString(), i));
        List<Refund> refunds = chunk.getItems().stream().map(l -> new Refund(l, invoices.get(l.xeroId()))).toList();
        Map<String, JsonNode> existing = new HashMap<>();
        xero.byNumbers(refunds.stream().map(r -> r.number).toList())
                .forEach(c -> existing.putIfAbsent(c.path("CreditNoteNumber").asString(), c));

        List<SyncOutcome<SyncLink>> outcomes = new ArrayList<>();
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
            } else {
                ObjectNode element = creditNoteFor(r);
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
            checkTotals(r);
            settling.add(r);
        }

        List<Refund> paying = new ArrayList<>();
        List<ObjectNode> payments = new ArrayList<>();
        for (Refund r : settling) {
            BigDecimal remaining = r.creditNote.path("RemainingCredit").decimalValue();
            BigDecimal due = r.invoice == null ? BigDecimal.ZERO : r.invoice.path("AmountDue").decimalValue();
            String invoiceStatus = r.invoice == null ? "missing" : r.invoice.path("Status").asString();
            if (remaining.signum() > 0 && due.signum() > 0 && invoiceStatus.equals("AUTHORISED")) {
                BigDecimal amount = remaining.min(due);
                XeroCreditNotes.Result allocated = xero.allocate(r.creditNoteId(), r.invoiceLink.xeroId(), amount,
                        today.toString());
                if (!allocated.accepted()) {
                    outcomes.add(r.refused("credit note " + r.number + " could not be allocated to invoice "
                            + r.invoiceLink.xeroKey() + ": " + allocated.message()));
                    continue;
                }
                remaining = remaining.subtract(amount);
            }
            if (remaining.signum() <= 0) {
                outcomes.add(r.done());
                continue;
            }
            String account = paymentAccount(r);
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
            payment.put("Reference", "Refund of order " + r.invoiceLink.cscartId());
            paying.add(r);
            payments.add(payment);
        }
        List<XeroCreditNotes.Result> paid = xero.pay(payments);
        for (int i = 0; i < paying.size(); i++) {
            Refund r = paying.get(i);
            outcomes.add(paid.get(i).accepted() ? r.done() : r.refused("credit note " + r.number
                    + " could not be paid out: " + paid.get(i).message()));
        }
        Map<SyncLink, SyncOutcome<SyncLink>> byItem = new IdentityHashMap<>();
        outcomes.forEach(o -> byItem.put(o.item(), o));
        List<SyncOutcome<SyncLink>> ordered = new ArrayList<>();
        for (SyncLink item : chunk.getItems()) ordered.add(byItem.get(item));
        @SuppressWarnings("unchecked")
        Chunk<SyncLink> items = (Chunk<SyncLink>) chunk;
        recorder.record(step, items, ordered);
    }

    /** An ACCRECCREDIT with the invoice's contact, currency, tax mode and lines (net of any discount rate). */
    private ObjectNode creditNoteFor(Refund r) {
        JsonNode inv = r.invoice;
        ObjectNode c = XeroCreditNotes.object();
        c.put("Type", "ACCRECCREDIT");
        c.putObject("Contact").put("ContactID", inv.path("Contact").path("ContactID").asString());
        c.put("CreditNoteNumber", r.number);
        c.put("Reference", inv.path("InvoiceNumber").asString(""));
        c.put("Date", today.toString());
        c.put("Status", "AUTHORISED");
        c.put("LineAmountTypes", inv.path("LineAmountTypes").asString());
        c.put("CurrencyCode", inv.path("CurrencyCode").asString());
        ArrayNode lines = c.putArray("LineItems");
        for (JsonNode l : inv.path("LineItems")) {
            ObjectNode line = lines.addObject();
            if (l.hasNonNull("Description")) line.put("Description", l.path("Description").asString());
            BigDecimal quantity = l.path("Quantity").decimalValue();
            BigDecimal unit = l.path("UnitAmount").decimalValue();
            if (l.hasNonNull("DiscountRate") || l.hasNonNull("DiscountAmount")) {
                // credit notes take no discount: the line's net amount as one unit
                quantity = BigDecimal.ONE;
                unit = l.path("LineAmount").decimalValue();
            }
            line.put("Quantity", quantity);
            line.put("UnitAmount", unit);
            if (l.hasNonNull("ItemCode")) line.put("ItemCode", l.path("ItemCode").asString());
            if (l.hasNonNull("AccountCode")) line.put("AccountCode", l.path("AccountCode").asString());
            if (l.hasNonNull("TaxType")) line.put("TaxType", l.path("TaxType").asString());
            if (l.hasNonNull("TaxAmount") && !"NoTax".equals(inv.path("LineAmountTypes").asString())) {
                line.put("TaxAmount", l.path("TaxAmount").decimalValue());
            }
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
     * The account the invoice was paid into: the order's {@code PAYMENT} link's payment when there is one, else the
     * invoice's first payment as Xero lists it; null without any.
     */
    private String paymentAccount(Refund r) {
        List<String> candidates = new ArrayList<>();
        SyncLink payment = links.findByCscartIds(tenant, CancelledOrders.PAYMENT, List.of(r.invoiceLink.cscartId()))
                .get(r.invoiceLink.cscartId());
        if (payment != null && payment.xeroId() != null) candidates.add(payment.xeroId());
        if (r.invoice != null) {
            r.invoice.path("Payments").forEach(p -> candidates.add(p.path("PaymentID").asString()));
        }
        for (String id : candidates) {
            JsonNode found = xero.payment(id);
            if (found != null && "AUTHORISED".equals(found.path("Status").asString())) {
                String code = found.path("Account").path("Code").asString(null);
                if (code != null && !code.isBlank()) return code;
            }
        }
        return null;
    }
}
