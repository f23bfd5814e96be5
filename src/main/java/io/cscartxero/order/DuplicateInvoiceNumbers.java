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
 * created twice.
 */
class DuplicateInvoiceNumbers {

    /** What the look-up found: the items to update (with Xero's InvoiceID) and the numbers no invoice has. */
    record Recovered(List<InvoiceSyncItem> updates, List<InvoiceSyncItem> notFound) {
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
        if (alreadyInXero.isEmpty()) {
            return new Recovered(updates, notFound);
        }
        Map<String, Invoice> byNumber = new HashMap<>();
        invoices.byNumbers(alreadyInXero.stream().map(i -> i.invoice().invoiceNumber()).toList())
                .forEach(inv -> byNumber.put(inv.invoiceNumber(), inv));
        for (InvoiceSyncItem item : alreadyInXero) {
            Invoice existing = byNumber.get(item.invoice().invoiceNumber());
            if (existing == null) {
                notFound.add(item);
            } else {
                updates.add(item.withInvoice(item.invoice().withIds(existing.invoiceID(), item.invoice().contact().contactID(),
                        item.invoice().lineItems())));
            }
        }
        return new Recovered(updates, notFound);
    }
}
