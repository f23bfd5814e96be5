package io.cscartxero.order;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;
import io.cscartxero.xero.XeroPayments;
import io.cscartxero.xero.XeroPayments.InvoiceState;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.LineItem;
import io.cscartxero.xero.model.Payment;
import io.cscartxero.xero.model.XeroDates;

import org.springframework.batch.core.step.StepExecution;

/**
 * A paid invoice whose order changed in CS-Cart. Xero refuses to change a paid invoice's amounts ("This document
 * cannot be edited as it has a payment or credit note allocated to it"), so the connector's payment is removed
 * ({@code POST /Payments/{id}} Status DELETED, one call per payment), the invoice updated (the chunk's one POST), and
 * the new amount due paid again on the same account, with the same date and Reference ({@code PUT /Payments}, one call
 * for the chunk), and the order's {@code PAYMENT} link moved to the new payment - in that order, each once.
 * <p>
 * Everything is derived from Xero's state and the links, so a process killed between the calls does the rest on
 * restart: the invoice (GET, with the chunk's update) shows which payments are live; a {@code PAYMENT} link naming a
 * payment no longer on the invoice, which Xero reports DELETED and whose Reference is the connector's, means "removed,
 * not paid again yet"; a live payment of the connector's that the link does not name is the new one, linked.
 * <p>
 * A payment that is not the connector's (Reference not {@code CS-Cart order N (…}: paid by hand in Xero) is never
 * removed: the invoice is left as it is and the order gets an error row saying what to do. Changes Xero takes on a paid
 * invoice (no amount, quantity, tax, item, date or currency changes) are sent as they are, without touching payments.
 */
final class PaidInvoiceChange {

    static final String PAYMENT = "PAYMENT";

    /** What happens to one invoice about to be updated. */
    enum Action {
        /** Update it as it is (no payment in the way). */
        UPDATE,
        /** Remove the connector's payments, update, pay again. */
        REPLACE,
        /** A payment of the connector's was removed before a crash: update, then (if confirmed) pay again. */
        CHECK_REPAY,
        /** Paid by hand in Xero (or credited) and the change touches amounts: leave it, error row. */
        LEAVE
    }

    /**
     * The decision for one invoice.
     *
     * @param ours    the connector's live payments on it
     * @param message for LEAVE: the error row's text
     */
    record Plan(Action action, List<Payment> ours, String message) {
    }

    /** A payment removed (now or before a crash) that is to be made again. */
    record Replacement(String accountCode, LocalDate date, String reference, BigDecimal removed, List<String> replacedIds) {
    }

    /** What the step before the update left: the items to update, those refused, and the payments to make again. */
    static final class Prepared {
        final List<InvoiceSyncItem> toUpdate = new ArrayList<>();
        final Map<InvoiceSyncItem, String> refused = new LinkedHashMap<>();
        final Map<String, Replacement> replacements = new HashMap<>();
        /** order id → the connector's live payment its link does not name yet. */
        final Map<String, String> relink = new HashMap<>();
        final Map<String, InvoiceState> current;
        final Map<String, SyncLink> paymentLinks;

        Prepared(Map<String, InvoiceState> current, Map<String, SyncLink> paymentLinks) {
            this.current = current;
            this.paymentLinks = paymentLinks;
        }
    }

    private final XeroPayments payments;
    private final SyncLinkRepository links;
    private final ErrorLog errorLog;
    private final String tenant;
    private final StepExecution step;

    PaidInvoiceChange(XeroPayments payments, SyncLinkRepository links, ErrorLog errorLog, String tenant, StepExecution step) {
        this.payments = payments;
        this.links = links;
        this.errorLog = errorLog;
        this.tenant = tenant;
        this.step = step;
    }

    /** The invoices about to be updated, with lines and payments: one GET per 50. */
    Map<String, InvoiceState> current(Collection<String> invoiceIds) {
        Map<String, InvoiceState> current = new HashMap<>();
        payments.invoicesWithLines(invoiceIds).forEach(s -> current.put(s.invoiceID(), s));
        return current;
    }

