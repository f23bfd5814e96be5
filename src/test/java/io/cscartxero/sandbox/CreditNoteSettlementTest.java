package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.CreditNotesTest.credit;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Undoing a credit note's settlement, as refundExportJob does for a reverted return (spec:
 * {@code DELETE /CreditNotes/{CreditNoteID}/Allocations/{AllocationID}} answers the Allocation with IsDeleted true;
 * a credit note with an allocation or a refund payment cannot be voided), and {@code GET /Payments?where=} (spec
 * getPayments: "Filter by an any element").
 */
class CreditNoteSettlementTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final XeroSandbox sandbox = fx.sandbox;
    final String contact = fx.contact("Returned");
    final String invoiceId = fx.authorised(contact); // 100.00 + 15.00 tax

    private String creditNote(String number, String amount) {
        Reply reply = http.put("/CreditNotes", "{\"CreditNotes\":[" + credit(contact, number, "AUTHORISED",
                line("W", "1", amount, "200", "NONE")) + "]}");
        return reply.list("CreditNotes").get(0).get("CreditNoteID").asString();
    }

    private SandboxInvoice invoice() {
        return sandbox.invoices().stream().filter(i -> i.invoiceId().equals(invoiceId)).findFirst().orElseThrow();
    }

    private SandboxCreditNote note(String id) {
        return sandbox.creditNotes().stream().filter(c -> c.creditNoteId().equals(id)).findFirst().orElseThrow();
    }

    private static String enc(String where) {
        return URLEncoder.encode(where, StandardCharsets.UTF_8);
    }

    @Test
    void aDeletedAllocationGivesTheInvoiceItsAmountDueBackAndThenTheCreditNoteCanBeVoided() {
        String id = creditNote("CN-R1", "115");
        Reply allocated = http.put("/CreditNotes/" + id + "/Allocations",
                "{\"Allocations\":[{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":115,"
                        + "\"Date\":\"2030-01-07\"}]}");
        String allocationId = allocated.list("Allocations").get(0).get("AllocationID").asString();
        assertThat(invoice().status()).isEqualTo("PAID");
        assertThat(note(id).status()).isEqualTo("PAID");
        Reply refused = http.post("/CreditNotes?summarizeErrors=false", "{\"CreditNotes\":[{\"CreditNoteID\":\"" + id
                + "\",\"Status\":\"VOIDED\"}]}");
        assertThat(messages(refused.list("CreditNotes").get(0))).containsExactly(InvoiceStore.HAS_PAYMENTS);

        Reply deleted = http.delete("/CreditNotes/" + id + "/Allocations/" + allocationId);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("IsDeleted").asBoolean()).isTrue();
        assertThat(deleted.json().get("AllocationID").asString()).isEqualTo(allocationId);
        assertThat(invoice().status()).isEqualTo("AUTHORISED");
        assertThat(invoice().amountDue()).isEqualByComparingTo("115");
        assertThat(note(id).status()).isEqualTo("AUTHORISED");
        assertThat(note(id).remainingCredit()).isEqualByComparingTo("115");
        assertThat(http.get("/CreditNotes/" + id).list("CreditNotes").get(0).get("Allocations")).isEmpty();
        // once only; an unknown allocation, or one of another credit note, is not found
        Reply again = http.delete("/CreditNotes/" + id + "/Allocations/" + allocationId);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.elementErrors(0)).containsExactly(InvoiceStore.ALLOCATION_ALREADY_DELETED);
        String other = creditNote("CN-R2", "1");
        assertThat(http.delete("/CreditNotes/" + other + "/Allocations/" + allocationId).status()).isEqualTo(404);
        assertThat(http.delete("/CreditNotes/" + id + "/Allocations/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);

        http.post("/CreditNotes", "{\"CreditNotes\":[{\"CreditNoteID\":\"" + id + "\",\"Status\":\"VOIDED\"}]}");
        assertThat(note(id).status()).isEqualTo("VOIDED");
    }

    @Test
    void aCreditNoteWithARefundPaymentIsVoidedOnlyOnceThePaymentIsDeleted() {
        sandbox.pay(invoiceId, new BigDecimal("115"));
        String id = creditNote("CN-R3", "40");
        Reply paid = http.put("/Payments", "{\"Payments\":[{\"CreditNote\":{\"CreditNoteID\":\"" + id + "\"},"
                + "\"Account\":{\"Code\":\"090\"},\"Date\":\"2030-01-07\",\"Amount\":40}]}");
        String paymentId = paid.list("Payments").get(0).get("PaymentID").asString();
        Reply refused = http.post("/CreditNotes?summarizeErrors=false", "{\"CreditNotes\":[{\"CreditNoteID\":\"" + id
                + "\",\"Status\":\"VOIDED\"}]}");
        assertThat(messages(refused.list("CreditNotes").get(0))).containsExactly(InvoiceStore.HAS_PAYMENTS);

        http.post("/Payments/" + paymentId, "{\"Payments\":[{\"Status\":\"DELETED\"}]}");
        assertThat(note(id).remainingCredit()).isEqualByComparingTo("40");
        http.post("/CreditNotes", "{\"CreditNotes\":[{\"CreditNoteID\":\"" + id + "\",\"Status\":\"VOIDED\"}]}");
        assertThat(note(id).status()).isEqualTo("VOIDED");
    }

    @Test
    void paymentsAreFilteredByTheirDocumentAndAnUnknownElementIsAQueryParseException() {
        String second = fx.authorised(contact);
        sandbox.pay(invoiceId, new BigDecimal("15"));
        sandbox.pay(second, new BigDecimal("20"));
        String id = creditNote("CN-R4", "10");
        http.put("/Payments", "{\"Payments\":[{\"CreditNote\":{\"CreditNoteID\":\"" + id + "\"},"
                + "\"Account\":{\"Code\":\"090\"},\"Date\":\"2030-01-07\",\"Amount\":10}]}");

        Reply both = http.get("/Payments?page=1&where=" + enc("Invoice.InvoiceID==Guid(\"" + invoiceId
                + "\") OR Invoice.InvoiceID==Guid(\"" + second + "\")"));
        assertThat(both.list("Payments")).extracting(p -> p.get("Amount").toString())
                .containsExactlyInAnyOrder("15.00", "20.00");
        assertThat(both.list("Payments")).allMatch(p -> p.get("Account").get("Code").asString().equals("090"));
        assertThat(http.get("/Payments?where=" + enc("Status==\"AUTHORISED\" AND PaymentType==\"ARCREDITPAYMENT\""))
                .list("Payments")).extracting(p -> p.get("CreditNote").get("CreditNoteID").asString())
                .containsExactly(id);
        assertThat(http.get("/Payments?where=" + enc("CreditNote.CreditNoteNumber==\"CN-R4\"")).list("Payments"))
                .hasSize(1);

        Reply bad = http.get("/Payments?where=" + enc("Colour==\"red\""));
        assertThat(bad.status()).isEqualTo(400);
        JsonNode json = bad.json();
        assertThat(json.get("Type").asString()).isEqualTo("QueryParseException");
        assertThat(json.get("Message").asString()).isEqualTo("No property or field 'Colour' exists in type 'Payment'");
    }
}
