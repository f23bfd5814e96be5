package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.accrec;
import static io.cscartxero.sandbox.InvoiceFixture.invoices;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.messages;
import static io.cscartxero.sandbox.InvoiceFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import tools.jackson.databind.JsonNode;

class InvoicesWriteTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final XeroSandbox sandbox = fx.sandbox;
    final String ada = fx.contact("Ada Lovelace");

    @Test
    void putCreatesADraftWithComputedAmounts() {
        Reply reply = http.put("/Invoices", invoices(with(accrec(ada, null, line("Acme Tires", "2", "20", "200", "OUTPUT2")),
                "\"Reference\":\"order 17\"")));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode inv = reply.list("Invoices").get(0);
        assertThat(inv.get("Type").asString()).isEqualTo("ACCREC");
        assertThat(inv.get("InvoiceID").asString()).matches("[0-9a-f-]{36}");
        assertThat(inv.get("InvoiceNumber").asString()).isEqualTo("INV-0001");
        assertThat(inv.get("Reference").asString()).isEqualTo("order 17");
        assertThat(inv.get("Status").asString()).isEqualTo("DRAFT");
        assertThat(inv.get("LineAmountTypes").asString()).isEqualTo("Exclusive");
        assertThat(inv.get("CurrencyCode").asString()).isEqualTo("USD");
        assertThat(inv.get("CurrencyRate").toString()).isEqualTo("1.000000");
        assertThat(inv.get("Contact").get("ContactID").asString()).isEqualTo(ada);
        assertThat(inv.get("Contact").get("Name").asString()).isEqualTo("Ada Lovelace");
        LocalDate today = LocalDate.ofInstant(sandbox.clock().instant(), ZoneOffset.UTC);
        assertThat(inv.get("DateString").asString()).isEqualTo(today + "T00:00:00");
        assertThat(inv.get("Date").asString()).isEqualTo(
                "/Date(" + today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + "+0000)/");
        assertThat(inv.get("DueDateString").asString()).isEqualTo("2030-01-31T00:00:00");
        JsonNode l = inv.get("LineItems").get(0);
        assertThat(l.get("LineItemID").asString()).matches("[0-9a-f-]{36}");
        assertThat(l.get("Quantity").toString()).isEqualTo("2.0000");
        assertThat(l.get("UnitAmount").toString()).isEqualTo("20.00");
        assertThat(l.get("LineAmount").toString()).isEqualTo("40.00");
        assertThat(l.get("TaxAmount").toString()).isEqualTo("6.00");
        assertThat(l.get("AccountID").asString()).matches("[0-9a-f-]{36}");
        assertThat(inv.get("SubTotal").toString()).isEqualTo("40.00");
        assertThat(inv.get("TotalTax").toString()).isEqualTo("6.00");
        assertThat(inv.get("Total").toString()).isEqualTo("46.00");
        assertThat(inv.get("AmountDue").toString()).isEqualTo("46.00");
        assertThat(inv.get("AmountPaid").toString()).isEqualTo("0.00");
        assertThat(inv.get("HasErrors").asBoolean()).isFalse();
        assertThat(inv.get("UpdatedDateUTC").asString()).matches("/Date\\(\\d+\\+0000\\)/");
        assertThat(inv.has("StatusAttributeString")).isFalse();

        SandboxInvoice stored = sandbox.invoices().get(0);
        assertThat(stored.invoiceId()).isEqualTo(inv.get("InvoiceID").asString());
        assertThat(stored.invoiceNumber()).isEqualTo("INV-0001");
        assertThat(stored.contactId()).isEqualTo(ada);
        assertThat(stored.total()).isEqualByComparingTo("46.00");
        assertThat(stored.amountDue()).isEqualByComparingTo("46.00");
        assertThat(stored.date()).isEqualTo(today);
        assertThat(stored.dueDate()).isEqualTo(LocalDate.of(2030, 1, 31));
        assertThat(stored.lines()).singleElement().satisfies(line -> {
            assertThat(line.lineItemId()).isEqualTo(l.get("LineItemID").asString());
            assertThat(line.lineAmount()).isEqualByComparingTo("40.00");
            assertThat(line.taxType()).isEqualTo("OUTPUT2");
        });
    }

    @Test
    void taxIsRoundedPerLineLikeXero() {
        JsonNode inv = fx.create(accrec(ada, "AUTHORISED", line("a", "1", "25.06", "200", "OUTPUT2"),
                line("b", "1", "25.61", "200", "OUTPUT2"), line("c", "1", "25.63", "200", "OUTPUT2")));

        assertThat(inv.get("TotalTax").toString()).isEqualTo("11.44");
        assertThat(inv.get("SubTotal").toString()).isEqualTo("76.30");
        assertThat(inv.get("Total").toString()).isEqualTo("87.74");
        assertThat(inv.get("LineItems").get(0).get("TaxAmount").toString()).isEqualTo("3.76");
        assertThat(inv.get("LineItems").get(1).get("TaxAmount").toString()).isEqualTo("3.84");
        assertThat(inv.get("LineItems").get(2).get("TaxAmount").toString()).isEqualTo("3.84");
    }

    @Test
    void inclusiveAndNoTaxAmounts() {
        JsonNode inclusive = fx.create(with(accrec(ada, null, line("gift", "1", "20", "200", "OUTPUT2")),
                "\"LineAmountTypes\":\"Inclusive\""));
        assertThat(inclusive.get("LineItems").get(0).get("TaxAmount").toString()).isEqualTo("2.61");
        assertThat(inclusive.get("SubTotal").toString()).isEqualTo("17.39");
        assertThat(inclusive.get("Total").toString()).isEqualTo("20.00");

        JsonNode noTax = fx.create(with(accrec(ada, null, line("gift", "1", "20", "200", "OUTPUT2")),
                "\"LineAmountTypes\":\"NoTax\""));
        assertThat(noTax.get("LineItems").get(0).get("TaxAmount").toString()).isEqualTo("0.00");
        assertThat(noTax.get("Total").toString()).isEqualTo("20.00");

        // changing LineAmountTypes alone recomputes the tax of the stored lines
        Reply switched = http.post("/Invoices/" + inclusive.get("InvoiceID").asString(),
                invoices("{\"LineAmountTypes\":\"Exclusive\"}"));
        assertThat(switched.list("Invoices").get(0).get("Total").toString()).isEqualTo("23.00");
    }

    @Test
    void customTaxRatesApplyPerLine() {
        sandbox.addTaxRate("SALES825", "Sales tax 8.25%", new BigDecimal("8.25"));

        JsonNode inv = fx.create(accrec(ada, "AUTHORISED", line("a", "3", "19.99", "200", "SALES825")));

        assertThat(inv.get("LineItems").get(0).get("TaxAmount").toString()).isEqualTo("4.95"); // 59.97 × 8.25 % = 4.9475
        assertThat(inv.get("Total").toString()).isEqualTo("64.92");
    }

    @Test
    void discountRateReducesTheLineAmount() {
        JsonNode inv = fx.create(accrec(ada, null, "{\"Description\":\"d\",\"Quantity\":3,\"UnitAmount\":10,"
                + "\"DiscountRate\":10,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\"}"));

        JsonNode l = inv.get("LineItems").get(0);
        assertThat(l.get("LineAmount").toString()).isEqualTo("27.00");
        assertThat(l.get("DiscountRate").toString()).isEqualTo("10.00");
        assertThat(l.get("TaxAmount").toString()).isEqualTo("4.05");
        assertThat(inv.get("IsDiscounted").asBoolean()).isTrue();
        assertThat(inv.get("TotalDiscount").toString()).isEqualTo("3.00");
    }

    @Test
    void unitAmountHasTwoDecimalsUnlessUnitdpIsFour() {
        JsonNode two = fx.create(accrec(ada, null, line("p", "100", "0.12345", "200", "NONE")));
        assertThat(two.get("LineItems").get(0).get("UnitAmount").toString()).isEqualTo("0.12");
        assertThat(two.get("Total").toString()).isEqualTo("12.00");

        Reply four = http.put("/Invoices?unitdp=4", invoices(accrec(ada, null, line("p", "100", "0.12345", "200", "NONE"))));
        JsonNode l = four.list("Invoices").get(0).get("LineItems").get(0);
        assertThat(l.get("UnitAmount").toString()).isEqualTo("0.1235");
        assertThat(l.get("LineAmount").toString()).isEqualTo("12.35"); // summary values stay at 2 dp
        assertThat(sandbox.invoices().get(1).lines().get(0).unitAmount()).isEqualTo(new BigDecimal("0.1235"));
    }

    @Test
    void aFourDecimalLineRoundingBelowOneCentGetsXerosMisleadingErrors() {
        Reply reply = http.put("/Invoices?unitdp=4", invoices(accrec(ada, "AUTHORISED",
                line("tiny", "1", "0.0001", "200", "OUTPUT2"))));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementErrors(0)).containsExactly("Account must be valid.", "Tax rate must be valid.");
    }

    @Test
    void aSentTotalIsIgnored() {
        JsonNode inv = fx.create(with(accrec(ada, null, line("x", "1", "10", "200", "OUTPUT2")),
                "\"Total\":999", "\"SubTotal\":1", "\"TotalTax\":2"));
        assertThat(inv.get("Total").toString()).isEqualTo("11.50");
    }

    /**
     * What reconcile --repair relies on: a restored contact (ContactStatus ACTIVE) takes invoices again, and a voided
     * or deleted invoice keeps its number (the order is re-issued under another).
     */
    @Test
    void aRestoredContactTakesInvoicesAndCancelledInvoicesKeepTheirNumbers() {
        String gone = fx.contact("Gone Away");
        fx.archive(gone);
        String element = with(accrec(gone, "AUTHORISED", line("x", "1", "1", "200", null)), "\"InvoiceNumber\":\"CS-7\"");
        Reply refused = http.put("/Invoices", invoices(element));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.elementError(0)).startsWith("The contact with the specified contact details has been archived.");
        Reply restored = http.post("/Contacts", SandboxHttp.contacts("{\"ContactID\":\"" + gone + "\",\"ContactStatus\":\"ACTIVE\"}"));
        assertThat(restored.status()).isEqualTo(200);
        JsonNode voided = fx.create(element);
        JsonNode deleted = fx.create(with(accrec(gone, "SUBMITTED", line("x", "1", "1", "200", null)), "\"InvoiceNumber\":\"CS-8\""));
        assertThat(http.post("/Invoices", invoices("{\"InvoiceID\":\"" + voided.get("InvoiceID").asString() + "\",\"Status\":\"VOIDED\"}"))
                .status()).isEqualTo(200);
        assertThat(http.post("/Invoices", invoices("{\"InvoiceID\":\"" + deleted.get("InvoiceID").asString() + "\",\"Status\":\"DELETED\"}"))
                .status()).isEqualTo(200);
        for (String number : java.util.List.of("CS-7", "CS-8")) {
            Reply again = http.put("/Invoices", invoices(with(accrec(ada, "AUTHORISED", line("x", "1", "1", "200", null)),
                    "\"InvoiceNumber\":\"" + number + "\"")));
            assertThat(again.status()).as(number).isEqualTo(400);
            assertThat(again.elementError(0)).isEqualTo("Invoice # must be unique.");
        }
        assertThat(fx.create(with(accrec(ada, "AUTHORISED", line("x", "1", "1", "200", null)), "\"InvoiceNumber\":\"CS-7-2\""))
                .get("InvoiceNumber").asString()).isEqualTo("CS-7-2");
    }

    @Test
    void invoiceNumbersAreUniqueForAccrecAndGeneratedWhenAbsent() {
        fx.create(with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"InvoiceNumber\":\"INV-0002\""));
        JsonNode generated = fx.create(accrec(ada, null, line("x", "1", "1", "200", null)));
        assertThat(generated.get("InvoiceNumber").asString()).isEqualTo("INV-0001");
        JsonNode skipped = fx.create(accrec(ada, null, line("x", "1", "1", "200", null)));
        assertThat(skipped.get("InvoiceNumber").asString()).isEqualTo("INV-0003"); // INV-0002 was taken

        Reply duplicate = http.put("/Invoices", invoices(with(accrec(ada, null, line("x", "1", "1", "200", null)),
                "\"InvoiceNumber\":\"inv-0002\"")));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.elementError(0)).isEqualTo("Invoice # must be unique.");

        // bills (ACCPAY) may repeat numbers
        String bill = "{\"Type\":\"ACCPAY\",\"Contact\":{\"ContactID\":\"" + ada + "\"},\"InvoiceNumber\":\"INV-0002\","
                + "\"LineItems\":[" + line("b", "1", "5", "429", "INPUT2") + "]}";
        assertThat(http.put("/Invoices", invoices(bill)).status()).isEqualTo(200);
        assertThat(http.put("/Invoices", invoices(bill)).status()).isEqualTo(200);
    }

    @Test
    void invoiceNumberAndReferenceLimits() {
        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(
                with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"InvoiceNumber\":\"" + "9".repeat(256) + "\""),
                with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"InvoiceNumber\":\"Ünïcode\""),
                with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"Reference\":\"" + "r".repeat(256) + "\"")));

        JsonNode list = reply.list("Invoices");
        assertThat(messages(list.get(0))).containsExactly("InvoiceNumber must not be more than 255 characters long.");
        assertThat(messages(list.get(1))).containsExactly("Invoice number must contain printable ASCII characters only.");
        assertThat(messages(list.get(2))).containsExactly("Reference must not be more than 255 characters long.");
        assertThat(sandbox.invoices()).isEmpty();
    }

    @Test
    void putIsCreateOnlyAndPostMatchesByIdOrNumber() {
        JsonNode inv = fx.create(with(accrec(ada, null, line("x", "1", "10", "200", "OUTPUT2")), "\"InvoiceNumber\":\"WEB-1\""));
        String id = inv.get("InvoiceID").asString();

        Reply putAgain = http.put("/Invoices", invoices("{\"InvoiceID\":\"" + id + "\",\"Reference\":\"x\"}"));
        assertThat(putAgain.status()).isEqualTo(400);
        assertThat(putAgain.elementError(0)).isEqualTo("An invoice with InvoiceID " + id
                + " already exists. Use POST to update an invoice.");

        Reply byNumber = http.post("/Invoices", invoices("{\"InvoiceNumber\":\"web-1\",\"Reference\":\"updated\"}"));
        assertThat(byNumber.status()).isEqualTo(200);
        assertThat(byNumber.list("Invoices").get(0).get("InvoiceID").asString()).isEqualTo(id);
        assertThat(sandbox.invoices()).hasSize(1);
        assertThat(sandbox.invoices().get(0).reference()).isEqualTo("updated");
        assertThat(sandbox.invoices().get(0).total()).isEqualByComparingTo("11.50"); // lines kept

        Reply byId = http.post("/Invoices", invoices("{\"InvoiceID\":\"" + id + "\",\"DueDate\":\"2031-05-01\"}"));
        assertThat(byId.status()).isEqualTo(200);
        assertThat(sandbox.invoices().get(0).dueDate()).isEqualTo(LocalDate.of(2031, 5, 1));
        assertThat(sandbox.invoices().get(0).reference()).isEqualTo("updated");

        Reply byPathNumber = http.post("/Invoices/WEB-1", invoices("{\"Reference\":\"via path\"}"));
        assertThat(byPathNumber.status()).isEqualTo(200);
        assertThat(sandbox.invoices().get(0).reference()).isEqualTo("via path");

        Reply unknown = http.post("/Invoices", invoices("{\"InvoiceID\":\"00000000-0000-0000-0000-0000000000aa\"}"));
        assertThat(unknown.elementError(0)).isEqualTo("The document with the supplied id was not found for this endpoint.");
        assertThat(http.post("/Invoices/00000000-0000-0000-0000-0000000000aa", invoices("{}")).status()).isEqualTo(404);
    }

    @Test
    void lineItemsAreUpdatedAddedAndDeletedByLineItemId() {
        JsonNode inv = fx.create(accrec(ada, null, line("first", "1", "10", "200", "OUTPUT2"),
                line("second", "1", "20", "200", "OUTPUT2")));
        String id = inv.get("InvoiceID").asString();
        String first = inv.get("LineItems").get(0).get("LineItemID").asString();

        Reply reply = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + first
                + "\",\"Quantity\":3},{\"Description\":\"third\",\"Quantity\":1,\"UnitAmount\":5,\"AccountCode\":\"210\"}]}"));

        assertThat(reply.status()).isEqualTo(200);
        SandboxInvoice stored = sandbox.invoices().get(0);
        assertThat(stored.lines()).extracting(SandboxLine::description).containsExactly("first", "third");
        SandboxLine updated = stored.lines().get(0);
        assertThat(updated.lineItemId()).isEqualTo(first);
        assertThat(updated.quantity()).isEqualByComparingTo("3");
        assertThat(updated.unitAmount()).isEqualByComparingTo("10"); // omitted elements of the line are kept
        assertThat(updated.lineAmount()).isEqualByComparingTo("30.00");
        SandboxLine added = stored.lines().get(1);
        assertThat(added.lineItemId()).isNotEqualTo(first);
        assertThat(added.taxType()).isEqualTo("OUTPUT2"); // the account's default tax type
        assertThat(stored.subTotal()).isEqualByComparingTo("35.00");
        assertThat(stored.totalTax()).isEqualByComparingTo("5.25");
    }

    @Test
    void itemCodeLinesTakeTheItemsSalesDefaults() {
        http.put("/Items", "{\"Items\":[{\"Code\":\"SKU-9\",\"Name\":\"Strat\",\"Description\":\"Fender Strat\","
                + "\"SalesDetails\":{\"UnitPrice\":500,\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT\"}}]}");

        JsonNode inv = fx.create(accrec(ada, "AUTHORISED", "{\"ItemCode\":\"sku-9\",\"Quantity\":2}"));

        JsonNode l = inv.get("LineItems").get(0);
        assertThat(l.get("ItemCode").asString()).isEqualTo("SKU-9");
        assertThat(l.get("Item").get("Code").asString()).isEqualTo("SKU-9");
        assertThat(l.get("Description").asString()).isEqualTo("Fender Strat");
        assertThat(l.get("UnitAmount").toString()).isEqualTo("500.00");
        assertThat(l.get("AccountCode").asString()).isEqualTo("200");
        assertThat(l.get("TaxType").asString()).isEqualTo("OUTPUT");
        assertThat(inv.get("Total").toString()).isEqualTo("1100.00");

        Reply unknown = http.put("/Invoices", invoices(accrec(ada, null, "{\"ItemCode\":\"NOPE\",\"Description\":\"x\"}")));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.elementError(0)).isEqualTo("Item code 'NOPE' is not valid.");
    }

    @Test
    void contactRules() {
        String gone = fx.contact("Gone Away");
        fx.archive(gone);

        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(
                accrec(gone, null, line("x", "1", "1", "200", null)),
                accrec("00000000-0000-0000-0000-0000000000cc", null, line("x", "1", "1", "200", null)),
                "{\"Type\":\"ACCREC\",\"LineItems\":[" + line("x", "1", "1", "200", null) + "]}",
                "{\"Type\":\"ACCREC\",\"Contact\":{},\"LineItems\":[" + line("x", "1", "1", "200", null) + "]}",
                "{\"Type\":\"ACCREC\",\"Contact\":{\"ContactNumber\":\"nobody\"},\"LineItems\":[" + line("x", "1", "1", "200", null) + "]}",
                "{\"Type\":\"ACCREC\",\"Contact\":{\"Name\":\"ada lovelace\"},\"LineItems\":[" + line("x", "1", "1", "200", null) + "]}",
                "{\"Type\":\"ACCREC\",\"Contact\":{\"Name\":\"Brand New\"},\"LineItems\":[" + line("x", "1", "1", "200", null) + "]}"));

        JsonNode list = reply.list("Invoices");
        assertThat(messages(list.get(0))).containsExactly("The contact with the specified contact details has been"
                + " archived. The contact must be un-archived before creating new invoices or credit notes.");
        assertThat(messages(list.get(1))).containsExactly("The contact with the specified contact details could not be found.");
        String identify = "The Contact must contain at least 1 of the following elements to identify the contact:"
                + " Name, ContactID, ContactNumber";
        assertThat(messages(list.get(2))).containsExactly(identify);
        assertThat(messages(list.get(3))).containsExactly(identify);
        assertThat(messages(list.get(4))).containsExactly("The contact with the specified contact details could not be found.");
        assertThat(list.get(5).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(list.get(5).get("Contact").get("ContactID").asString()).isEqualTo(ada);
        assertThat(list.get(6).get("StatusAttributeString").asString()).isEqualTo("OK");
        // an unknown name creates a new contact
        String created = list.get(6).get("Contact").get("ContactID").asString();
        assertThat(sandbox.contacts()).anySatisfy(c -> {
            assertThat(c.contactId()).isEqualTo(created);
            assertThat(c.name()).isEqualTo("Brand New");
        });
    }

    @Test
    void lineValidationMessages() {
        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(
                accrec(ada, null, "{\"Quantity\":1,\"UnitAmount\":5,\"AccountCode\":\"200\"}"),
                accrec(ada, null, line("neg", "-1", "5", "200", null)),
                accrec(ada, null, line("archived", "1", "5", "299", null)),
                accrec(ada, null, line("unknown", "1", "5", "4000", null)),
                accrec(ada, null, line("bank", "1", "5", "090", null)),
                accrec(ada, null, line("receivable", "1", "5", "610", null)),
                accrec(ada, null, line("tax", "1", "5", "200", "GST on Income")),
                accrec(ada, null, line("mismatch", "1", "5", "200", "INPUT2")),
                accrec(ada, "AUTHORISED", line("no account", "1", "5", null, null)),
                accrec(ada, null, line("draft without account", "1", "5", null, null)),
                accrec(ada, null, "{\"Description\":\"" + "d".repeat(4001) + "\",\"AccountCode\":\"200\"}"),
                accrec(ada, null, "{\"Description\":\"disc\",\"Quantity\":1,\"UnitAmount\":5,\"DiscountRate\":120,\"AccountCode\":\"200\"}"),
                accrec(ada, null, line("rounding", "1", "0.01", "860", null)),
                with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"LineAmountTypes\":\"Gross\"")));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode l = reply.list("Invoices");
        assertThat(messages(l.get(0))).containsExactly("The description field is mandatory for each line item.");
        assertThat(messages(l.get(1))).containsExactly("Quantity must not be less than zero.");
        assertThat(messages(l.get(2))).containsExactly("Account code '299' has been archived, or has been deleted."
                + " Each line item must reference a valid account");
        assertThat(messages(l.get(3))).containsExactly("Account code '4000' is not a valid code for this document.");
        assertThat(messages(l.get(4))).containsExactly("Account code '090' is not a valid code for this document.");
        assertThat(messages(l.get(5))).containsExactly("Account code '610' is not a valid code for this document.");
        assertThat(messages(l.get(6))).containsExactly(
                "The TaxType code GST ON INCOME does not exist or cannot be used for this type of transaction.");
        assertThat(messages(l.get(7))).containsExactly("The TaxType code 'INPUT2' cannot be used with account code '200'.");
        assertThat(messages(l.get(8))).containsExactly("Account code must be specified");
        assertThat(l.get(9).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(messages(l.get(10))).containsExactly("Description must not be more than 4000 characters long.");
        assertThat(messages(l.get(11))).containsExactly(
                "The discount rate '120' is invalid. Discount must not be greater than the line total.");
        assertThat(l.get(12).get("StatusAttributeString").asString()).isEqualTo("OK"); // 860 Rounding is allowed
        assertThat(messages(l.get(13))).containsExactly("LineAmountTypes must be one of Exclusive, Inclusive, NoTax.");
        // the failed elements carry HasErrors and the would-be amounts
        assertThat(l.get(1).get("HasErrors").asBoolean()).isTrue();
        assertThat(l.get(1).get("InvoiceID").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(l.get(1).get("Total").toString()).isEqualTo("-5.75"); // 200 defaults to OUTPUT2
        assertThat(sandbox.invoices()).hasSize(2);
    }

    @Test
    void nonDraftInvoicesNeedLines() {
        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(accrec(ada, "AUTHORISED"),
                accrec(ada, "SUBMITTED"), accrec(ada, null)));

        JsonNode l = reply.list("Invoices");
        assertThat(messages(l.get(0))).containsExactly("One or more line items must be specified");
        assertThat(messages(l.get(1))).containsExactly("One or more line items must be specified");
        assertThat(l.get(2).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(l.get(2).get("Total").toString()).isEqualTo("0.00");
    }

    @Test
    void currencyMustBeSubscribed() {
        JsonNode eur = fx.create(with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"CurrencyCode\":\"EUR\"",
                "\"CurrencyRate\":0.9"));
        assertThat(eur.get("CurrencyCode").asString()).isEqualTo("EUR");
        assertThat(eur.get("CurrencyRate").toString()).isEqualTo("0.900000");

        String gbp = with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"CurrencyCode\":\"GBP\"");
        Reply refused = http.put("/Invoices", invoices(gbp));
        assertThat(refused.elementError(0)).isEqualTo("Organisation is not subscribed to currency GBP");

        sandbox.addCurrency("GBP");
        assertThat(http.put("/Invoices", invoices(gbp)).status()).isEqualTo(200);
    }

    @Test
    void statusAndTypeOnCreate() {
        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(
                accrec(ada, "PAID", line("x", "1", "1", "200", null)),
                accrec(ada, "VOIDED", line("x", "1", "1", "200", null)),
                accrec(ada, "DELETED", line("x", "1", "1", "200", null)),
                accrec(ada, "SUBMITTED", line("x", "1", "1", "200", null)),
                "{\"Type\":\"ACCRECCREDIT\",\"Contact\":{\"ContactID\":\"" + ada + "\"}}",
                "{\"Contact\":{\"ContactID\":\"" + ada + "\"}}"));

        JsonNode l = reply.list("Invoices");
        assertThat(messages(l.get(0))).containsExactly("Invoice not of valid status for creation");
        assertThat(messages(l.get(1))).containsExactly("Invoice not of valid status for creation");
        assertThat(messages(l.get(2))).containsExactly("Invoice not of valid status for creation");
        assertThat(l.get(3).get("Status").asString()).isEqualTo("SUBMITTED");
        assertThat(messages(l.get(4))).containsExactly("Invoice not of valid type for creation");
        assertThat(messages(l.get(5))).containsExactly("Invoice not of valid type for creation");
    }

    @Test
    void lockDatesRejectDocumentsOnOrBeforeThem() {
        sandbox.setPeriodLockDate(LocalDate.of(2025, 3, 31));
        String onLock = with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"Date\":\"2025-03-31\"");
        String after = with(accrec(ada, null, line("x", "1", "1", "200", null)), "\"Date\":\"2025-04-01T00:00:00\"");

        Reply locked = http.put("/Invoices", invoices(onLock));
        assertThat(locked.status()).isEqualTo(400);
        assertThat(locked.elementError(0))
                .isEqualTo("The document date cannot be before the period lock date, currently set at 31-Mar-2025");
        assertThat(http.put("/Invoices", invoices(after)).status()).isEqualTo(200);

        sandbox.setEndOfYearLockDate(LocalDate.of(2024, 12, 31));
        Reply eoy = http.put("/Invoices", invoices(with(accrec(ada, null, line("x", "1", "1", "200", null)),
                "\"Date\":\"2024-06-30\"")));
        assertThat(eoy.elementError(0))
                .isEqualTo("The document date cannot be before the end of year lock date, currently set at 31-Dec-2024");

        // an invoice dated after the lock cannot be moved into the locked period
        String id = sandbox.invoices().get(0).invoiceId();
        Reply moved = http.post("/Invoices/" + id, invoices("{\"Date\":\"2025-01-15\"}"));
        assertThat(moved.status()).isEqualTo(400);
    }

    @Test
    void summarizedErrorsAnswer400WithFailedInvoicesButSaveTheValidOnes() {
        Reply reply = http.put("/Invoices", invoices(accrec(ada, null, line("ok", "1", "1", "200", null)),
                accrec(ada, null, line("bad", "-2", "1", "200", null)),
                accrec(ada, null, line("ok too", "1", "2", "200", null))));

        assertThat(reply.status()).isEqualTo(400);
        JsonNode json = reply.json();
        assertThat(json.get("ErrorNumber").asInt()).isEqualTo(10);
        assertThat(json.get("Message").asString()).isEqualTo("A validation exception occurred");
        assertThat(json.get("Elements").size()).isEqualTo(1);
        JsonNode failed = json.get("Elements").get(0);
        assertThat(failed.get("HasErrors").asBoolean()).isTrue();
        assertThat(failed.get("InvoiceID").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(failed.get("LineItems").get(0).get("Description").asString()).isEqualTo("bad");
        assertThat(reply.elementError(0)).isEqualTo("Quantity must not be less than zero.");
        assertThat(sandbox.invoices()).extracting(i -> i.lines().get(0).description()).containsExactly("ok", "ok too");
    }

    @Test
    void summarizeErrorsFalseAnswers200WithEveryElement() {
        Reply reply = http.put("/Invoices?summarizeErrors=false", invoices(accrec(ada, null, line("ok", "1", "1", "200", null)),
                accrec(ada, null, line("bad", "-2", "1", "200", null))));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode l = reply.list("Invoices");
        assertThat(l.get(0).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(l.get(0).get("HasErrors").asBoolean()).isFalse();
        assertThat(l.get(0).get("InvoiceID").asString()).isEqualTo(sandbox.invoices().get(0).invoiceId());
        assertThat(l.get(1).get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(l.get(1).get("HasErrors").asBoolean()).isTrue();
        assertThat(messages(l.get(1))).containsExactly("Quantity must not be less than zero.");
    }

    @Test
    void idempotencyKeyReplaysInvoiceWrites() {
        String body = invoices(accrec(ada, "AUTHORISED", line("once", "1", "10", "200", null)));
        Reply first = http.put("/Invoices?summarizeErrors=false", body, "Idempotency-Key", "inv-1");
        Reply second = http.put("/Invoices?summarizeErrors=false", body, "Idempotency-Key", "inv-1");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(sandbox.invoices()).hasSize(1);
        Reply other = http.put("/Invoices?summarizeErrors=false", invoices(accrec(ada, null, line("other", "1", "1", "200", null))),
                "Idempotency-Key", "inv-1");
        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().get("Message").asString()).isEqualTo("Idempotency Key: inv-1 is used with a different request.");
    }

    @Test
    void malformedRequestsAreRejectedWhole() {
        Reply unknown = http.put("/Invoices", invoices(with(accrec(ada, null, line("x", "1", "1", "200", null)),
                "\"Colour\":\"red\"")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("ErrorNumber").asInt()).isEqualTo(14);
        assertThat(unknown.json().get("Message").asString()).startsWith("The element 'Colour' was not recognised.");

        Reply unknownLine = http.put("/Invoices", invoices(accrec(ada, null, "{\"Description\":\"x\",\"Price\":1}")));
        assertThat(unknownLine.json().get("Message").asString()).startsWith("The element 'Price' was not recognised.");

        Reply empty = http.put("/Invoices", "");
        assertThat(empty.json().get("ErrorNumber").asInt()).isEqualTo(17);
        assertThat(empty.json().get("Message").asString()).contains("expecting Invoice data");

        assertThat(http.api("DELETE", "/Invoices/INV-0001", null).status()).isEqualTo(405); // delete via Status

        Reply badGuid = http.put("/Invoices", invoices(accrec("not-a-guid", null)));
        assertThat(badGuid.status()).isEqualTo(500);
        assertThat(badGuid.json().get("Type").asString()).isEqualTo("UnknownErrorException");
        assertThat(sandbox.invoices()).isEmpty();
    }

    @Test
    void invoicesNeedTransactionsOrInvoicesScope() {
        http.login("offline_access accounting.contacts accounting.settings");
        assertThat(http.get("/Invoices").status()).isEqualTo(403);
        http.login("accounting.transactions.read");
        assertThat(http.get("/Invoices").status()).isEqualTo(200);
        assertThat(http.put("/Invoices", invoices(accrec(ada, null))).status()).isEqualTo(403);
        http.login("accounting.invoices");
        assertThat(http.put("/Invoices", invoices(accrec(ada, null))).status()).isEqualTo(200);
    }
}