    /**
     * Step 1 of 3: decides for each update (the items carry their LineItemIDs already) and removes the connector's
     * payments where an amount changes, one call per payment. A payment Xero refuses to remove (reconciled, in a
     * locked period) leaves its invoice unchanged, with Xero's reason.
     */
    Prepared removePayments(List<InvoiceSyncItem> updates, Map<String, InvoiceState> current) {
        Map<String, SyncLink> paymentLinks = links.findByCscartIds(tenant, PAYMENT,
                updates.stream().map(InvoiceSyncItem::cscartId).toList());
        Prepared prepared = new Prepared(current, paymentLinks);
        for (InvoiceSyncItem item : updates) {
            InvoiceState state = current.get(item.invoice().invoiceID());
            SyncLink link = paymentLinks.get(item.cscartId());
            Plan plan = plan(item.order().orderId(), item.invoice(), item.expectedTotal(), state, link);
            switch (plan.action()) {
                case UPDATE -> {
                    prepared.toUpdate.add(item);
                    if (!plan.ours().isEmpty() && (link == null || !plan.ours().get(0).paymentID().equals(link.xeroId()))) {
                        prepared.relink.put(item.cscartId(), plan.ours().get(0).paymentID());
                    }
                }
                case LEAVE -> prepared.refused.put(item, plan.message());
                case REPLACE -> {
                    String refusal = null;
                    Replacement replacement = null;
                    List<String> removed = new ArrayList<>();
                    BigDecimal amount = BigDecimal.ZERO;
                    for (Payment ours : plan.ours()) {
                        XeroPayments.Result deleted = payments.delete(ours.paymentID());
                        if (!deleted.verdict().accepted()) {
                            refusal = "Xero refused to remove the connector's payment " + ours.paymentID() + " from invoice "
                                    + item.invoice().invoiceNumber() + ", which it must before the invoice's amounts can change: "
                                    + deleted.verdict().message();
                            break;
                        }
                        removed.add(ours.paymentID());
                        amount = amount.add(ours.amount() == null ? BigDecimal.ZERO : ours.amount());
                        if (replacement == null) {
                            Payment answer = deleted.saved().account() != null ? deleted.saved() : payments.byId(ours.paymentID());
                            replacement = replacementOf(answer != null ? answer : ours, ours, List.of());
                        }
                    }
                    if (!removed.isEmpty()) {
                        prepared.replacements.put(item.cscartId(), new Replacement(replacement.accountCode(),
                                replacement.date(), replacement.reference(), amount, List.copyOf(removed)));
                    }
                    if (refusal != null) {
                        prepared.refused.put(item, refusal);
                    } else {
                        prepared.toUpdate.add(item);
                    }
                }
                case CHECK_REPAY -> {
                    Payment removed = payments.byId(link.xeroId());
                    if (removed != null && "DELETED".equals(removed.status()) && XeroPayments.isOrderPayment(removed, item.order().orderId())) {
                        prepared.replacements.put(item.cscartId(), replacementOf(removed, removed, List.of(removed.paymentID())));
                    }
                    prepared.toUpdate.add(item);
                }
            }
        }
        return prepared;
    }

