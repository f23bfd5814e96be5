package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import tools.jackson.databind.JsonNode;

/** {@code /CreditNotes}, their allocations to invoices and refund payments (spec: CreditNote, Allocation). */
class CreditNotesTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final XeroSandbox sandbox = fx.sandbox;
    final String contact = fx.contact("Refunded");
    final String invoiceId = fx.authorised(contact); // 100.00 + 15.00 tax

    static String credit(String contactId, String number, String status, String... lines) {
        return "{\"Type\":\"ACCRECCREDIT\",\"Contact\":{\"ContactID\":\"" + contactId + "\"}"
                + (number == null ? "" : ",\"CreditNoteNumber\":\"" + number + "\"")
                + ",\"Status\":\"" + status + "\",\"Date\":\"2030-01-06\",\"LineItems\":[" + String.join(",", lines)
                + "]}";
    }

    JsonNode create(String element) {
        Reply reply = http.put("/CreditNotes?summarizeErrors=false", "{\"CreditNotes\":[" + element + "]}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.list("CreditNotes").get(0);
    }

    SandboxInvoice invoice() {
        return sandbox.invoices().stream().filter(i -> i.invoiceId().equals(invoiceId)).findFirst().orElseThrow();
    }

    SandboxCreditNote creditNote(String id) {
        return sandbox.creditNotes().stream().filter(c -> c.creditNoteId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aCreditNoteHasXerosArithmeticTaxOverrideAndRemainingCredit() {
        JsonNode c = create(credit(contact, "CN-7", "AUTHORISED", line("Widget", "3", "10.01", "200", "OUTPUT2"),
                "{\"Description\":\"Shipping\",\"Quantity\":1,\"UnitAmount\":5,\"AccountCode\":\"200\","
                        + "\"TaxType\":\"OUTPUT2\",\"TaxAmount\":0.74}"));

        assertThat(c.get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(c.get("Type").asString()).isEqualTo("ACCRECCREDIT");
        assertThat(c.get("CreditNoteNumber").asString()).isEqualTo("CN-7");
        assertThat(c.get("SubTotal").toString()).isEqualTo("35.03");
        assertThat(c.get("TotalTax").toString()).isEqualTo("5.24"); // 4.50 (15 % of 30.03) + 0.74 sent
        assertThat(c.get("Total").toString()).isEqualTo("40.27");
        assertThat(c.get("RemainingCredit").toString()).isEqualTo("40.27");
        assertThat(c.has("InvoiceID")).isFalse();
        String id = c.get("CreditNoteID").asString();
        assertThat(http.get("/CreditNotes/" + id).list("CreditNotes").get(0).get("LineItems")).hasSize(2);
        assertThat(http.get("/CreditNotes/CN-7").list("CreditNotes").get(0).get("CreditNoteID").asString())
                .isEqualTo(id);
        assertThat(http.get("/CreditNotes?where=" + java.net.URLEncoder.encode("CreditNoteNumber==\"CN-7\"",
                java.nio.charset.StandardCharsets.UTF_8)).list("CreditNotes")).hasSize(1);
        assertThat(http.get("/Invoices").list("Invoices")).as("credit notes are not invoices").hasSize(1);
        assertThat(create(credit(contact, null, "DRAFT", line("X", "1", "1", "200", "NONE")))
                .get("CreditNoteNumber").asString()).isEqualTo("CN-0001");
    }

    @Test
    void creditNoteLinesTakeNoDiscount() {
        Reply reply = http.put("/CreditNotes?summarizeErrors=false", "{\"CreditNotes\":[" + credit(contact, null,
                "AUTHORISED", "{\"Description\":\"W\",\"Quantity\":1,\"UnitAmount\":10,\"AccountCode\":\"200\","
                        + "\"DiscountAmount\":1}") + "]}");

        JsonNode c = reply.list("CreditNotes").get(0);
        assertThat(c.get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(messages(c)).containsExactly(InvoiceStore.DISCOUNT_NOT_ACCREC);
        assertThat(sandbox.creditNotes()).isEmpty();
    }

    @Test
    void anAllocationLowersTheInvoicesAmountDueAndTheRemainingCredit() {
        String id = create(credit(contact, "CN-1", "AUTHORISED", line("Widget", "1", "40", "200", "OUTPUT2")))
                .get("CreditNoteID").asString(); // 46.00

        Reply too = http.put("/CreditNotes/" + id + "/Allocations?summarizeErrors=false",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":46.01,"
                        + "\"Date\":\"2030-01-06\"}]}");
        assertThat(messages(too.list("Allocations").get(0))).containsExactly(InvoiceStore.ALLOCATION_EXCEEDS_CREDIT);

        Reply ok = http.put("/CreditNotes/" + id + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":46,"
                        + "\"Date\":\"2030-01-06\"}]}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.list("Allocations").get(0).get("Amount").toString()).isEqualTo("46.00");
        assertThat(invoice().amountCredited()).isEqualByComparingTo("46");
        assertThat(invoice().amountDue()).isEqualByComparingTo("69");
        assertThat(invoice().status()).isEqualTo("AUTHORISED");
        SandboxCreditNote c = creditNote(id);
        assertThat(c.remainingCredit()).isEqualByComparingTo("0");
        assertThat(c.status()).isEqualTo("PAID");
        JsonNode rendered = http.get("/Invoices/" + invoiceId).list("Invoices").get(0);
        assertThat(rendered.get("AmountCredited").toString()).isEqualTo("46.00");
        assertThat(rendered.get("AmountDue").toString()).isEqualTo("69.00");
        assertThat(http.get("/CreditNotes/" + id).list("CreditNotes").get(0).get("Allocations")).hasSize(1);

        // a fully credited invoice is PAID; a second credit note cannot go beyond the amount due
        String big = create(credit(contact, "CN-2", "AUTHORISED", line("Widget", "1", "100", "200", "OUTPUT2")))
                .get("CreditNoteID").asString(); // 115.00
        Reply over = http.put("/CreditNotes/" + big + "/Allocations?summarizeErrors=false",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":70}]}");
        assertThat(messages(over.list("Allocations").get(0))).containsExactly(InvoiceStore.ALLOCATION_EXCEEDS_DUE);
        http.put("/CreditNotes/" + big + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":69}]}");
        assertThat(invoice().status()).isEqualTo("PAID");
        assertThat(invoice().amountDue()).isEqualByComparingTo("0");
        assertThat(creditNote(big).remainingCredit()).isEqualByComparingTo("46");
        assertThat(creditNote(big).status()).isEqualTo("AUTHORISED");
    }

    @Test
    void allocationsNeedAuthorisedDocumentsOfOneContact() {
        String draft = create(credit(contact, null, "DRAFT", line("W", "1", "10", "200", "NONE")))
                .get("CreditNoteID").asString();
        String other = create(credit(fx.contact("Someone else"), null, "AUTHORISED", line("W", "1", "10", "200",
                "NONE"))).get("CreditNoteID").asString();
        String body = "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":5}]}";

        assertThat(http.put("/CreditNotes/" + draft + "/Allocations", body).elementErrors(0))
                .containsExactly(InvoiceStore.ALLOCATION_NOT_AUTHORISED);
        assertThat(http.put("/CreditNotes/" + other + "/Allocations", body).elementErrors(0))
                .containsExactly(InvoiceStore.ALLOCATION_CONTACT);
        assertThat(invoice().amountDue()).isEqualByComparingTo("115");
    }

    @Test
    void aRefundPaymentPaysOutACreditNote() {
        sandbox.pay(invoiceId, new java.math.BigDecimal("115"));
        String id = create(credit(contact, "CN-9", "AUTHORISED", line("Widget", "1", "100", "200", "OUTPUT2")))
                .get("CreditNoteID").asString();
        String payment = "{\"CreditNote\":{\"CreditNoteID\":\"" + id + "\"},\"Account\":{\"Code\":\"090\"},"
                + "\"Date\":\"2030-01-07\",\"Amount\":%s}";

        Reply over = http.put("/Payments?summarizeErrors=false", "{\"Payments\":[" + String.format(payment, "115.01")
                + "]}");
        assertThat(messages(over.list("Payments").get(0))).containsExactly(InvoiceStore.PAYMENT_EXCEEDS);

        Reply ok = http.put("/Payments?summarizeErrors=false", "{\"Payments\":[" + String.format(payment, "115")
                + "]}");
        JsonNode p = ok.list("Payments").get(0);
        assertThat(p.get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(p.get("PaymentType").asString()).isEqualTo("ARCREDITPAYMENT");
        assertThat(p.get("CreditNote").get("CreditNoteID").asString()).isEqualTo(id);
        assertThat(creditNote(id).remainingCredit()).isEqualByComparingTo("0");
        assertThat(creditNote(id).refunded()).isEqualByComparingTo("115");
        assertThat(creditNote(id).status()).isEqualTo("PAID");
        assertThat(invoice().status()).as("the invoice stays paid").isEqualTo("PAID");
        assertThat(http.get("/Payments/" + p.get("PaymentID").asString()).list("Payments").get(0)
                .get("PaymentType").asString()).isEqualTo("ARCREDITPAYMENT");
    }

    @Test
    void aVoidedCreditNoteAndAUsedOneCannotBeVoided() {
        String id = create(credit(contact, "CN-3", "AUTHORISED", line("W", "1", "10", "200", "NONE")))
                .get("CreditNoteID").asString();
        http.put("/CreditNotes/" + id + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":5}]}");
        Reply voided = http.post("/CreditNotes/" + id + "?summarizeErrors=false",
                "{\"CreditNotes\":[{\"Status\":\"VOIDED\"}]}");
        assertThat(messages(voided.list("CreditNotes").get(0))).containsExactly(InvoiceStore.HAS_PAYMENTS);
        String unused = create(credit(contact, "CN-4", "AUTHORISED", line("W", "1", "10", "200", "NONE")))
                .get("CreditNoteID").asString();
        http.post("/CreditNotes/" + unused, "{\"CreditNotes\":[{\"Status\":\"VOIDED\"}]}");
        assertThat(creditNote(unused).status()).isEqualTo("VOIDED");
    }
}
