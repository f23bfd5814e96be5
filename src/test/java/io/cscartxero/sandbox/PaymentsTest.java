package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.accrec;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.messages;
import static io.cscartxero.sandbox.InvoiceFixture.payment;
import static io.cscartxero.sandbox.InvoiceFixture.payments;
import static io.cscartxero.sandbox.InvoiceFixture.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import tools.jackson.databind.JsonNode;

class PaymentsTest {

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final XeroSandbox sandbox = fx.sandbox;
    final String contact = fx.contact("Payer");
    final String invoiceId = fx.authorised(contact); // 115.00

    SandboxInvoice invoice() {
        return sandbox.invoices().stream().filter(i -> i.invoiceId().equals(invoiceId)).findFirst().orElseThrow();
    }

    @Test
    void partPaymentLowersAmountDueAndFullPaymentMakesThePaidStatus() {
        Reply first = http.put("/Payments", payments(payment(invoiceId, "090", "15")));

        assertThat(first.status()).isEqualTo(200);
        JsonNode p = first.list("Payments").get(0);
        assertThat(p.get("PaymentID").asString()).matches("[0-9a-f-]{36}");
        assertThat(p.get("Amount").toString()).isEqualTo("15.00");
        assertThat(p.get("Date").asString()).isEqualTo("/Date(1893801600000+0000)/"); // 2030-01-05
        assertThat(p.get("Status").asString()).isEqualTo("AUTHORISED");
        assertThat(p.get("PaymentType").asString()).isEqualTo("ACCRECPAYMENT");
        assertThat(p.get("Account").get("Code").asString()).isEqualTo("090");
        assertThat(p.get("Account").get("Name").asString()).isEqualTo("Business Bank Account");
        assertThat(p.get("Invoice").get("InvoiceID").asString()).isEqualTo(invoiceId);
        assertThat(p.get("Invoice").get("AmountDue").toString()).isEqualTo("100.00");
        assertThat(p.get("HasValidationErrors").asBoolean()).isFalse();
        assertThat(invoice().status()).isEqualTo("AUTHORISED");
        assertThat(invoice().amountPaid()).isEqualByComparingTo("15.00");
        assertThat(invoice().amountDue()).isEqualByComparingTo("100.00");

        Reply rest = http.put("/Payments", payments(payment(invoiceId, "970", "100.00")));
        assertThat(rest.status()).isEqualTo(200);
        assertThat(invoice().status()).isEqualTo("PAID");
        assertThat(invoice().amountDue()).isEqualByComparingTo("0");

        JsonNode read = http.get("/Invoices/" + invoiceId).list("Invoices").get(0);
        assertThat(read.get("Status").asString()).isEqualTo("PAID");
        assertThat(read.get("AmountPaid").toString()).isEqualTo("115.00");
        assertThat(read.get("AmountDue").toString()).isEqualTo("0.00");
        assertThat(read.get("Payments").size()).isEqualTo(2);
        assertThat(read.get("FullyPaidOnDate").asString()).isEqualTo("/Date(1893801600000+0000)/");
    }

    @Test
    void paymentRules() {
        String draft = fx.create(accrec(contact, "DRAFT", line("d", "1", "10", "200", null))).get("InvoiceID").asString();
        sandbox.archiveAccount("091");

        Reply reply = http.put("/Payments?summarizeErrors=false", payments(
                payment(invoiceId, "090", "115.01"),
                payment(draft, "090", "1"),
                payment(invoiceId, "200", "1"),
                payment(invoiceId, "091", "1"),
                payment(invoiceId, "999", "1"),
                payment("00000000-0000-0000-0000-0000000000ee", "090", "1"),
                payment(invoiceId, "090", "0"),
                "{\"Account\":{\"Code\":\"090\"},\"Amount\":1}",
                "{\"Invoice\":{\"InvoiceID\":\"" + invoiceId + "\"},\"Amount\":1}",
                payment(invoiceId, "090", "5")));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode l = reply.list("Payments");
        assertThat(messages(l.get(0))).containsExactly("Payment amount exceeds the amount outstanding on this document");
        assertThat(messages(l.get(1))).containsExactly("Payments can only be made against Authorised documents");
        assertThat(messages(l.get(2))).containsExactly("Account type is invalid for making a payment to/from");
        assertThat(messages(l.get(3))).containsExactly("Account code '091' has been archived, or has been deleted."
                + " Each line item must reference a valid account");
        assertThat(messages(l.get(4))).containsExactly("Account code '999' is not a valid code for this document.");
        assertThat(messages(l.get(5))).containsExactly("The document with the supplied id was not found for this endpoint.");
        assertThat(messages(l.get(6))).containsExactly("Payment amount must be greater than zero.");
        assertThat(messages(l.get(7))).containsExactly("A payment must specify the Invoice it applies to.");
        assertThat(messages(l.get(8))).containsExactly("A payment must specify the Account it is paid into.");
        assertThat(l.get(9).get("StatusAttributeString").asString()).isEqualTo("OK");
        assertThat(l.get(0).get("StatusAttributeString").asString()).isEqualTo("ERROR");
        assertThat(l.get(0).get("HasValidationErrors").asBoolean()).isTrue();
        assertThat(invoice().amountPaid()).isEqualByComparingTo("5");
    }

