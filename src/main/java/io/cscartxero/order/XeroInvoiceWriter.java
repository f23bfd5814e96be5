package io.cscartxero.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.customer.ContactSyncItem;
import io.cscartxero.customer.ContactUpserter;
import io.cscartxero.customer.OrderContactFactory;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.sync.SyncOutcome;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.LineItem;

import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk of invoices, contacts first: registered customers' contacts (linked ones reused, others created
 * as customerExportJob does) and one contact per guest e-mail, in one batch; then new invoices with one PUT and
 * changed ones with one POST that names their InvoiceID and LineItemIDs, so lines are updated in place. "Invoice #
 * must be unique" on a create means an earlier run created it and died before linking it: it is looked up by
 * number and updated. Xero's returned Total is checked against the order total, its TotalTax against the tax CS-Cart
 * charged.
 */
class XeroInvoiceWriter implements ItemWriter<InvoiceSyncItem> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(XeroInvoiceWriter.class);

    static final String ENTITY = "INVOICE";

    private final XeroInvoices invoices;
    private final ContactUpserter contacts;
    private final OrderContactFactory contactFactory;
    private final SyncLinkRepository links;
    private final SyncRecorder recorder;
    private final ErrorLog errorLog;
    private final String tenant;

    XeroInvoiceWriter(XeroInvoices invoices, ContactUpserter contacts, OrderContactFactory contactFactory,
            SyncLinkRepository links, SyncRecorder recorder, ErrorLog errorLog, String tenant) {
        this.invoices = invoices;
        this.contacts = contacts;
        this.contactFactory = contactFactory;
        this.links = links;
        this.recorder = recorder;
        this.errorLog = errorLog;
        this.tenant = tenant;
    }

    @Override
    public void write(Chunk<? extends InvoiceSyncItem> chunk) {
        List<SyncOutcome<InvoiceSyncItem>> outcomes = new ArrayList<>();
        Map<String, String> contactIds = new HashMap<>();          // contact key → ContactID
        Map<String, String> contactProblems = new HashMap<>();     // contact key → why it has none
        resolveContacts(chunk.getItems(), contactIds, contactProblems);

        List<InvoiceSyncItem> creates = new ArrayList<>();
        List<InvoiceSyncItem> updates = new ArrayList<>();
        for (InvoiceSyncItem item : chunk) {
            String key = contactKey(item.order());
            String contactId = contactIds.get(key);
            if (contactId == null) {
                outcomes.add(rejected(item, "No Xero contact for the buyer: " + contactProblems.getOrDefault(key, "unknown")));
                continue;
            }
            InvoiceSyncItem withContact = item.withInvoice(
                    item.invoice().withIds(item.invoice().invoiceID(), contactId, item.invoice().lineItems()));
            (item.invoice().invoiceID() == null ? creates : updates).add(withContact);
        }

        List<InvoiceSyncItem> alreadyInXero = new ArrayList<>();
        List<XeroInvoices.Result> created = invoices.create(creates.stream().map(InvoiceSyncItem::invoice).toList());
        for (int i = 0; i < creates.size(); i++) {
            XeroInvoices.Result result = created.get(i);
            if (!result.verdict().accepted() && result.verdict().messages().stream().anyMatch(m -> m.contains("must be unique"))) {
                alreadyInXero.add(creates.get(i));
            } else {
                outcomes.add(outcome(creates.get(i), result));
            }
        }
        if (!alreadyInXero.isEmpty()) {
            Map<String, Invoice> byNumber = new HashMap<>();
            invoices.byNumbers(alreadyInXero.stream().map(i -> i.invoice().invoiceNumber()).toList())
                    .forEach(inv -> byNumber.put(inv.invoiceNumber(), inv));
            for (InvoiceSyncItem item : alreadyInXero) {
                Invoice existing = byNumber.get(item.invoice().invoiceNumber());
                if (existing == null) {
                    outcomes.add(rejected(item, "Xero reports the invoice number as taken but no invoice has it"));
                } else {
                    updates.add(item.withInvoice(item.invoice().withIds(existing.invoiceID(),
                            item.invoice().contact().contactID(), item.invoice().lineItems())));
                }
            }
        }
        if (!updates.isEmpty()) {
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
        recorder.record(written, outcomes);
    }

    /**
     * Contacts of the chunk's buyers, linked ones reused, the others created in one batch and linked. A registered
     * customer gets their customer contact; a guest — and a buyer whose account is gone or is not a customer
     * account — gets a contact built from the order's own copy of the buyer's details, one per e-mail (one per order
     * when the order has no e-mail).
     */
    private void resolveContacts(List<? extends InvoiceSyncItem> items, Map<String, String> contactIds, Map<String, String> problems) {
        Map<String, SyncLink> customerLinks = links.findByCscartIds(tenant, OrderContactFactory.customerEntity(),
                items.stream().filter(i -> !i.order().isGuest()).map(i -> Long.toString(i.order().userId())).distinct().toList());
        List<Long> unlinkedCustomers = new ArrayList<>();
        for (InvoiceSyncItem item : items) {
            OrderRow order = item.order();
            SyncLink link = order.isGuest() ? null : customerLinks.get(Long.toString(order.userId()));
            if (link != null && link.state() == SyncLink.State.SYNCED && link.xeroId() != null) {
                contactIds.put(contactKey(order), link.xeroId());
            } else if (!order.isGuest() && !unlinkedCustomers.contains(order.userId())) {
                unlinkedCustomers.add(order.userId());
            }
        }
        Map<Long, ContactSyncItem> customers = contactFactory.forCustomers(unlinkedCustomers);
        List<ContactSyncItem> toCreate = new ArrayList<>(customers.values());
        // buyers known only from their order: guests, deleted customers, administrators who bought
        Map<String, List<String>> byGuestLink = new LinkedHashMap<>();   // guest link key → the chunk's contact keys
        Map<String, OrderRow> guestOrder = new HashMap<>();
        for (InvoiceSyncItem item : items) {
            OrderRow order = item.order();
            String key = contactKey(order);
            if (contactIds.containsKey(key) || (!order.isGuest() && customers.containsKey(order.userId()))) {
                continue;
            }
            String linkKey = OrderContactFactory.guestLinkKey(order.email(), order.orderId());
            List<String> keys = byGuestLink.computeIfAbsent(linkKey, k -> new ArrayList<>());
            if (!keys.contains(key)) {
                keys.add(key);
            }
            guestOrder.putIfAbsent(linkKey, order);
        }
        Map<String, SyncLink> guestLinks = links.findByCscartIds(tenant, OrderContactFactory.GUEST_ENTITY, byGuestLink.keySet());
        byGuestLink.forEach((linkKey, keys) -> {
            SyncLink link = guestLinks.get(linkKey);
            if (link != null && link.state() == SyncLink.State.SYNCED && link.xeroId() != null) {
                keys.forEach(k -> contactIds.put(k, link.xeroId()));
            } else {
                OrderRow o = guestOrder.get(linkKey);
                toCreate.add(contactFactory.forGuest(linkKey, o.email(), o.firstname(), o.lastname(), o.company(), o.phone(),
                        o.billing(), o.shipping()));
            }
        });
        if (toCreate.isEmpty()) {
            return;
        }
        List<SyncOutcome<ContactSyncItem>> results = new ArrayList<>(contacts.upsert(toCreate));
        // an invoice must not be lost to a mistyped e-mail: such a buyer's contact is created without it
        List<ContactSyncItem> withoutEmail = results.stream()
                .filter(r -> !r.accepted() && r.message() != null && r.message().contains("Email address must be valid"))
                .map(r -> r.item().withoutEmail()).toList();
        if (!withoutEmail.isEmpty()) {
            results.removeIf(r -> !r.accepted() && r.message() != null && r.message().contains("Email address must be valid"));
            withoutEmail.forEach(c -> log.warn("Xero refused the e-mail of {} {}; its contact is created without it", c.entity(), c.cscartId()));
            results.addAll(contacts.upsert(withoutEmail));
        }
        links.saveAll(tenant, StepSynchronizationManager.getContext().getStepExecution().getJobExecutionId(),
                results.stream().map(SyncOutcome::link).toList());
        for (SyncOutcome<ContactSyncItem> result : results) {
            List<String> keys = OrderContactFactory.GUEST_ENTITY.equals(result.link().entity())
                    ? byGuestLink.getOrDefault(result.link().cscartId(), List.of()) : List.of("customer:" + result.link().cscartId());
            for (String key : keys) {
                if (result.accepted()) {
                    contactIds.put(key, result.link().xeroId());
                } else {
                    problems.put(key, "Xero rejected the contact (" + result.message() + ")");
                }
            }
        }
    }

    static String contactKey(OrderRow order) {
        if (!order.isGuest()) {
            return "customer:" + order.userId();
        }
        return order.email().isBlank() ? "guest-order:" + order.orderId() : "guest:" + order.email().strip().toLowerCase();
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
            lines.add(new LineItem(id, line.description(), line.quantity(), line.unitAmount(), line.itemCode(), line.accountCode(),
                    line.taxType(), line.taxAmount(), null, line.discountRate()));
        }
        return item.withInvoice(item.invoice().withIds(item.invoice().invoiceID(), item.invoice().contact().contactID(), lines));
    }

    private SyncOutcome<InvoiceSyncItem> outcome(InvoiceSyncItem item, XeroInvoices.Result result) {
        if (!result.verdict().accepted()) {
            return rejected(item, result.verdict().message());
        }
        Invoice saved = result.saved();
        if (saved.total() != null && saved.total().compareTo(item.expectedTotal()) != 0) {
            StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
            errorLog.record(new ErrorLog.Entry(step.getJobExecutionId(), step.getJobExecution().getJobInstance().getJobName(),
                    step.getStepName(), ENTITY, item.cscartId(), saved.invoiceID(), "Xero's invoice total " + saved.total()
                    + " differs from the order total " + item.expectedTotal(), item.summary()));
        }
        if (saved.totalTax() != null && item.expectedTax() != null && saved.totalTax().compareTo(item.expectedTax()) != 0) {
            StepExecution step = StepSynchronizationManager.getContext().getStepExecution();
            errorLog.record(new ErrorLog.Entry(step.getJobExecutionId(), step.getJobExecution().getJobInstance().getJobName(),
                    step.getStepName(), ENTITY, item.cscartId(), saved.invoiceID(), "Xero's invoice tax " + saved.totalTax()
                    + " differs from the tax CS-Cart charged " + item.expectedTax(), item.summary()));
        }
        return SyncOutcome.accepted(item, SyncLink.synced(ENTITY, item.cscartId(), result.verdict().xeroId(),
                item.invoice().invoiceNumber(), item.payloadHash()));
    }

    private static SyncOutcome<InvoiceSyncItem> rejected(InvoiceSyncItem item, String message) {
        return SyncOutcome.rejected(item, SyncLink.rejected(ENTITY, item.cscartId(), item.invoice().invoiceID(),
                item.invoice().invoiceNumber(), item.payloadHash()), message, item.summary());
    }
}
