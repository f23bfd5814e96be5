package io.cscartxero.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.customer.ContactSyncItem;
import io.cscartxero.customer.ContactUpserter;
import io.cscartxero.customer.OrderContactFactory;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
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

/**
 * Writes a chunk of invoices, contacts first: registered customers' contacts (linked ones reused, others created
 * as customerExportJob does; a guest with a customer's e-mail is that customer) and one contact per guest e-mail, in
 * one batch; then new invoices with one PUT and
 * changed ones with one POST that names their InvoiceID and LineItemIDs, so lines are updated in place. "Invoice #
 * must be unique" on a create means an earlier run created it and died before linking it: it is looked up by
 * number and updated. Xero's returned Total is checked against the order total, its TotalTax against the tax CS-Cart
 * charged.
 */
class XeroInvoiceWriter extends InvoiceWriter {

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
     * customer gets their customer contact, and so does a guest whose e-mail (trimmed, any case) is a customer's; any
     * other guest — and a buyer whose account is gone or is not a customer account — gets a contact built from the
     * order's own copy of the buyer's details, one per e-mail (one per order when the order has no e-mail).
     */
    private void resolveContacts(List<? extends InvoiceSyncItem> items, Map<String, String> contactIds, Map<String, String> problems) {
        Map<String, Long> customerByEmail = contactFactory.customersByEmail(
                items.stream().map(InvoiceSyncItem::order).filter(OrderRow::isGuest).map(OrderRow::email).toList());
        Map<String, Long> customerOf = new LinkedHashMap<>();   // contact key → the customer whose contact it is
        for (InvoiceSyncItem item : items) {
            OrderRow order = item.order();
            Long userId = order.isGuest() ? customerByEmail.get(OrderContactFactory.normalisedEmail(order.email())) : Long.valueOf(order.userId());
            if (userId != null) {
                customerOf.putIfAbsent(contactKey(order), userId);
            }
        }
        List<Long> customerIds = customerOf.values().stream().distinct().toList();
        Map<String, SyncLink> customerLinks = links.findByCscartIds(tenant, OrderContactFactory.customerEntity(),
                customerIds.stream().map(String::valueOf).toList());
        List<Long> unlinkedCustomers = new ArrayList<>();
        for (long userId : customerIds) {
            SyncLink link = customerLinks.get(Long.toString(userId));
            if (link != null && link.state() == SyncLink.State.SYNCED && link.xeroId() != null) {
                contactIds.put(customerKey(userId), link.xeroId());
            } else {
                unlinkedCustomers.add(userId);
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
            Long userId = customerOf.get(key);
            if (userId != null && (contactIds.containsKey(customerKey(userId)) || customers.containsKey(userId))) {
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
        if (!toCreate.isEmpty()) {
            ContactUpserter.Result results = contacts.upsert(toCreate);
            links.saveAll(tenant, StepSynchronizationManager.getContext().getStepExecution().getJobExecutionId(),
                    linksOf(results));
            for (SyncOutcome<ContactSyncItem> result : results.outcomes()) {
                List<String> keys = OrderContactFactory.GUEST_ENTITY.equals(result.link().entity())
                        ? byGuestLink.getOrDefault(result.link().cscartId(), List.of()) : List.of(customerKey(Long.parseLong(result.link().cscartId())));
                for (String key : keys) {
                    if (result.accepted()) {
                        contactIds.put(key, result.link().xeroId());
                    } else {
                        problems.put(key, "Xero rejected the contact (" + result.message() + ")");
                    }
                }
            }
        }
        // a guest who is a customer: their orders use the customer's contact
        customerOf.forEach((key, userId) -> {
            String customerKey = customerKey(userId);
            if (contactIds.containsKey(customerKey)) {
                contactIds.put(key, contactIds.get(customerKey));
            } else if (problems.containsKey(customerKey)) {
                problems.put(key, problems.get(customerKey));
            }
        });
    }

    /**
     * The links of the contacts just written. An invoice must not be lost to a mistyped e-mail, so a buyer whose
     * e-mail Xero refuses is a contact without it; this job's error log stays about orders, so the warning is left to
     * customerExportJob, where customers are corrected: a customer's contact taken without its e-mail is linked with
     * the hash of what Xero holds, not of the customer as mapped, so the next customer export sends it once more, and
     * records the warning row when Xero refuses the address again (or sends the corrected one).
     */
    private static List<SyncLink> linksOf(ContactUpserter.Result results) {
        Map<ContactSyncItem, String> heldHash = new IdentityHashMap<>();
        for (ContactUpserter.EmailDropped dropped : results.emailsDropped()) {
            log.warn("Xero refused the e-mail of {} {}; its contact is in Xero without it", dropped.item().entity(), dropped.item().cscartId());
            heldHash.put(dropped.item(), PayloadHash.of(dropped.sent()));
        }
        return results.outcomes().stream().map(o -> {
            SyncLink link = o.link();
            String hash = heldHash.get(o.item());
            return hash == null || !OrderContactFactory.customerEntity().equals(link.entity()) ? link
                    : SyncLink.synced(link.entity(), link.cscartId(), link.xeroId(), link.xeroKey(), hash);
        }).toList();
    }

    private static String customerKey(long userId) {
        return "customer:" + userId;
    }

    static String contactKey(OrderRow order) {
        if (!order.isGuest()) {
            return customerKey(order.userId());
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