    /**
     * Step 3 of 3, after the chunk's update: pays again (one PUT for the chunk) what is now due on each invoice whose
     * payment was removed, and moves the {@code PAYMENT} links (in the chunk transaction). An invoice whose update
     * Xero refused is paid again what it was paid before. A payment Xero refuses is an error row and the link goes, so
     * that paymentExportJob pays the invoice on its next run.
     *
     * @param byOrder order id → the chunk's update items (sent or not)
     * @param saved   invoice id → the invoice as Xero saved it (absent: not sent, or the update was refused)
     */
    void payAgain(Prepared prepared, Map<String, InvoiceSyncItem> byOrder, Map<String, Invoice> saved) {
        List<SyncLink> save = new ArrayList<>();
        List<SyncLink> drop = new ArrayList<>();
        List<Payment> requests = new ArrayList<>();
        List<InvoiceSyncItem> paying = new ArrayList<>();
        TreeSet<String> replaced = new TreeSet<>();
        prepared.relink.forEach((orderId, paymentId) -> {
            InvoiceSyncItem item = byOrder.get(orderId);
            if (item != null) {
                InvoiceState state = prepared.current.get(item.invoice().invoiceID());
                Payment live = state.payable().payments().stream().filter(p -> paymentId.equals(p.paymentID())).findFirst().orElse(null);
                save.add(link(item, paymentId, null, XeroPayments.dayOf(live)));
            }
        });
        for (Map.Entry<String, Replacement> e : prepared.replacements.entrySet()) {
            InvoiceSyncItem item = byOrder.get(e.getKey());
            if (item == null) {
                continue;
            }
            Replacement r = e.getValue();
            InvoiceState state = prepared.current.get(item.invoice().invoiceID());
            Invoice after = saved.get(item.invoice().invoiceID());
            BigDecimal due;
            if (after != null && after.total() != null) {
                due = after.total().subtract(nz(after.amountPaid())).subtract(state.amountCredited());
            } else {
                // refused update: the invoice is as it was; pay back what was removed now (nothing if removed before)
                BigDecimal before = state.payable() == null ? BigDecimal.ZERO : nz(state.payable().amountDue());
                due = before.add(removedNow(r, state));
            }
            if (due.signum() <= 0) {
                drop.add(link(item, null, r.accountCode(), r.date()));
                save.add(SyncLink.synced(PAYMENT, item.cscartId(), null, "nothing due", hash(item, r.accountCode(), r.date())));
                continue;
            }
            paying.add(item);
            replaced.addAll(r.replacedIds());
            requests.add(Payment.request(item.invoice().invoiceID(), r.accountCode(), r.date().toString(), due, r.reference()));
        }
        List<XeroPayments.Result> results = requests.isEmpty() ? List.of()
                : payments.create(requests, "replaces " + String.join(",", replaced));
        for (int i = 0; i < paying.size(); i++) {
            InvoiceSyncItem item = paying.get(i);
            Replacement r = prepared.replacements.get(item.cscartId());
            XeroPayments.Result result = results.get(i);
            if (result.verdict().accepted()) {
                save.add(link(item, result.verdict().xeroId(), r.accountCode(), r.date()));
            } else {
                SyncLink old = prepared.paymentLinks.get(item.cscartId());
                if (old != null) {
                    drop.add(old);
                }
                errorLog.record(ErrorLog.Entry.of(step, PAYMENT, item.cscartId(), null, "Invoice " + item.invoice().invoiceNumber()
                        + " was changed after its payment was removed, but Xero refused to pay it again: "
                        + result.verdict().message() + "; paymentExportJob pays it on its next run",
                        XeroPayments.describe(item.invoice().invoiceNumber(), r.accountCode(), r.date(), requests.get(i).amount())));
            }
        }
        // one row per order: a link replaced by one without a Xero id must go first (saving keeps an id not given)
        links.deleteAll(tenant, drop);
        links.saveAll(tenant, step.getJobExecutionId(), save);
    }

    /** What a refused update leaves due, beyond AmountDue read before the payments were removed. */
    private static BigDecimal removedNow(Replacement r, InvoiceState state) {
        boolean wasLive = state.payable() != null && state.payable().payments().stream()
                .anyMatch(p -> r.replacedIds().contains(p.paymentID()));
        return wasLive ? r.removed() : BigDecimal.ZERO;
    }

    // ------------------------------------------------------------------------------------------------ decisions

    /**
     * The decision for one invoice, from Xero's state and the order's {@code PAYMENT} link only.
     *
     * @param next          the invoice to send, with the current LineItemIDs
     * @param expectedTotal the order's total (what Xero's Total will be)
     */
    static Plan plan(long orderId, Invoice next, BigDecimal expectedTotal, InvoiceState current, SyncLink paymentLink) {
        if (current == null || current.payable() == null) {
            return new Plan(Action.UPDATE, List.of(), null);
        }
        List<Payment> live = current.payable().payments();
        List<Payment> ours = live.stream().filter(p -> XeroPayments.isOrderPayment(p, orderId)).toList();
        List<Payment> theirs = live.stream().filter(p -> !XeroPayments.isOrderPayment(p, orderId)).toList();
        boolean amountsChange = changesAmounts(current.invoice(), next, expectedTotal);
        if (amountsChange && (!theirs.isEmpty() || current.amountCredited().signum() != 0)) {
            return new Plan(Action.LEAVE, ours, handPaidMessage(current, theirs));
        }
        if (amountsChange && !ours.isEmpty()) {
            return new Plan(Action.REPLACE, ours, null);
        }
        if (ours.isEmpty() && theirs.isEmpty() && paymentLink != null && paymentLink.xeroId() != null
                && live.stream().noneMatch(p -> paymentLink.xeroId().equals(p.paymentID()))) {
            return new Plan(Action.CHECK_REPAY, ours, null);
        }
        return new Plan(Action.UPDATE, ours, null);
    }

