package io.cscartxero.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.cscart.RmaReturns;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.LineItem;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * The invoice step's writer: the buyers' contacts come from their links (the buyer step made them; a buyer without
 * one is an error row for the order, never a contact call), new invoices go in one PUT and changed ones in one POST
 * that names their InvoiceID and LineItemIDs, so lines are updated in place. An invoice number taken after a crash is
 * recovered by {@link DuplicateInvoiceNumbers}. Xero's returned Total is checked against the order total, its
 * TotalTax against the tax CS-Cart charged. A paid invoice whose amounts change has the connector's payment removed
 * first and paid again after the update ({@link PaidInvoiceChange}); one paid by hand in Xero is left, with an error row.
 */
class XeroInvoiceWriter extends InvoiceWriter {

    static final String ENTITY = "INVOICE";

    private final XeroInvoices invoices;
    private final BuyerContacts buyers;
    private final DuplicateInvoiceNumbers duplicates;
    private final SyncRecorder recorder;
    private final ErrorLog errorLog;
    private final StepExecution step;

    /** Paid invoices whose amounts change (null: updates are sent as they are, Xero refuses a paid invoice's). */
    private final PaidInvoiceChange paid;

    XeroInvoiceWriter(XeroInvoices invoices, BuyerContacts buyers, DuplicateInvoiceNumbers duplicates, SyncRecorder recorder,
            ErrorLog errorLog, StepExecution step) {
        this(invoices, buyers, duplicates, recorder, errorLog, step, null);
    }

    XeroInvoiceWriter(XeroInvoices invoices, BuyerContacts buyers, DuplicateInvoiceNumbers duplicates, SyncRecorder recorder,
            ErrorLog errorLog, StepExecution step, PaidInvoiceChange paid) {
        this.paid = paid;
        this.invoices = invoices;
        this.buyers = buyers;
        this.duplicates = duplicates;
        this.recorder = recorder;
        this.errorLog = errorLog;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends InvoiceSyncItem> chunk) {
        List<SyncOutcome<InvoiceSyncItem>> outcomes = new ArrayList<>();
        BuyerContacts.Resolved contacts = buyers.resolve(chunk.getItems().stream().map(InvoiceSyncItem::order).toList());

        List<InvoiceSyncItem> creates = new ArrayList<>();
        List<InvoiceSyncItem> updates = new ArrayList<>();
        for (InvoiceSyncItem item : chunk) {
            String contactId = contacts.contactIds().get(item.order().orderId());
            if (contactId == null) {
                outcomes.add(rejected(item, "No Xero contact for the buyer: "
                        + contacts.problems().getOrDefault(item.order().orderId(), "unknown")));
                continue;
            }
            InvoiceSyncItem withContact = item.withInvoice(
                    item.invoice().withIds(item.invoice().invoiceID(), contactId, item.invoice().lineItems()));
            (item.invoice().invoiceID() == null ? creates : updates).add(withContact);
        }

        List<InvoiceSyncItem> alreadyInXero = new ArrayList<>();
        List<XeroInvoices.Result> created = creates.isEmpty() ? List.of()
                : invoices.create(creates.stream().map(InvoiceSyncItem::invoice).toList());
        for (int i = 0; i < creates.size(); i++) {
            XeroInvoices.Result result = created.get(i);
            if (DuplicateInvoiceNumbers.isNumberTaken(result)) {
                alreadyInXero.add(creates.get(i));
            } else {
                outcomes.add(outcome(creates.get(i), result));
            }
        }
        DuplicateInvoiceNumbers.Recovered recovered = duplicates.recover(alreadyInXero);
        recovered.notFound().forEach(item -> outcomes.add(rejected(item, "Xero reports the invoice number as taken but no invoice has it")));
        recovered.cancelled().forEach((item, message) -> outcomes.add(rejected(item, message)));
        updates.addAll(recovered.updates());
        if (!updates.isEmpty() && paid != null) {
            updatePaidAware(updates, outcomes);
        } else if (!updates.isEmpty()) {
            Map<String, Invoice> current = new HashMap<>();
            invoices.byIds(updates.stream().map(i -> i.invoice().invoiceID()).toList()).forEach(inv -> current.put(inv.invoiceID(), inv));
            List<InvoiceSyncItem> inPlace = updates.stream().map(item -> withLineIds(item, current.get(item.invoice().invoiceID()))).toList();
            List<XeroInvoices.Result> updated = invoices.update(inPlace.stream().map(InvoiceSyncItem::invoice).toList());
            for (int i = 0; i < inPlace.size(); i++) {
                outcomes.add(outcome(inPlace.get(i), updated.get(i)));
            }
        }
        @SuppressWarnings("unchecked")
        Chunk<InvoiceSyncItem> written = (Chunk<InvoiceSyncItem>) chunk;
        recorder.record(step, written, ofChunkItems(written, outcomes));
    }

