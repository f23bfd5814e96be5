package io.cscartxero.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncRecorder;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.model.Invoice;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The order delete step's writer: reads the chunk's invoices in one GET, then sends their status changes in one POST:
 * DRAFT/SUBMITTED → DELETED, anything else → VOIDED (Xero refuses a paid or locked one and says why); an invoice
 * already DELETED/VOIDED (or gone) counts as done. The link goes with the invoice (in the chunk transaction); a
 * refusal goes to the error log with Xero's reason and is a write skip.
 */
class XeroInvoiceVoider implements ItemWriter<SyncLink> {

    private final XeroInvoices invoices;
    private final SyncRecorder recorder;
    private final StepExecution step;

    XeroInvoiceVoider(XeroInvoices invoices, SyncRecorder recorder, StepExecution step) {
        this.invoices = invoices;
        this.recorder = recorder;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends SyncLink> chunk) {
        Map<String, Invoice> current = new HashMap<>();
        invoices.byIds(chunk.getItems().stream().map(SyncLink::xeroId).toList()).forEach(i -> current.put(i.invoiceID(), i));
        List<SyncLink> done = new ArrayList<>();
        List<SyncLink> changing = new ArrayList<>();
        List<Invoice> changes = new ArrayList<>();
        for (SyncLink link : chunk) {
            Invoice invoice = current.get(link.xeroId());
            String status = invoice == null ? "DELETED" : invoice.status();
            switch (status) {
                case "DELETED", "VOIDED" -> done.add(link);   // already out of the books
                case "DRAFT", "SUBMITTED" -> {
                    changing.add(link);
                    changes.add(Invoice.statusChange(link.xeroId(), "DELETED"));
                }
                default -> {   // AUTHORISED (Xero refuses when it has payments), PAID: Xero says why not
                    changing.add(link);
                    changes.add(Invoice.statusChange(link.xeroId(), "VOIDED"));
                }
            }
        }
        List<XeroInvoices.Result> results = invoices.update(changes);
        Map<SyncLink, String> refused = new HashMap<>();
        for (int i = 0; i < changing.size(); i++) {
            if (results.get(i).verdict().accepted()) {
                done.add(changing.get(i));
            } else {
                refused.put(changing.get(i), results.get(i).verdict().message());
            }
        }
        recorder.recordRemovals(step, chunk, done, refused, "InvoiceNumber");
    }
}
