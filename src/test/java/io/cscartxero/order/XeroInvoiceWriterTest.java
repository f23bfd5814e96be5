package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.sync.ConnectorDb;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.testsupport.CsCartFixture;
import io.cscartxero.testsupport.TestDatabase;
import io.cscartxero.testsupport.TestDatabases;
import io.cscartxero.xero.XeroInvoices;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.Invoice;
import io.cscartxero.xero.model.LineItem;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The invoice step's writer given its step execution: buyers' contacts from their links (none: an error row, no call),
 * new invoices in one PUT, a number taken after a crash recovered as an update, Xero's refusals and a total that
 * differs from the order's in the error log. CS-Cart on MariaDB (the fixture), links and errors in a real connector database.
 */
class XeroInvoiceWriterTest {

    private static TestDatabase store;
    private static NamedParameterJdbcTemplate cscart;

    @BeforeAll
    static void createStore() {
        store = TestDatabases.create("invwriter");
        CsCartFixture.create(store.dataSource(), "cscart_");
        cscart = new NamedParameterJdbcTemplate(store.dataSource());
    }

    @AfterAll
    static void dropStore() {
        store.drop();
    }

    /** Xero: refuses account 999, saves a total of 1 cent more for reference "odd", holds CS-9 from a crashed run. */
    static final class Xero extends XeroInvoices {
        final List<String> calls = new ArrayList<>();
        final Map<String, Invoice> held = new HashMap<>();

        Xero() {
            super(null);
            held.put("inv-9", Invoice.request("inv-9", "CS-9", null, "c-5", null, null, null, null, null,
                    List.of(new LineItem("line-9", "old", BigDecimal.ONE, BigDecimal.TEN, null, "200", null, null, null, null))));
        }

        @Override
        public List<Result> create(List<Invoice> invoices) {
            calls.add("PUT " + invoices.size());
            return invoices.stream().map(i -> {
                if (i.invoiceNumber().equals("CS-9")) {
                    return new Result(i, null, ElementResult.<Invoice>rejected(i, List.of("Invoice # must be unique.")));
                }
                if (i.lineItems().stream().anyMatch(l -> "999".equals(l.accountCode()))) {
                    return new Result(i, null, ElementResult.<Invoice>rejected(i, List.of("Account code '999' is not a valid code")));
                }
                BigDecimal total = "odd".equals(i.reference()) ? new BigDecimal("10.01") : BigDecimal.TEN;
                Invoice saved = new Invoice(i.type(), "inv-" + i.invoiceNumber(), i.invoiceNumber(), i.reference(), i.contact(), null,
                        null, "AUTHORISED", null, null, i.lineItems(), null, null, total, null, null, null, null, null);
                return new Result(i, saved, ElementResult.accepted(i, saved.invoiceID()));
            }).toList();
        }

        @Override
        public List<Result> update(List<Invoice> invoices) {
            calls.add("POST " + invoices.size());
            return invoices.stream().map(i -> new Result(i, i, ElementResult.accepted(i, i.invoiceID()))).toList();
        }

        @Override
        public List<Invoice> byIds(Collection<String> ids) {
            calls.add("GET ids " + ids.size());
            return ids.stream().filter(held::containsKey).map(held::get).toList();
        }

        @Override
        public List<Invoice> byNumbers(Collection<String> numbers) {
            calls.add("GET numbers " + numbers.size());
            return held.values().stream().filter(i -> numbers.contains(i.invoiceNumber())).toList();
        }
    }

    private static InvoiceSyncItem order(long orderId, long userId, String account, String reference) {
        OrderRow row = new OrderRow(orderId, userId, "P", 1_700_000_000L, "buyer" + userId + "@example.com", "B", "Uyer", "", "",
                null, null, null, null);
        Invoice invoice = Invoice.request(null, "CS-" + orderId, reference, null, "2026-01-01", "2026-01-31", "AUTHORISED",
                "Exclusive", "USD", List.of(new LineItem(null, "Thing", BigDecimal.ONE, BigDecimal.TEN, null, account, null, null, null, null)));
        return new InvoiceSyncItem(row, invoice, BigDecimal.TEN, "hash-" + orderId);
    }

