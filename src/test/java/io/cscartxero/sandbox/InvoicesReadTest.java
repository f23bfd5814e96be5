package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.accrec;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import tools.jackson.databind.JsonNode;

class InvoicesReadTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final String ada = fx.contact("Ada");
    final String bob = fx.contact("Bob");

    /** INV-0001..n: n invoices alternating Ada (DRAFT) and Bob (AUTHORISED), references R1..Rn. */
    List<String> seed(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String element = with(accrec(i % 2 == 1 ? ada : bob, i % 2 == 1 ? "DRAFT" : "AUTHORISED",
                    line("line " + i, "1", String.valueOf(i), "200", "OUTPUT2")), "\"Reference\":\"R" + i + "\"");
            ids.add(fx.create(element).get("InvoiceID").asString());
        }
        return ids;
    }

    static List<String> numbers(JsonNode invoices) {
        List<String> list = new ArrayList<>();
        invoices.forEach(i -> list.add(i.get("InvoiceNumber").asString()));
        return list;
    }

    @Test
    void unpagedListsOmitLineItemsAndPagedOnesCarryThem() {
        seed(3);

        Reply unpaged = http.get("/Invoices");
        assertThat(unpaged.json().has("pagination")).isFalse();
        assertThat(numbers(unpaged.list("Invoices"))).containsExactly("INV-0001", "INV-0002", "INV-0003");
        assertThat(unpaged.list("Invoices").get(0).has("LineItems")).isFalse();
        assertThat(unpaged.list("Invoices").get(0).get("Total").toString()).isEqualTo("1.15");

        Reply paged = http.get("/Invoices?page=1");
        JsonNode pagination = paged.json().get("pagination");
        assertThat(pagination.get("page").asInt()).isEqualTo(1);
        assertThat(pagination.get("pageSize").asInt()).isEqualTo(100);
        assertThat(pagination.get("pageCount").asInt()).isEqualTo(1);
        assertThat(pagination.get("itemCount").asInt()).isEqualTo(3);
        assertThat(paged.list("Invoices").get(0).get("LineItems").size()).isEqualTo(1);
    }

    @Test
    void pagesAreClampedAndOrderedByUpdate() {
        seed(5);

        Reply page2 = http.get("/Invoices?page=2&pageSize=2");
        assertThat(numbers(page2.list("Invoices"))).containsExactly("INV-0003", "INV-0004");
        assertThat(page2.json().get("pagination").get("pageCount").asInt()).isEqualTo(3);
        assertThat(http.get("/Invoices?page=9&pageSize=2").list("Invoices").size()).isZero();
        assertThat(http.get("/Invoices?page=1&pageSize=5000").json().get("pagination").get("pageSize").asInt())
                .isEqualTo(1000);

        // an update moves the invoice to the end of the default order
        http.post("/Invoices/INV-0001", InvoiceFixture.invoices("{\"Reference\":\"touched\"}"));
        assertThat(numbers(http.get("/Invoices").list("Invoices"))).endsWith("INV-0001");
    }

    @Test
    void filtersByIdsNumbersContactsAndStatuses() {
        List<String> ids = seed(4);

        assertThat(numbers(http.get("/Invoices?IDs=" + ids.get(0) + "," + ids.get(2)).list("Invoices")))
                .containsExactly("INV-0001", "INV-0003");
        assertThat(numbers(http.get("/Invoices?InvoiceNumbers=inv-0002,INV-0004").list("Invoices")))
                .containsExactly("INV-0002", "INV-0004");
        assertThat(numbers(http.get("/Invoices?ContactIDs=" + bob).list("Invoices")))
                .containsExactly("INV-0002", "INV-0004");
        Reply statuses = http.get("/Invoices?Statuses=DRAFT");
        assertThat(numbers(statuses.list("Invoices"))).containsExactly("INV-0001", "INV-0003");
        assertThat(statuses.json().has("pagination")).isTrue(); // Statuses forces paging
        assertThat(http.get("/Invoices?IDs=nonsense").status()).isEqualTo(500);
    }

    @Test
    void whereOnReferenceNumberStatusTypeContactAndAmounts() {
        seed(4);

        assertThat(numbers(get("Reference==\"R3\""))).containsExactly("INV-0003");
        assertThat(numbers(get("InvoiceNumber==\"INV-0002\""))).containsExactly("INV-0002");
        assertThat(numbers(get("Status==\"AUTHORISED\" AND Type==\"ACCREC\""))).containsExactly("INV-0002", "INV-0004");
        assertThat(numbers(get("Contact.ContactID==Guid(\"" + ada + "\")"))).containsExactly("INV-0001", "INV-0003");
        assertThat(numbers(get("Contact.Name==\"bob\""))).containsExactly("INV-0002", "INV-0004");
        assertThat(numbers(get("AmountDue >= 3.45"))).containsExactly("INV-0003", "INV-0004");
        assertThat(numbers(get("Date >= DateTime(2000, 1, 1) && Reference.StartsWith(\"R\")"))).hasSize(4);

        Reply bad = http.get("/Invoices?where=" + SandboxHttp.enc("Colour==\"x\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Message").asString()).isEqualTo("No property or field 'Colour' exists in type 'Invoice'");
    }

    /** What reconcileJob asks: the prefix's invoices of a period in pages, and IDs in batches; cancelled ones included. */
    @Test
    void theReconciliationsQueriesAndAnInvoiceDeletedBehindTheAppsBack() {
        List<String> ids = seed(4);
        assertThat(http.post("/Invoices/" + ids.get(1), "{\"Invoices\":[{\"Status\":\"VOIDED\"}]}").status()).isEqualTo(200);
        // Xero's API deletes only drafts: an approved invoice is refused, the test helper deletes it all the same
        Reply refused = http.post("/Invoices/" + ids.get(3), "{\"Invoices\":[{\"Status\":\"DELETED\"}]}");
        assertThat(refused.status()).isEqualTo(400);
        fx.sandbox.deleteInvoice(ids.get(3));
        assertThat(http.get("/Invoices/" + ids.get(3)).list("Invoices").get(0).get("Status").asString()).isEqualTo("DELETED");

        String period = "Type==\"ACCREC\" && Date>=DateTime(2000,01,01) && Date<=DateTime(2100,12,31) && InvoiceNumber.StartsWith(\"INV-000\")";
        Reply page = http.get("/Invoices?summaryOnly=true&page=1&pageSize=1000&where=" + SandboxHttp.enc(period));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(numbers(page.list("Invoices"))).containsExactlyInAnyOrder("INV-0001", "INV-0002", "INV-0003", "INV-0004");
        assertThat(page.list("Invoices").get(0).has("LineItems")).isFalse();
        assertThat(page.list("Invoices").get(0).has("AmountPaid")).isTrue();
        assertThat(numbers(get("Type==\"ACCREC\" && Date<=DateTime(1999,12,31)"))).isEmpty();
        assertThat(numbers(get("InvoiceNumber.StartsWith(\"CS-\")"))).isEmpty();

        Reply batch = http.get("/Invoices?summaryOnly=true&page=1&pageSize=40&IDs=" + String.join(",", ids));
        List<String> statuses = new ArrayList<>();
        batch.list("Invoices").forEach(i -> statuses.add(i.get("Status").asString()));
        assertThat(statuses).containsExactlyInAnyOrder("DRAFT", "VOIDED", "DRAFT", "DELETED");
    }

    JsonNode get(String where) {
        Reply reply = http.get("/Invoices?where=" + SandboxHttp.enc(where));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.list("Invoices");
    }

    @Test
    void ifModifiedSinceReturnsInvoicesChangedFromThatSecond() {
        seed(2);
        fx.sandbox.clock().advance(Duration.ofMinutes(5));
        Instant cut = fx.sandbox.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        fx.sandbox.clock().advance(Duration.ofSeconds(1));
        http.post("/Invoices/INV-0001", InvoiceFixture.invoices("{\"Reference\":\"changed\"}"));

        JsonNode changed = http.get("/Invoices", "If-Modified-Since", DateTimeFormatter.ISO_INSTANT.format(cut))
                .list("Invoices");
        assertThat(numbers(changed)).containsExactly("INV-0001");
    }

    @Test
    void paymentsChangeUpdatedDateUtc() {
        String id = fx.authorised(ada);
        fx.sandbox.clock().advance(Duration.ofMinutes(5));
        Instant cut = fx.sandbox.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        fx.sandbox.clock().advance(Duration.ofSeconds(1));

        fx.sandbox.pay(id, java.math.BigDecimal.TEN);

        assertThat(http.get("/Invoices", "If-Modified-Since", DateTimeFormatter.ISO_INSTANT.format(cut))
                .list("Invoices").size()).isEqualTo(1);
    }

    @Test
    void createdByMyAppListsInvoicesCreatedWithThisAppsClientId() {
        seed(2);
        // the sandbox serves one app, so every invoice written through the API is "mine"
        assertThat(numbers(http.get("/Invoices?createdByMyApp=true").list("Invoices")))
                .containsExactly("INV-0001", "INV-0002");
        assertThat(http.get("/Invoices?createdByMyApp=false").list("Invoices").size()).isEqualTo(2);
    }

    @Test
    void singleInvoiceByIdOrNumber() {
        List<String> ids = seed(2);

        Reply byId = http.get("/Invoices/" + ids.get(1));
        assertThat(byId.status()).isEqualTo(200);
        JsonNode inv = byId.list("Invoices").get(0);
        assertThat(inv.get("InvoiceNumber").asString()).isEqualTo("INV-0002");
        assertThat(inv.get("LineItems").size()).isEqualTo(1);
        assertThat(inv.get("Payments").isArray()).isTrue();

        assertThat(http.get("/Invoices/inv-0001").list("Invoices").get(0).get("InvoiceID").asString()).isEqualTo(ids.get(0));
        Reply missing = http.get("/Invoices/INV-9999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("The resource you're looking for cannot be found");
    }

    @Test
    void summaryOnlyIsPagedAndStripped() {
        seed(2);
        Reply summary = http.get("/Invoices?summaryOnly=true");
        assertThat(summary.json().has("pagination")).isTrue();
        JsonNode first = summary.list("Invoices").get(0);
        assertThat(first.has("LineItems")).isFalse();
        assertThat(first.has("Payments")).isFalse();
        assertThat(first.has("HasAttachments")).isFalse();
        assertThat(first.get("Total").toString()).isEqualTo("1.15");
    }

    @Test
    void unitdpFourOnReads() {
        http.put("/Invoices?unitdp=4", InvoiceFixture.invoices(accrec(ada, null, line("p", "3", "1.2345", "200", null))));
        JsonNode four = http.get("/Invoices/INV-0001?unitdp=4").list("Invoices").get(0).get("LineItems").get(0);
        assertThat(four.get("UnitAmount").toString()).isEqualTo("1.2345");
        JsonNode two = http.get("/Invoices/INV-0001").list("Invoices").get(0).get("LineItems").get(0);
        assertThat(two.get("UnitAmount").toString()).isEqualTo("1.23");
        assertThat(two.get("LineAmount").toString()).isEqualTo("3.70");
    }
}