    /**
     * Updates with paid invoices in mind ({@link PaidInvoiceChange}): one GET for the invoices (lines and payments),
     * the connector's payments removed where amounts change (one call each), one POST for every update, one PUT paying
     * again what is due, the PAYMENT links moved - all in this chunk's transaction.
     */
    private void updatePaidAware(List<InvoiceSyncItem> updates, List<SyncOutcome<InvoiceSyncItem>> outcomes) {
        Map<String, XeroPayments.InvoiceState> current = paid.current(updates.stream().map(i -> i.invoice().invoiceID()).toList());
        List<InvoiceSyncItem> inPlace = updates.stream().map(item -> {
            XeroPayments.InvoiceState state = current.get(item.invoice().invoiceID());
            return withLineIds(item, state == null ? null : state.invoice());
        }).toList();
        PaidInvoiceChange.Prepared prepared = paid.removePayments(inPlace, current);
        prepared.refused.forEach((item, message) -> outcomes.add(rejected(item, message)));
        List<XeroInvoices.Result> updated = invoices.update(prepared.toUpdate.stream().map(InvoiceSyncItem::invoice).toList());
        Map<String, Invoice> saved = new HashMap<>();
        for (int i = 0; i < prepared.toUpdate.size(); i++) {
            outcomes.add(outcome(prepared.toUpdate.get(i), updated.get(i)));
            if (updated.get(i).verdict().accepted() && updated.get(i).saved() != null) {
                saved.put(prepared.toUpdate.get(i).invoice().invoiceID(), updated.get(i).saved());
            }
        }
        Map<String, InvoiceSyncItem> byOrder = new HashMap<>();
        inPlace.forEach(item -> byOrder.put(item.cscartId(), item));
        paid.payAgain(prepared, byOrder, saved);
    }

    /**
     * The outcomes with the chunk's own items (those sent carry the contact and ids resolved here), so that an invoice
     * Xero refused leaves the chunk and counts as a write skip only, not also as written.
     */
    private static List<SyncOutcome<InvoiceSyncItem>> ofChunkItems(Chunk<InvoiceSyncItem> chunk, List<SyncOutcome<InvoiceSyncItem>> outcomes) {
        Map<String, InvoiceSyncItem> byOrder = new HashMap<>();
        chunk.forEach(item -> byOrder.put(item.cscartId(), item));
        return outcomes.stream().map(o -> new SyncOutcome<>(byOrder.getOrDefault(o.item().cscartId(), o.item()), o.link(),
                o.accepted(), o.message(), o.payloadSummary())).toList();
    }

    /** Lines keep their LineItemIDs by position among lines of the same account, so Xero updates them in place. */
    private static InvoiceSyncItem withLineIds(InvoiceSyncItem item, Invoice current) {
        if (current == null || current.lineItems() == null) {
            return item;
        }
        Map<String, List<String>> idsByAccount = new HashMap<>();
        current.lineItems().forEach(l -> idsByAccount.computeIfAbsent(String.valueOf(l.accountCode()), k -> new ArrayList<>()).add(l.lineItemID()));
        List<LineItem> lines = new ArrayList<>();
        for (LineItem line : item.invoice().lineItems()) {
            List<String> ids = idsByAccount.getOrDefault(String.valueOf(line.accountCode()), List.of());
            String id = ids.isEmpty() ? null : ids.remove(0);
            lines.add(line.withLineItemId(id)); // keeps Tracking: an update must not drop it
        }
        return item.withInvoice(item.invoice().withIds(item.invoice().invoiceID(), item.invoice().contact().contactID(), lines));
    }

    private SyncOutcome<InvoiceSyncItem> outcome(InvoiceSyncItem item, XeroInvoices.Result result) {
        if (!result.verdict().accepted()) {
            return rejected(item, result.verdict().message());
        }
        Invoice saved = result.saved();
        if (saved.total() != null && saved.total().compareTo(item.expectedTotal()) != 0) {
            errorLog.record(ErrorLog.Entry.of(step, ENTITY, item.cscartId(), saved.invoiceID(), "Xero's invoice total " + saved.total()
                    + " differs from the order total " + item.expectedTotal(), item.summary()));
        }
        if (saved.totalTax() != null && item.expectedTax() != null && saved.totalTax().compareTo(item.expectedTax()) != 0) {
            errorLog.record(ErrorLog.Entry.of(step, ENTITY, item.cscartId(), saved.invoiceID(), "Xero's invoice tax " + saved.totalTax()
                    + " differs from the tax CS-Cart charged " + item.expectedTax(), item.summary()));
        }
        // which completed refund returns this invoice already reflects, in the chunk transaction with the link
        return SyncOutcome.accepted(item, SyncLink.synced(ENTITY, item.cscartId(), result.verdict().xeroId(),
                item.invoice().invoiceNumber(), item.payloadHash())
                .withFieldValues(RmaReturns.InInvoice.fieldValues(item.refundReturns())));
    }

    private static SyncOutcome<InvoiceSyncItem> rejected(InvoiceSyncItem item, String message) {
        return SyncOutcome.rejected(item, SyncLink.rejected(ENTITY, item.cscartId(), item.invoice().invoiceID(),
                item.invoice().invoiceNumber(), item.payloadHash()), message, item.summary());
    }
}