    private final ConnectorDb db = new ConnectorDb();
    private final Xero xero = new Xero();
    private final StepExecution step = MetaDataInstanceFactory.createStepExecution(
            MetaDataInstanceFactory.createJobExecution("orderExportJob", 1L, 91L), "orderExportStep", 7L);

    private XeroInvoiceWriter writer() {
        CsCartProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("cscart.table-prefix", "cscart_")))
                .bindOrCreate("cscart", CsCartProperties.class);
        db.links.saveAll(ConnectorDb.TENANT, 1, List.of(SyncLink.synced(ContactSyncItem.CUSTOMER_ENTITY, "5", "c-5", "cscart-5", "h")));
        return new XeroInvoiceWriter(xero, new BuyerContacts(new OrderContactFactory(cscart, properties), db.links, ConnectorDb.TENANT),
                new DuplicateInvoiceNumbers(xero), db.recorder, db.errorLog, step);
    }

    @Test
    void sentRefusedAndBuyerlessOrdersEachEndAsLinkOrErrorRow() {
        Chunk<InvoiceSyncItem> chunk = new Chunk<>(new ArrayList<>(List.of(order(1, 5, "200", "ok"), order(2, 6, "200", "ok"),
                order(3, 5, "999", "ok"), order(4, 5, "200", "odd"))));

        writer().write(chunk);

        assertThat(xero.calls).as("one PUT for the three orders with a contact; no contact call").containsExactly("PUT 3");
        Map<String, SyncLink> links = db.links(XeroInvoiceWriter.ENTITY);
        assertThat(links.get("1").xeroId()).isEqualTo("inv-CS-1");
        assertThat(links.get("1").xeroKey()).isEqualTo("CS-1");
        assertThat(links.get("4").state()).as("a total that differs is reported, the invoice is in Xero").isEqualTo(SyncLink.State.SYNCED);
        assertThat(links.get("2").state()).isEqualTo(SyncLink.State.REJECTED);
        assertThat(links.get("3").state()).isEqualTo(SyncLink.State.REJECTED);
        assertThat(chunk.getItems()).extracting(InvoiceSyncItem::cscartId).containsExactly("1", "4");
        assertThat(step.getWriteSkipCount()).isEqualTo(2);

        assertThat(db.errors()).allSatisfy(row -> assertThat(row.stepName()).isEqualTo("orderExportStep"))
                .extracting(ErrorLog.Row::cscartId).containsExactlyInAnyOrder("2", "3", "4");
        assertThat(db.errors()).anySatisfy(row -> {
            assertThat(row.cscartId()).isEqualTo("2");
            assertThat(row.message()).contains("No Xero contact for the buyer");
        });
        assertThat(db.errors()).anySatisfy(row -> {
            assertThat(row.cscartId()).isEqualTo("4");
            assertThat(row.xeroId()).isEqualTo("inv-CS-4");
            assertThat(row.message()).contains("invoice total 10.01 differs from the order total 10");
        });
    }

    @Test
    void aNumberTakenAfterACrashBecomesAnUpdateOfThatInvoiceWithItsLineIds() {
        Chunk<InvoiceSyncItem> chunk = new Chunk<>(new ArrayList<>(List.of(order(9, 5, "200", "ok"))));

        writer().write(chunk);

        assertThat(xero.calls).containsExactly("PUT 1", "GET numbers 1", "GET ids 1", "POST 1");
        assertThat(db.links(XeroInvoiceWriter.ENTITY).get("9").xeroId()).isEqualTo("inv-9");
        assertThat(chunk.getItems()).hasSize(1);
        assertThat(db.errors()).isEmpty();
    }
}
