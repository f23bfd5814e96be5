package io.cscartxero.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.model.Invoice;

/**
 * "Invoice # must be unique" on a create means an earlier run created the invoice and died before linking it: the
 * invoices are looked up by number (one GET for all of them) and become updates of what Xero holds. Nothing is
 * created twice. A number held by a VOIDED or DELETED invoice is not the order's live invoice: never updated (Xero
 * refuses), reported instead ({@code reconcile --repair} re-issues the order under the next number, e.g. CS-12-2).
 */
class DuplicateInvoiceNumbers {

    /**
     * What the look-up found: the items to update (with Xero's InvoiceID), the numbers no invoice has, and those whose
     * invoice is VOIDED or DELETED in Xero (it keeps its number: never updated, the order is re-issued under the next
     * number by {@code reconcile --repair}), with a message each.
     */
    record Recovered(List<InvoiceSyncItem> updates, List<InvoiceSyncItem> notFound, Map<InvoiceSyncItem, String> cancelled) {
    }

    private final XeroInvoices invoices;

    DuplicateInvoiceNumbers(XeroInvoices invoices) {
        this.invoices = invoices;
    }

    static boolean isNumberTaken(XeroInvoices.Result result) {
        return !result.verdict().accepted() && result.verdict().messages().stream().anyMatch(m -> m.contains("must be unique"));
    }

    Recovered recover(List<InvoiceSyncItem> alreadyInXero) {
        List<InvoiceSyncItem> updates = new ArrayList<>();
        List<InvoiceSyncItem> notFound = new ArrayList<>();
        Map<InvoiceSyncItem, String> cancelled = new java.util.LinkedHashMap<>();
        if (alreadyInXero.isEmpty()) {
            return new Recovered(updates, notFound, cancelled);
        }
        Map<String, Invoice> byNumber = new HashMap<>();
        invoices.byNumbers(alreadyInXero.stream().map(i -> i.invoice().invoiceNumber()).toList())
                .forEach(inv -> byNumber.put(inv.invoiceNumber(), inv));
        for (InvoiceSyncItem item : alreadyInXero) {
            Invoice existing = byNumber.get(item.invoice().invoiceNumber());
            if (existing == null) {
                notFound.add(item);
            } else if ("VOIDED".equals(existing.status()) || "DELETED".equals(existing.status())) {
                cancelled.put(item, "Invoice " + existing.invoiceNumber() + " is " + existing.status() + " in Xero, which keeps its"
                        + " number: run reconcile, then reconcile --repair to re-issue order " + item.cscartId()
                        + " under the next number (e.g. " + existing.invoiceNumber() + "-2)");
            } else {
                updates.add(item.withInvoice(item.invoice().withIds(existing.invoiceID(), item.invoice().contact().contactID(),
                        item.invoice().lineItems())));
            }
        }
        return new Recovered(updates, notFound, cancelled);
    }
}