    private static String handPaidMessage(InvoiceState current, List<Payment> theirs) {
        String number = current.invoice().invoiceNumber();
        if (theirs.isEmpty()) {
            return "Invoice " + number + " has a credit note allocated in Xero (" + current.amountCredited().toPlainString()
                    + "), so Xero does not let its amounts change; the invoice was left as it is. Remove the allocation in Xero,"
                    + " or undo the change in CS-Cart; the order is sent again when it next changes (or with full=true)";
        }
        Payment p = theirs.get(0);
        return "Invoice " + number + " was paid in Xero by hand (payment " + p.paymentID() + " of "
                + (p.amount() == null ? "?" : p.amount().toPlainString()) + " on " + XeroPayments.dayOf(p)
                + (p.reference() == null ? "" : ", reference '" + p.reference() + "'")
                + "), not by the connector, so the invoice was left as it is: Xero does not let a paid invoice's amounts "
                + "change, and the connector does not remove someone else's payment. Remove the payment in Xero (or undo "
                + "the change in CS-Cart); the order is sent again when it next changes (or with full=true)";
    }

    /**
     * Whether sending {@code next} changes what Xero keeps a paid invoice's amounts by: the total, the number of lines,
     * a line's quantity, unit amount, tax amount, tax type, item or discount, the date, the currency or whether
     * amounts include tax (Xero takes other changes - description, account, reference, due date - on a paid invoice).
     */
    static boolean changesAmounts(Invoice current, Invoice next, BigDecimal expectedTotal) {
        if (current.total() != null && expectedTotal != null && current.total().compareTo(expectedTotal) != 0) {
            return true;
        }
        List<LineItem> before = current.lineItems() == null ? List.of() : current.lineItems();
        List<LineItem> after = next.lineItems() == null ? List.of() : next.lineItems();
        if (before.size() != after.size()) {
            return true;
        }
        if (next.date() != null && !Objects.equals(day(current.date()), day(next.date()))) {
            return true;
        }
        if (next.currencyCode() != null && !next.currencyCode().equals(current.currencyCode())) {
            return true;
        }
        if (next.lineAmountTypes() != null && !next.lineAmountTypes().equalsIgnoreCase(String.valueOf(current.lineAmountTypes()))) {
            return true;
        }
        Map<String, LineItem> byId = new HashMap<>();
        before.forEach(l -> byId.put(l.lineItemID(), l));
        for (LineItem line : after) {
            LineItem old = line.lineItemID() == null ? null : byId.get(line.lineItemID());
            if (old == null || !same(old.quantity(), line.quantity()) || !same(old.unitAmount(), line.unitAmount())
                    || (line.taxAmount() != null && !same(old.taxAmount(), line.taxAmount()))
                    || (line.taxType() != null && !line.taxType().equals(old.taxType()))
                    || !Objects.equals(blank(old.itemCode()), blank(line.itemCode()))
                    || !same(old.discountRate(), line.discountRate())) {
                return true;
            }
        }
        return false;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        BigDecimal x = a == null ? BigDecimal.ZERO : a;
        BigDecimal y = b == null ? BigDecimal.ZERO : b;
        return x.compareTo(y) == 0;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(java.util.Locale.ROOT);
    }

    private static LocalDate day(String date) {
        if (date == null) {
            return null;
        }
        if (date.matches("\\d{4}-\\d{2}-\\d{2}.*")) {
            return LocalDate.parse(date.substring(0, 10));
        }
        var instant = XeroDates.parse(date);
        return instant == null ? null : instant.atZone(java.time.ZoneOffset.UTC).toLocalDate();
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    /** Account, date and Reference of a removed payment ({@code answer}: Xero's full answer; {@code seen}: as listed on the invoice). */
    private static Replacement replacementOf(Payment answer, Payment seen, List<String> replacedIds) {
        String account = answer.account() != null ? answer.account().code() : null;
        LocalDate date = XeroPayments.dayOf(answer) != null ? XeroPayments.dayOf(answer) : XeroPayments.dayOf(seen);
        String reference = answer.reference() != null ? answer.reference() : seen.reference();
        BigDecimal amount = answer.amount() != null ? answer.amount() : nz(seen.amount());
        return new Replacement(account, date, reference, amount, replacedIds);
    }

    private static SyncLink link(InvoiceSyncItem item, String paymentId, String account, LocalDate date) {
        return SyncLink.synced(PAYMENT, item.cscartId(), paymentId, item.invoice().invoiceNumber(), hash(item, account, date));
    }

    /** As paymentExportJob hashes its payments: invoice, account, date. */
    private static String hash(InvoiceSyncItem item, String account, LocalDate date) {
        return PayloadHash.sha256(item.invoice().invoiceID() + "|" + account + "|" + date);
    }
}
