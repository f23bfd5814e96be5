package io.cscartxero.reconcile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.cscart.InvoicedOrderScope;
import io.cscartxero.reconcile.Difference.Kind;
import io.cscartxero.reconcile.StoreSide.StoreOrder;
import io.cscartxero.reconcile.XeroSide.XeroInvoice;
import io.cscartxero.reconcile.XeroSide.XeroRecord;
import io.cscartxero.sync.InvoiceNumbers;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.XeroApiException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the store with Xero for one period; reads both sides, writes nothing. Money is compared exactly
 * (tolerance 0.00): the connector sends each invoice so that Xero's Total is {@code orders.total} and its TotalTax the
 * tax CS-Cart charged, to the cent, so any cent of difference is a real one.
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /**
     * How Xero is read. LIST: the connector's invoices dated in the period, {@value XeroSide#PAGE} a call, then IDs
     * batches for the linked invoices it did not show; it is the only way to find invoices that match no order. IDS:
     * {@value XeroSide#BATCH} linked invoices a call ({@code IDs=}), unknown invoices not searched. A period of N
     * orders costs about N/1000 calls listed and N/40 batched, so {@code auto} lists; it falls back to the batches when
     * Xero refuses the list (Xero answers 400 to filters it does not optimise over more than 100,000 invoices, and
     * {@code InvoiceNumber.StartsWith} is not among the optimised ones).
     */
    enum ReadMode {
        LIST, IDS;

        static ReadMode choose(String requested) {
            if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("auto")) {
                return LIST;
            }
            try {
                return valueOf(requested.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("read=" + requested + ": expected auto, list or ids");
            }
        }
    }

    /**
     * What the connector knows and is configured with.
     *
     * @param reissuedIssues per order, the highest issue recorded in {@code reissued_invoice}
     *        ({@link ReconcileRepair#highestIssues}): the next number a report shows is the repair's
     */
    record Setup(String invoicePrefix, String invoiceStatus, Set<String> paidStatuses,
            java.util.function.LongFunction<String> paymentAccountFor, Map<String, SyncLink> invoiceLinks,
            Map<String, SyncLink> contactLinks, Map<String, SyncLink> guestLinks, Map<String, SyncLink> itemLinks,
            Map<String, SyncLink> paymentLinks, Set<String> creditNoteOrders, Map<String, String> lastInvoiceErrors,
            Map<String, String> reissuedAs, Set<String> reissuedXeroIds, Map<String, Integer> reissuedIssues) {


        /**
         * The number the order's invoice carries: its link's (a re-issue, e.g. CS-12-2), else the last re-issue
         * recorded for it, else prefix + order id.
         */
        String numberOf(long orderId) {
            String id = Long.toString(orderId);
            SyncLink link = invoiceLinks.get(id);
            String key = link != null && link.xeroKey() != null ? link.xeroKey() : reissuedAs.get(id);
            return InvoiceNumbers.current(invoicePrefix, orderId, key);
        }
    }

    /** One run's outcome. */
    record Report(LocalDate since, LocalDate until, ReadMode mode, int orders, BigDecimal storeSales, BigDecimal xeroSales,
            List<Difference> differences, int xeroCalls) {

        long repairable() {
            return differences.stream().filter(Difference::repairable).count();
        }

        String summary() {
            Map<Kind, Long> counts = new java.util.TreeMap<>();
            differences.forEach(d -> counts.merge(d.kind(), 1L, Long::sum));
            return String.format(Locale.ROOT, "Reconciliation %s..%s: %d orders; store sales %s, Xero sales %s, difference %s;"
                    + " %d differences (%d repairable)%s; %d Xero calls (%s)",
                    since == null ? "start" : since, until == null ? "now" : until, orders, storeSales.toPlainString(),
                    xeroSales.toPlainString(), storeSales.subtract(xeroSales).toPlainString(), differences.size(), repairable(),
                    counts.isEmpty() ? "" : " " + counts, xeroCalls, mode.name().toLowerCase(Locale.ROOT));
        }
    }

    private final StoreSide store;
    private final XeroSide xero;
    private final Setup setup;

    Reconciler(StoreSide store, XeroSide xero, Setup setup) {
        this.store = store;
        this.xero = xero;
        this.setup = setup;
    }

    Report run(InvoicedOrderScope scope, String read) {
        List<StoreOrder> orders = store.ordersToInvoice(scope);
        List<Difference> differences = new ArrayList<>();
        Map<String, StoreOrder> byId = new HashMap<>();
        orders.forEach(o -> byId.put(Long.toString(o.orderId()), o));

        // ---- read Xero: every invoice of the period's orders
        List<String> linkedIds = new ArrayList<>();
        List<String> unlinkedNumbers = new ArrayList<>();
        for (StoreOrder o : orders) {
            SyncLink link = setup.invoiceLinks().get(Long.toString(o.orderId()));
            if (link != null && link.xeroId() != null) {
                linkedIds.add(link.xeroId());
            } else {
                unlinkedNumbers.add(setup.numberOf(o.orderId()));
            }
        }
        ReadMode mode = ReadMode.choose(read);
        Map<String, XeroInvoice> byXeroId = new HashMap<>();
        Map<String, XeroInvoice> byNumber = new HashMap<>();
        List<XeroInvoice> listed = List.of();
        if (mode == ReadMode.LIST) {
            try {
                listed = xero.invoicesInPeriod(setup.invoicePrefix(), scope.since(), scope.until());
            } catch (XeroApiException.BadRequest | XeroApiException.Validation e) {
                if (read != null && read.equalsIgnoreCase("list")) {
                    throw e;
                }
                log.warn("Xero refused the list of the period's invoices ({}); reading them by IDs, 40 a call, instead "
                        + "(invoices that match no order are not searched this run)", e.getMessage());
                mode = ReadMode.IDS;
            }
            listed.forEach(i -> remember(i, byXeroId, byNumber));
        }
        // linked invoices the list did not show (dated outside the period in Xero, or hidden), and the unlinked numbers
        List<String> missed = linkedIds.stream().filter(id -> !byXeroId.containsKey(id)).toList();
        xero.invoicesByIds(missed).forEach(i -> remember(i, byXeroId, byNumber));
        List<String> unseenNumbers = unlinkedNumbers.stream().filter(n -> !byNumber.containsKey(key(n))).toList();
        xero.invoicesByNumbers(unseenNumbers).stream().filter(i -> "ACCREC".equals(i.type()))
                .forEach(i -> remember(i, byXeroId, byNumber));

        // ---- orders
        Map<String, Long> customersByEmail = orders.stream().anyMatch(StoreOrder::guest) ? store.customersByEmail() : Map.of();
        BigDecimal storeSales = BigDecimal.ZERO.setScale(2);
        BigDecimal xeroSales = BigDecimal.ZERO.setScale(2);
        Set<String> matched = new HashSet<>();
        for (StoreOrder o : orders) {
            String id = Long.toString(o.orderId());
            String number = setup.numberOf(o.orderId());
            BigDecimal total = o.total() == null ? BigDecimal.ZERO.setScale(2) : o.total();
            storeSales = storeSales.add(total);
            SyncLink link = setup.invoiceLinks().get(id);
            XeroInvoice invoice;
            if (link != null && link.xeroId() != null) {
                invoice = byXeroId.get(link.xeroId());
                if (invoice == null) {
                    differences.add(new Difference(Kind.DELETED_IN_XERO, "INVOICE", id, link.xeroId(), number, o.status(),
                            "not found", total, true, "Order " + id + " (" + o.status() + ") is linked to invoice " + number
                                    + " but Xero has no invoice " + link.xeroId() + " any more: re-queued, orderExportJob creates it again"));
                    continue;
                }
            } else {
                invoice = byNumber.get(key(number));
                if (invoice == null) {
                    String error = setup.lastInvoiceErrors().get(id);
                    boolean rejected = link != null && link.state() == SyncLink.State.REJECTED;
                    boolean repairable = error == null && !rejected;
                    differences.add(new Difference(Kind.MISSING_INVOICE, "INVOICE", id, null, number, total.toPlainString(), null,
                            total, repairable, "Order " + id + " (" + o.status() + ", " + total.toPlainString() + ") has no invoice in Xero"
                                    + (error != null ? "; orderExportJob refused it: " + error
                                            : rejected ? "; Xero refused it (see errors --job orderExportJob)"
                                                    : "; orderExportJob sends it on its next full run")));
                    continue;
                }
                if (!invoice.cancelled()) {   // a voided or deleted one is reported as such below (and re-issued by repair)
                    differences.add(new Difference(Kind.UNLINKED_INVOICE, "INVOICE", id, invoice.id(), number, null, invoice.status(),
                            null, true, "Xero has invoice " + number + " for order " + id + " but the connector has no link to it"
                                    + ": orderExportJob links it (by its number) on its next full run"));
                }
            }
            matched.add(invoice.id());
            compare(o, id, number, invoice, customersByEmail, differences);
            if (!invoice.cancelled()) {
                xeroSales = xeroSales.add(invoice.total());
            }
        }

        // ---- Xero invoices with the prefix that match no order of the period
        if (mode == ReadMode.LIST) {
            unknown(listed, matched, byId, differences);
        }
        contactsAndItems(differences);
        return new Report(scope.since(), scope.until(), mode, orders.size(), storeSales, xeroSales, differences, xero.calls());
    }

    private void compare(StoreOrder o, String id, String number, XeroInvoice invoice, Map<String, Long> customersByEmail,
            List<Difference> differences) {
        BigDecimal total = o.total() == null ? BigDecimal.ZERO.setScale(2) : o.total();
        boolean paidInStore = setup.paidStatuses().contains(o.status());
        if (invoice.cancelled()) {
            Kind kind = "VOIDED".equals(invoice.status()) ? Kind.VOIDED_IN_XERO : Kind.DELETED_IN_XERO;
            ReconcileRepair.Reissue reissue = ReconcileRepair.nextIssue(setup.invoicePrefix(), o.orderId(), number,
                    setup.reissuedIssues().get(id));   // the number the repair gives it
            String next = reissue == null ? null : reissue.number();
            differences.add(new Difference(kind, "INVOICE", id, invoice.id(), number, o.status(), invoice.status(), total, next != null,
                    "Order " + id + " is " + o.status() + (paidInStore ? " (paid)" : "") + " but its invoice " + number + " is "
                            + invoice.status() + " in Xero. Xero keeps the number of a " + invoice.status().toLowerCase(Locale.ROOT)
                            + " invoice, so " + (next != null ? "the order is re-issued as " + next + " (reconcile --repair, then"
                                    + " orderExportJob; the " + invoice.status().toLowerCase(Locale.ROOT) + " invoice stays as it is)"
                                    : number + " cannot be issued again, and it is not order " + id + "'s number under the prefix "
                                            + setup.invoicePrefix() + " or a re-issue number would exceed Xero's 255 characters;"
                                            + " copy the invoice in Xero under a new number")
                            + ", or move the order to a status that is not invoiced"));
            return;
        }
        boolean paidInXero = invoice.amountPaid().signum() != 0;
        boolean editable = !paidInXero;
        if (invoice.total().compareTo(total) != 0) {
            differences.add(new Difference(Kind.TOTAL_DIFFERS, "INVOICE", id, invoice.id(), number, total.toPlainString(),
                    invoice.total().toPlainString(), total.subtract(invoice.total()), editable,
                    "Invoice " + number + " Total " + invoice.total().toPlainString() + " differs from order " + id + "'s total "
                            + total.toPlainString() + (editable ? "" : "; not repairable: the invoice has payments in Xero (remove them first)")));
        }
        if (o.tax() != null && invoice.totalTax().compareTo(o.tax()) != 0) {
            differences.add(new Difference(Kind.TAX_DIFFERS, "INVOICE", id, invoice.id(), number, o.tax().toPlainString(),
                    invoice.totalTax().toPlainString(), o.tax().subtract(invoice.totalTax()), editable,
                    "Invoice " + number + " TotalTax " + invoice.totalTax().toPlainString() + " differs from the tax order " + id
                            + " was charged " + o.tax().toPlainString() + (editable ? "" : "; not repairable: the invoice has payments in Xero")));
        }
        String expected = setup.invoiceStatus();
        String actual = "PAID".equals(invoice.status()) ? "AUTHORISED" : invoice.status();
        if (!expected.equals(actual)) {
            boolean forward = statusRank(actual) < statusRank(expected);
            differences.add(new Difference(Kind.STATUS_DIFFERS, "INVOICE", id, invoice.id(), number, expected, invoice.status(), null,
                    forward, "Invoice " + number + " is " + invoice.status() + " in Xero, the connector sends " + expected
                            + (forward ? "" : "; not repairable: Xero cannot move an invoice back to " + expected)));
        }
        String contact = expectedContact(o, customersByEmail);
        if (contact != null && invoice.contactId() != null && !contact.equals(invoice.contactId())) {
            differences.add(new Difference(Kind.CONTACT_DIFFERS, "INVOICE", id, invoice.id(), number, contact, invoice.contactId(), null,
                    true, "Invoice " + number + " is addressed to contact " + invoice.contactId() + ", order " + id + "'s buyer is "
                            + contact));
        }
        if (paidInStore && total.signum() > 0 && invoice.amountPaid().compareTo(invoice.total()) < 0) {
            String account = setup.paymentAccountFor().apply(o.paymentId());
            boolean repairable = account != null && "AUTHORISED".equals(expected);
            differences.add(new Difference(Kind.PAID_NOT_IN_XERO, "PAYMENT", id, invoice.id(), number, o.status(),
                    invoice.status() + " paid " + invoice.amountPaid().toPlainString(), invoice.total().subtract(invoice.amountPaid()),
                    repairable, "Order " + id + " is paid (" + o.status() + ") but invoice " + number + " has "
                            + invoice.total().subtract(invoice.amountPaid()).toPlainString() + " due in Xero"
                            + (repairable ? "; paymentExportJob pays it" : account == null
                                    ? "; not repairable until payment method " + o.paymentId() + " has an account (xero.payment-accounts."
                                            + o.paymentId() + " or xero.payment-account)"
                                    : "; not repairable: xero.invoice-status is " + expected + " and Xero pays AUTHORISED invoices only")));
        } else if (!paidInStore && paidInXero) {
            differences.add(new Difference(Kind.PAID_IN_XERO_NOT_IN_STORE, "PAYMENT", id, invoice.id(), number, o.status(),
                    invoice.status() + " paid " + invoice.amountPaid().toPlainString(), invoice.amountPaid().negate(), false,
                    "Invoice " + number + " has " + invoice.amountPaid().toPlainString() + " paid in Xero but order " + id + " is "
                            + o.status() + ", not a paid status; not repairable by the connector (it never removes payments)"));
        }
    }

    private static int statusRank(String status) {
        return switch (status) {
            case "DRAFT" -> 0;
            case "SUBMITTED" -> 1;
            default -> 2;
        };
    }

    /** The ContactID orderExportJob gives the order's invoice: the customer's contact, else the guest's; null: unknown. */
    private String expectedContact(StoreOrder o, Map<String, Long> customersByEmail) {
        Long customer = o.guest() ? customersByEmail.get(OrderContactFactory.normalisedEmail(o.email())) : Long.valueOf(o.userId());
        SyncLink link = customer != null ? setup.contactLinks().get(Long.toString(customer))
                : setup.guestLinks().get(OrderContactFactory.guestLinkKey(o.email(), o.orderId()));
        return link == null ? null : link.xeroId();
    }

    private void unknown(List<XeroInvoice> listed, Set<String> matched, Map<String, StoreOrder> inScope,
            List<Difference> differences) {
        Set<String> linkedAnywhere = new HashSet<>();
        setup.invoiceLinks().values().forEach(l -> linkedAnywhere.add(l.xeroId()));
        Map<Long, XeroInvoice> candidates = new java.util.LinkedHashMap<>();
        for (XeroInvoice i : listed) {
            if (matched.contains(i.id()) || i.cancelled() || !"ACCREC".equals(i.type()) || setup.reissuedXeroIds().contains(i.id())) {
                continue;
            }
            InvoiceNumbers.Parsed parsed = InvoiceNumbers.parse(setup.invoicePrefix(), i.number());   // CS-12 and re-issues CS-12-2
            long orderId = parsed == null ? -1 : parsed.orderId();
            if (orderId < 0) {
                differences.add(unknownInvoice(i, null, "no order has that number"));
            } else if (!inScope.containsKey(Long.toString(orderId))) {
                candidates.put(orderId, i);
            }
        }
        Map<Long, String> statuses = store.statusesOf(candidates.keySet());
        candidates.forEach((orderId, i) -> {
            String status = statuses.get(orderId);
            if (status == null) {
                differences.add(unknownInvoice(i, null, "the store has no order " + orderId));
            } else if (!setup.creditNoteOrders().contains(Long.toString(orderId))) {
                differences.add(new Difference(Kind.INVOICE_NOT_EXPECTED, "INVOICE", Long.toString(orderId), i.id(), i.number(),
                        status, i.status(), i.total().negate(), false, "Invoice " + i.number() + " (" + i.status() + ", "
                                + i.total().toPlainString() + ") is for order " + orderId + ", whose status " + status
                                + " is not invoiced (sync.order-statuses) and has no credit note; void it with: run orderDeleteJob orderIds="
                                + orderId));
            }
        });
    }

    private static Difference unknownInvoice(XeroInvoice i, String cscartId, String why) {
        return new Difference(Kind.UNKNOWN_INVOICE, "INVOICE", cscartId, i.id(), i.number(), null, i.status(), i.total().negate(),
                false, "Invoice " + i.number() + " (" + i.status() + ", " + i.total().toPlainString()
                        + ") has the connector's prefix but matches no order: " + why);
    }

    private void contactsAndItems(List<Difference> differences) {
        List<Long> customers = store.customers();
        if (!customers.isEmpty()) {
            Map<String, XeroRecord> contacts = new HashMap<>();
            if (!setup.contactLinks().isEmpty()) {
                xero.contacts().forEach(c -> contacts.put(c.id(), c));
            }
            for (Long userId : customers) {
                String id = Long.toString(userId);
                missing(Kind.MISSING_CONTACT, "CONTACT", "customer", id, setup.contactLinks().get(id), contacts,
                        "customerExportJob", differences);
            }
        }
        List<Long> products = store.products();
        if (!products.isEmpty()) {
            Map<String, XeroRecord> items = new HashMap<>();
            if (!setup.itemLinks().isEmpty()) {
                xero.items().forEach(i -> items.put(i.id(), i));
            }
            for (Long productId : products) {
                String id = Long.toString(productId);
                missing(Kind.MISSING_ITEM, "ITEM", "product", id, setup.itemLinks().get(id), items, "productExportJob", differences);
            }
        }
    }

    private static void missing(Kind kind, String entity, String what, String id, SyncLink link, Map<String, XeroRecord> inXero,
            String job, List<Difference> differences) {
        String record = "CONTACT".equals(entity) ? "contact" : "item";
        if (link == null || link.xeroId() == null) {
            boolean rejected = link != null && link.state() == SyncLink.State.REJECTED;
            differences.add(new Difference(kind, entity, id, null, link == null ? null : link.xeroKey(), null, null, null, !rejected,
                    "The " + what + " " + id + " has no " + record + " in Xero" + (rejected ? ": Xero refused it (see errors --job " + job + ")"
                            : ": " + job + " sends it on its next full run")));
            return;
        }
        XeroRecord found = inXero.get(link.xeroId());
        if (found == null) {
            differences.add(new Difference(kind, entity, id, link.xeroId(), link.xeroKey(), null, "not found", null, true,
                    "The " + what + " " + id + "'s " + record + " " + link.xeroKey() + " is gone from Xero: re-queued, " + job
                            + " creates it again"));
        } else if ("ARCHIVED".equals(found.status())) {
            // a customer CS-Cart still has: the next invoice for them would be refused ("The contact ... has been archived")
            boolean restorable = "CONTACT".equals(entity);
            differences.add(new Difference(kind, entity, id, found.id(), found.key(), "ACTIVE", "ARCHIVED", null, restorable,
                    "The " + what + " " + id + "'s " + record + " " + found.key() + " is archived in Xero" + (restorable
                            ? ": re-queued, " + job + " restores it (ContactStatus ACTIVE) before an invoice needs it"
                            : ": restore it in Xero if the " + what + " is still in use")));
        }
    }

    private static void remember(XeroInvoice i, Map<String, XeroInvoice> byId, Map<String, XeroInvoice> byNumber) {
        byId.put(i.id(), i);
        if ("ACCREC".equals(i.type())) {
            byNumber.merge(key(i.number()), i, (a, b) -> a.cancelled() && !b.cancelled() ? b : a);
        }
    }

    private static String key(String number) {
        return number.trim().toLowerCase(Locale.ROOT);
    }
}
