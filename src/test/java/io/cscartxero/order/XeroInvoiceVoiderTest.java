package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Invoice;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;

/**
 * The order delete step's writer: one GET and one POST per chunk; drafts deleted, authorised invoices voided, those
 * already out of the books done; a refusal (paid) logged with Xero's reason; links of what is out go.
 */
class XeroInvoiceVoiderTest {

    /** Xero holding invoices by id with a status; refuses to void a PAID one, as Xero does. */
    static final class Xero extends XeroInvoices {
        final Map<String, String> status = new HashMap<>();
        final List<String> calls = new ArrayList<>();

        Xero() {
            super(null);
        }

        @Override
        public List<Invoice> byIds(Collection<String> ids) {
            calls.add("GET " + ids.size());
            return ids.stream().filter(status::containsKey).map(id -> statusOf(id, status.get(id))).toList();
        }

        @Override
        public List<Result> update(List<Invoice> changes) {
            calls.add("POST " + changes.size());
            return changes.stream().map(change -> {
                if ("PAID".equals(status.get(change.invoiceID()))) {
                    return new Result(change, null, ElementResult.<Invoice>rejected(change,
                            List.of("Invoice not of valid status for modification")));
                }
                status.put(change.invoiceID(), change.status());
                return new Result(change, statusOf(change.invoiceID(), change.status()), ElementResult.accepted(change, change.invoiceID()));
            }).toList();
        }

        private static Invoice statusOf(String id, String status) {
            return Invoice.statusChange(id, status);
        }
    }

    @Test
    void draftsDeletedAuthorisedVoidedGoneOnesDonePaidOnesRefused() {
        ConnectorDb db = new ConnectorDb();
        Xero xero = new Xero();
        xero.status.putAll(Map.of("inv-1", "DRAFT", "inv-2", "AUTHORISED", "inv-3", "VOIDED", "inv-5", "PAID"));
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(SyncLink.synced("INVOICE", "1", "inv-1", "CS-1", "h"),
                SyncLink.synced("INVOICE", "2", "inv-2", "CS-2", "h"), SyncLink.synced("INVOICE", "3", "inv-3", "CS-3", "h"),
                SyncLink.synced("INVOICE", "4", "inv-4", "CS-4", "h"), SyncLink.synced("INVOICE", "5", "inv-5", "CS-5", "h")));
        List<SyncLink> linked = new ArrayList<>(db.links("INVOICE").values());
        linked.sort(java.util.Comparator.comparing(SyncLink::cscartId));
        StepExecution step = MetaDataInstanceFactory.createStepExecution(
                MetaDataInstanceFactory.createJobExecution("orderDeleteJob", 1L, 61L), "orderDeleteStep", 4L);
        Chunk<SyncLink> chunk = new Chunk<>(new ArrayList<>(linked));

        new XeroInvoiceVoider(xero, db.recorder, step).write(chunk);

        assertThat(xero.calls).containsExactly("GET 5", "POST 3");
        assertThat(xero.status).containsEntry("inv-1", "DELETED").containsEntry("inv-2", "VOIDED").containsEntry("inv-5", "PAID");
        assertThat(db.links("INVOICE")).containsOnlyKeys("5");
        assertThat(chunk.getItems()).extracting(SyncLink::cscartId).containsExactlyInAnyOrder("1", "2", "3", "4");
        assertThat(step.getWriteSkipCount()).isEqualTo(1);
        assertThat(db.errors()).singleElement().satisfies(row -> {
            assertThat(row.jobName()).isEqualTo("orderDeleteJob");
            assertThat(row.stepName()).isEqualTo("orderDeleteStep");
            assertThat(row.cscartId()).isEqualTo("5");
            assertThat(row.message()).isEqualTo("Invoice not of valid status for modification");
            assertThat(row.payloadSummary()).isEqualTo("InvoiceNumber=CS-5");
        });
    }
}