    @Test
    void summarisedPaymentErrorsAre400AndValidPaymentsAreSaved() {
        Reply reply = http.put("/Payments", payments(payment(invoiceId, "090", "10"), payment(invoiceId, "090", "500")));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("Elements").size()).isEqualTo(1);
        assertThat(reply.elementError(0)).isEqualTo("Payment amount exceeds the amount outstanding on this document");
        assertThat(invoice().amountPaid()).isEqualByComparingTo("10");
    }

    @Test
    void paidInvoicesTakeNoMorePayments() {
        sandbox.pay(invoiceId, new BigDecimal("115"));
        Reply reply = http.put("/Payments", payments(payment(invoiceId, "090", "1")));
        assertThat(reply.elementError(0)).isEqualTo("Payment amount exceeds the amount outstanding on this document");
    }

    @Test
    void invoiceByNumberAndTopLevelCode() {
        String number = invoice().invoiceNumber();
        Reply reply = http.post("/Payments", "{\"InvoiceNumber\":\"" + number + "\",\"Code\":\"090\",\"Amount\":1.005}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(invoice().amountPaid()).isEqualByComparingTo("1.01"); // rounded to cents
    }

    @Test
    void idempotencyKeyPreventsADoublePayment() {
        String body = payments(payment(invoiceId, "090", "20"));
        Reply first = http.put("/Payments", body, "Idempotency-Key", "pay-1");
        Reply retry = http.put("/Payments", body, "Idempotency-Key", "pay-1");

        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(invoice().amountPaid()).isEqualByComparingTo("20");
    }

    @Test
    void deletingAPaymentReopensTheInvoice() {
        Reply paid = http.put("/Payments", payments(payment(invoiceId, "090", "115")));
        String paymentId = paid.list("Payments").get(0).get("PaymentID").asString();
        assertThat(invoice().status()).isEqualTo("PAID");

        Reply deleted = http.post("/Payments/" + paymentId, payments("{\"Status\":\"DELETED\"}"));

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.list("Payments").get(0).get("Status").asString()).isEqualTo("DELETED");
        assertThat(invoice().status()).isEqualTo("AUTHORISED");
        assertThat(invoice().amountPaid()).isEqualByComparingTo("0");
        assertThat(http.get("/Invoices/" + invoiceId).list("Invoices").get(0).has("FullyPaidOnDate")).isFalse();
        assertThat(http.get("/Payments/" + paymentId).list("Payments").get(0).get("Status").asString()).isEqualTo("DELETED");

        Reply again = http.post("/Payments/" + paymentId, payments("{\"Status\":\"DELETED\"}"));
        assertThat(again.elementError(0)).isEqualTo("This payment has already been deleted.");
        Reply edit = http.post("/Payments/" + paymentId, payments("{\"Amount\":3}"));
        assertThat(edit.elementError(0)).isEqualTo("A payment can only be updated to Status DELETED.");
        assertThat(http.post("/Payments/00000000-0000-0000-0000-0000000000ff", payments("{\"Status\":\"DELETED\"}"))
                .status()).isEqualTo(404);
    }

    /**
     * What the connector does with a paid invoice whose order changed: Xero refuses the new lines while the payment is
     * there; deleting the payment reopens the invoice (AUTHORISED, AmountPaid 0, AmountDue the total, no Payments on
     * it) and keeps the payment readable as DELETED with its account, date and reference; the lines can then change
     * and the new total be paid, which makes it PAID again.
     */
    @Test
    void aPaidInvoiceIsUnpaidEditedAndPaidAgain() {
        String paid = http.put("/Payments", payments(with(payment(invoiceId, "090", "115"), "\"Reference\":\"CS-Cart order 9 (paid 2030-01-05, status log)\"")))
                .list("Payments").get(0).get("PaymentID").asString();
        String lineId = http.get("/Invoices/" + invoiceId).list("Invoices").get(0).get("LineItems").get(0).get("LineItemID").asString();
        String twoWidgets = InvoiceFixture.invoices("{\"InvoiceID\":\"" + invoiceId + "\",\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\",\"Quantity\":2}]}");
        Reply refused = http.post("/Invoices?summarizeErrors=false", twoWidgets);
        assertThat(refused.list("Invoices").get(0).get("ValidationErrors").get(0).get("Message").asString())
                .isEqualTo("This document cannot be edited as it has a payment or credit note allocated to it.");

        Reply deleted = http.post("/Payments/" + paid, payments("{\"Status\":\"DELETED\"}"));
        JsonNode removed = deleted.list("Payments").get(0);
        assertThat(removed.get("Account").get("Code").asString()).isEqualTo("090");
        assertThat(removed.get("Reference").asString()).isEqualTo("CS-Cart order 9 (paid 2030-01-05, status log)");
        JsonNode reopened = http.get("/Invoices?page=1&IDs=" + invoiceId).list("Invoices").get(0);
        assertThat(reopened.get("Status").asString()).isEqualTo("AUTHORISED");
        assertThat(reopened.get("AmountPaid").decimalValue()).isEqualByComparingTo("0");
        assertThat(reopened.get("AmountDue").decimalValue()).isEqualByComparingTo("115.00");
        assertThat(reopened.get("Payments")).isEmpty();
        assertThat(http.get("/Payments/" + paid).list("Payments").get(0).get("Account").get("Code").asString()).isEqualTo("090");

        Reply edited = http.post("/Invoices?summarizeErrors=false", twoWidgets);
        assertThat(edited.list("Invoices").get(0).get("Total").decimalValue()).isEqualByComparingTo("230.00");
        assertThat(http.put("/Payments", payments(payment(invoiceId, "090", "230"))).status()).isEqualTo(200);
        assertThat(invoice().status()).isEqualTo("PAID");
        assertThat(invoice().amountDue()).isEqualByComparingTo("0");
    }

    /** A voided invoice had its payments deleted first: deleting one again is refused, as for any deleted payment. */
    @Test
    void aPaymentOfAVoidedInvoiceCannotBeDeletedAgain() {
        String paid = http.put("/Payments", payments(payment(invoiceId, "090", "115"))).list("Payments").get(0).get("PaymentID").asString();
        http.post("/Payments/" + paid, payments("{\"Status\":\"DELETED\"}"));
        assertThat(http.post("/Invoices/" + invoiceId, InvoiceFixture.invoices("{\"Status\":\"VOIDED\"}")).status()).isEqualTo(200);

        Reply again = http.post("/Payments/" + paid, payments("{\"Status\":\"DELETED\"}"));

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.elementError(0)).isEqualTo("This payment has already been deleted.");
        assertThat(invoice().status()).isEqualTo("VOIDED");
        assertThat(http.put("/Payments", payments(payment(invoiceId, "090", "115"))).elementError(0))
                .isEqualTo("Payments can only be made against Authorised documents");
    }

    @Test
    void paymentsInALockedPeriodAreRefused() {
        sandbox.setPeriodLockDate(LocalDate.of(2030, 1, 31));
        Reply reply = http.put("/Payments", payments(payment(invoiceId, "090", "1")));
        assertThat(reply.elementError(0))
                .isEqualTo("The document date cannot be before the period lock date, currently set at 31-Jan-2030");
    }

    @Test
    void payHelperPaysIntoTheBankAccountAndReportsRefusals() {
        sandbox.pay(invoiceId, new BigDecimal("100"));
        assertThat(invoice().amountPaid()).isEqualByComparingTo("100");
        assertThat(http.get("/Payments").list("Payments").get(0).get("Account").get("Code").asString()).isEqualTo("090");

        assertThatThrownBy(() -> sandbox.pay(invoiceId, new BigDecimal("16")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Payment amount exceeds the amount outstanding on this document");
    }

    @Test
    void listPaymentsIsPagedOnRequest() {
        sandbox.pay(invoiceId, BigDecimal.ONE);
        sandbox.pay(invoiceId, BigDecimal.TEN);

        Reply all = http.get("/Payments");
        assertThat(all.list("Payments").size()).isEqualTo(2);
        assertThat(all.json().has("pagination")).isFalse();
        Reply paged = http.get("/Payments?page=1&pageSize=1");
        assertThat(paged.list("Payments").size()).isEqualTo(1);
        assertThat(paged.json().get("pagination").get("pageCount").asInt()).isEqualTo(2);
    }

    @Test
    void paymentsNeedTransactionsOrPaymentsScope() {
        http.login("accounting.invoices");
        assertThat(http.put("/Payments", payments(payment(invoiceId, "090", "1"))).status()).isEqualTo(403);
        http.login("accounting.payments");
        assertThat(http.put("/Payments", payments(payment(invoiceId, "090", "1"))).status()).isEqualTo(200);
    }
}
