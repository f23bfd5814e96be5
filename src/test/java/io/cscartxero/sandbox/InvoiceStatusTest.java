package io.cscartxero.sandbox;

import static io.cscartxero.sandbox.InvoiceFixture.accrec;
import static io.cscartxero.sandbox.InvoiceFixture.invoices;
import static io.cscartxero.sandbox.InvoiceFixture.line;
import static io.cscartxero.sandbox.InvoiceFixture.messages;
import static io.cscartxero.sandbox.InvoiceFixture.with;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import tools.jackson.databind.JsonNode;

/** Xero's invoice status table (API docs: invoice statuses and deleting/voiding) and the rules for paid invoices. One sandbox for all cases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceStatusTest {

    static final String INVALID = "Invoice not of valid status for modification";
    static final String HAS_PAYMENTS = "This document cannot be edited as it has a payment or credit note allocated to it.";
    static final List<String> STATUSES = List.of("DRAFT", "SUBMITTED", "AUTHORISED", "DELETED", "VOIDED", "PAID");

    @AutoClose
    final InvoiceFixture fx = new InvoiceFixture();
    final SandboxHttp http = fx.http;
    final String contact = fx.contact("Status Tester");

    @BeforeEach
    void clearLocks() {
        fx.sandbox.setPeriodLockDate(null);
    }

    /** from, to, expected error (null = allowed). */
    static Stream<Arguments> table() {
        List<Arguments> cases = new ArrayList<>();
        for (String from : STATUSES) {
            for (String to : STATUSES) {
                String error = switch (from) {
                    case "DRAFT", "SUBMITTED" -> List.of("DRAFT", "SUBMITTED", "AUTHORISED", "DELETED").contains(to)
                            ? null : INVALID;
                    case "AUTHORISED" -> to.equals("AUTHORISED") || to.equals("VOIDED") ? null : INVALID;
                    case "PAID" -> to.equals("PAID") ? null : to.equals("VOIDED") ? HAS_PAYMENTS : INVALID;
                    default -> INVALID; // VOIDED and DELETED are final
                };
                cases.add(Arguments.of(from, to, error));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void statusTransitions(String from, String to, String expectedError) {
        String id = invoiceIn(from);

        Reply reply = http.post("/Invoices/" + id + "?summarizeErrors=false", invoices("{\"Status\":\"" + to + "\"}"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode result = reply.list("Invoices").get(0);
        String stored = status(id);
        if (expectedError == null) {
            assertThat(result.get("StatusAttributeString").asString()).as(reply.body()).isEqualTo("OK");
            assertThat(result.get("Status").asString()).isEqualTo(to);
            assertThat(stored).isEqualTo(to);
        } else {
            assertThat(result.get("StatusAttributeString").asString()).isEqualTo("ERROR");
            assertThat(messages(result)).containsExactly(expectedError);
            assertThat(stored).isEqualTo(from);
        }
    }

    @Test
    void summarisedInvalidTransitionIs400() {
        String id = invoiceIn("DRAFT");
        Reply reply = http.post("/Invoices/" + id, invoices("{\"Status\":\"VOIDED\"}"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).isEqualTo(INVALID);
        assertThat(reply.json().get("Elements").get(0).get("InvoiceID").asString()).isEqualTo(id);
    }

    @Test
    void authorisingADraftValidatesItsLines() {
        String id = fx.create(accrec(contact, "DRAFT", line("no account yet", "1", "10", null, null)))
                .get("InvoiceID").asString();

        Reply reply = http.post("/Invoices/" + id, invoices("{\"Status\":\"AUTHORISED\"}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).isEqualTo("Account code must be specified");
        assertThat(status(id)).isEqualTo("DRAFT");
    }

    @Test
    void unpaidAuthorisedInvoicesCanBeEdited() {
        String id = fx.authorised(contact);
        String lineId = lines(id).get(0).lineItemId();

        Reply reply = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\",\"UnitAmount\":200}]}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(invoice(id).total()).isEqualByComparingTo("230.00");
        assertThat(status(id)).isEqualTo("AUTHORISED");
    }

    @Test
    void paidInvoicesOnlyAcceptNonFinancialEdits() {
        String id = fx.authorised(contact);
        fx.sandbox.pay(id, new BigDecimal("115.00"));
        assertThat(status(id)).isEqualTo("PAID");
        String lineId = lines(id).get(0).lineItemId();

        Reply reference = http.post("/Invoices/" + id, invoices("{\"Reference\":\"late note\",\"DueDate\":\"2031-01-01\","
                + "\"InvoiceNumber\":\"PAID-1\"}"));
        assertThat(reference.status()).as(reference.body()).isEqualTo(200);
        assertThat(invoice(id).reference()).isEqualTo("late note");
        assertThat(invoice(id).invoiceNumber()).isEqualTo("PAID-1");
        assertThat(status(id)).isEqualTo("PAID");

        Reply description = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\",\"Description\":\"renamed\",\"AccountCode\":\"260\"}]}"));
        assertThat(description.status()).as(description.body()).isEqualTo(200);
        assertThat(lines(id).get(0).description()).isEqualTo("renamed");

        Reply amount = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\",\"Quantity\":2}]}"));
        assertThat(amount.status()).isEqualTo(400);
        assertThat(amount.elementError(0)).isEqualTo(HAS_PAYMENTS);

        Reply extraLine = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\"}," + line("more", "1", "1", "200", null) + "]}"));
        assertThat(extraLine.elementError(0)).isEqualTo(HAS_PAYMENTS);

        Reply date = http.post("/Invoices/" + id, invoices("{\"Date\":\"2029-01-01\"}"));
        assertThat(date.elementError(0)).isEqualTo(HAS_PAYMENTS);
        assertThat(invoice(id).total()).isEqualByComparingTo("115.00");
    }

    @Test
    void partlyPaidInvoicesCannotBeVoidedUntilThePaymentIsDeleted() {
        String id = fx.authorised(contact);
        Reply paid = http.put("/Payments", InvoiceFixture.payments(InvoiceFixture.payment(id, "090", "15")));
        String paymentId = paid.list("Payments").get(0).get("PaymentID").asString();

        Reply voided = http.post("/Invoices/" + id, invoices("{\"Status\":\"VOIDED\"}"));
        assertThat(voided.status()).isEqualTo(400);
        assertThat(voided.elementError(0)).isEqualTo(HAS_PAYMENTS);
        String lineId = lines(id).get(0).lineItemId();
        Reply edit = http.post("/Invoices/" + id, invoices("{\"LineItems\":[{\"LineItemID\":\"" + lineId
                + "\",\"UnitAmount\":50}]}"));
        assertThat(edit.elementError(0)).isEqualTo(HAS_PAYMENTS);

        assertThat(http.post("/Payments/" + paymentId, InvoiceFixture.payments("{\"Status\":\"DELETED\"}")).status())
                .isEqualTo(200);
        Reply after = http.post("/Invoices/" + id, invoices("{\"Status\":\"VOIDED\"}"));
        assertThat(after.status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("VOIDED");
    }

    @Test
    void lockedInvoicesCannotBeVoidedOrDeleted() {
        String id = fx.create(with(accrec(contact, "AUTHORISED", line("old", "1", "10", "200", null)),
                "\"Date\":\"2024-02-01\"")).get("InvoiceID").asString();
        fx.sandbox.setPeriodLockDate(LocalDate.of(2024, 2, 29));

        Reply reply = http.post("/Invoices/" + id, invoices("{\"Status\":\"VOIDED\"}"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.elementError(0)).isEqualTo(
                "The document date cannot be before the period lock date, currently set at 29-Feb-2024");
        assertThat(status(id)).isEqualTo("AUTHORISED");
    }

    @Test
    void deletingOrVoidingChangesOnlyTheStatus() {
        String id = fx.create(accrec(contact, "DRAFT", line("keep", "1", "10", "200", null))).get("InvoiceID").asString();

        Reply reply = http.post("/Invoices", invoices("{\"InvoiceID\":\"" + id + "\",\"Status\":\"DELETED\","
                + "\"Reference\":\"ignored\"}"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(status(id)).isEqualTo("DELETED");
        assertThat(invoice(id).reference()).isNull();
        assertThat(invoice(id).total()).isEqualByComparingTo("11.50");
    }

    // ---- helpers ----

    /** A new invoice in the given status. */
    String invoiceIn(String status) {
        String created = switch (status) {
            case "DRAFT", "SUBMITTED", "AUTHORISED" -> status;
            case "DELETED" -> "DRAFT";
            default -> "AUTHORISED";
        };
        String id = fx.create(accrec(contact, created, line("Widget", "1", "100", "200", "OUTPUT2")))
                .get("InvoiceID").asString();
        switch (status) {
            case "PAID" -> fx.sandbox.pay(id, new BigDecimal("115.00"));
            case "VOIDED", "DELETED" -> {
                Reply reply = http.post("/Invoices/" + id, invoices("{\"Status\":\"" + status + "\"}"));
                if (reply.status() != 200) throw new IllegalStateException(reply.body());
            }
            default -> {
            }
        }
        assertThat(status(id)).isEqualTo(status);
        return id;
    }

    SandboxInvoice invoice(String id) {
        return fx.sandbox.invoices().stream().filter(i -> i.invoiceId().equals(id)).findFirst().orElseThrow();
    }

    String status(String id) {
        return invoice(id).status();
    }

    List<SandboxLine> lines(String id) {
        return invoice(id).lines();
    }
}
