package io.cscartxero.xero;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero credit notes and what settles them (Xero's API docs: credit notes, allocations, payments): batch create with
 * per-element results, look-up by number, {@code PUT /CreditNotes/{id}/Allocations}, refund payments on credit notes
 * ({@code PUT /Payments} whose document is the CreditNote), the payments of invoices in one
 * {@code GET /Payments?where=}, undoing a settlement (allocation deleted, refund payment DELETED) and voiding, and the
 * invoices they credit as Xero has them (lines,
 * AmountDue, AmountPaid, Payments). Elements are JSON as Xero spells them.
 */
public class XeroCreditNotes {

    private final XeroHttp http;

    public XeroCreditNotes(XeroHttp http) {
        this.http = http;
    }

    /** One element of a batch: what Xero answered, and its first validation message when refused. */
    public record Result(JsonNode answer, boolean accepted, String message) {
    }

    public static ObjectNode object() {
        return XeroJson.MAPPER.createObjectNode();
    }

    /** {@code PUT /CreditNotes?summarizeErrors=false&unitdp=4}: one call for the batch. */
    public List<Result> create(List<ObjectNode> creditNotes) {
        return batch("/CreditNotes?summarizeErrors=false&unitdp=4", "CreditNotes", creditNotes);
    }

    /** {@code PUT /Payments?summarizeErrors=false}: refunds (CreditNote documents) in one call. */
    public List<Result> pay(List<ObjectNode> payments) {
        return batch("/Payments?summarizeErrors=false", "Payments", payments);
    }

    /** {@code PUT /CreditNotes/{id}/Allocations}: one allocation of the credit note to an invoice. */
    public Result allocate(String creditNoteId, String invoiceId, BigDecimal amount, String date) {
        ObjectNode allocation = object();
        allocation.putObject("Invoice").put("InvoiceID", invoiceId);
        allocation.put("Amount", amount);
        allocation.put("Date", date);
        return batch("/CreditNotes/" + creditNoteId + "/Allocations?summarizeErrors=false", "Allocations",
                List.of(allocation)).get(0);
    }

    /** ACCRECCREDIT credit notes (not VOIDED or DELETED) with one of these numbers, with their lines. */
    public List<JsonNode> byNumbers(Collection<String> numbers) {
        List<JsonNode> found = new ArrayList<>();
        for (List<String> part : LookupBatches.of(numbers)) {
            String where = "Type==\"ACCRECCREDIT\" AND Status!=\"VOIDED\" AND Status!=\"DELETED\" AND ("
                    + String.join(" OR ", part.stream().map(n -> "CreditNoteNumber==\"" + n.replace("\"", "")
                            + "\"").toList()) + ")";
            http.get("/CreditNotes?page=1&unitdp=4&where=" + URLEncoder.encode(where, StandardCharsets.UTF_8))
                    .json().path("CreditNotes").forEach(found::add);
        }
        return found;
    }

    /** Invoices by InvoiceID as Xero has them now (paged: with their lines and payments). */
    public List<JsonNode> invoices(Collection<String> invoiceIds) {
        List<JsonNode> found = new ArrayList<>();
        for (List<String> batch : LookupBatches.of(invoiceIds)) {
            String list = String.join(",", batch);
            http.get("/Invoices?page=1&unitdp=4&IDs=" + URLEncoder.encode(list, StandardCharsets.UTF_8)).json()
                    .path("Invoices").forEach(found::add);
        }
        return found;
    }

    /**
     * The payments on these invoices (their Account among others), AUTHORISED and DELETED alike:
     * {@code GET /Payments?where=Invoice.InvoiceID==Guid("…") OR …}, one call per {@link XeroContacts#LOOKUP_BATCH}
     * invoices (the spec: GET /Payments takes {@code where} "by any element"; paged, as every paged list, by
     * {@code page} — a chunk's invoices have far fewer than 100 payments).
     */
    public List<JsonNode> paymentsOfInvoices(Collection<String> invoiceIds) {
        List<JsonNode> found = new ArrayList<>();
        for (List<String> batch : LookupBatches.of(invoiceIds)) {
            String where = LookupBatches.guidOr("Invoice.InvoiceID", batch);
            for (int page = 1; ; page++) {
                JsonNode answer = http.get("/Payments?page=" + page + "&where="
                        + URLEncoder.encode(where, StandardCharsets.UTF_8)).json();
                answer.path("Payments").forEach(found::add);
                if (answer.path("Payments").size() < 100) break;
            }
        }
        return found;
    }

    /** Credit notes by CreditNoteID, in any status (VOIDED included), with allocations and payments. */
    public List<JsonNode> byIds(Collection<String> creditNoteIds) {
        List<JsonNode> found = new ArrayList<>();
        for (List<String> batch : LookupBatches.of(creditNoteIds)) {
            String where = LookupBatches.guidOr("CreditNoteID", batch);
            http.get("/CreditNotes?page=1&unitdp=4&where=" + URLEncoder.encode(where, StandardCharsets.UTF_8))
                    .json().path("CreditNotes").forEach(found::add);
        }
        return found;
    }

    /** {@code DELETE /CreditNotes/{id}/Allocations/{allocationId}}: Xero answers the allocation with IsDeleted. */
    public void deleteAllocation(String creditNoteId, String allocationId) {
        http.delete("/CreditNotes/" + creditNoteId + "/Allocations/" + allocationId);
    }

    /** {@code POST /Payments/{id}} {@code {"Payments":[{"Status":"DELETED"}]}}: a refund payment removed. */
    public Result deletePayment(String paymentId) {
        ObjectNode deleted = object();
        deleted.put("Status", "DELETED");
        return batch("/Payments/" + paymentId, "Payments", List.of(deleted), HttpMethod.POST).get(0);
    }

    /** {@code POST /CreditNotes?summarizeErrors=false}: these credit notes VOIDED, one call. */
    public List<Result> void_(List<String> creditNoteIds) {
        return batch("/CreditNotes?summarizeErrors=false", "CreditNotes", creditNoteIds.stream().map(id -> {
            ObjectNode c = object();
            c.put("CreditNoteID", id);
            c.put("Status", "VOIDED");
            return c;
        }).toList(), HttpMethod.POST);
    }

    /** One payment (its Account among others), or null when Xero has none with this id. */
    public JsonNode payment(String paymentId) {
        try {
            JsonNode list = http.get("/Payments/" + paymentId).json().path("Payments");
            return list.isArray() && !list.isEmpty() ? list.get(0) : null;
        } catch (XeroApiException.NotFound e) {
            return null;
        }
    }

    private List<Result> batch(String path, String collection, List<ObjectNode> elements) {
        return batch(path, collection, elements, HttpMethod.PUT);
    }

    private List<Result> batch(String path, String collection, List<ObjectNode> elements, HttpMethod method) {
        if (elements.isEmpty()) return List.of();
        ObjectNode body = object();
        ArrayNode array = body.putArray(collection);
        elements.forEach(array::add);
        JsonNode answered = http.write(method, path, XeroJson.MAPPER.writeValueAsString(body)).json()
                .path(collection);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            JsonNode node = answered.path(i);
            List<String> messages = new ArrayList<>();
            node.path("ValidationErrors").forEach(m -> messages.add(m.path("Message").asString()));
            boolean ok = messages.isEmpty() && !"ERROR".equals(node.path("StatusAttributeString").asString(""));
            results.add(new Result(node, ok, ok ? null : messages.isEmpty() ? "refused by Xero" : String.join("; ",
                    messages)));
        }
        return results;
    }
}
