package io.cscartxero.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sandbox.InvoiceJson.Detail;
import io.cscartxero.sandbox.InvoiceStore.PaymentInput;
import io.cscartxero.sandbox.InvoiceStore.PaymentOutcome;
import io.cscartxero.sandbox.StoredInvoice.Payment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /Payments} for invoices (Xero's API docs: payments): PUT (bulk create, summarizeErrors) and POST (create),
 * {@code POST /Payments/{PaymentID}} with Status DELETED, GET (list, paged with {@code page}) and GET by PaymentID.
 * A payment whose document is a {@code CreditNote} (by CreditNoteID or CreditNoteNumber) refunds that credit note
 * (ARCREDITPAYMENT, amount ≤ RemainingCredit). Prepayments and overpayments are not simulated.
 */
final class PaymentsEndpoint {

    static final Set<String> ELEMENTS = Set.of("Invoice", "InvoiceNumber", "Account", "Code", "Date", "Amount",
            "CurrencyRate", "BankAmount", "Reference", "IsReconciled", "Status", "PaymentID");
    /** Read-only or unsimulated elements, accepted and ignored. */
    static final Set<String> IGNORED = Set.of("PaymentType", "UpdatedDateUTC", "UpdatedDateUTCString", "HasAccount",
            "HasValidationErrors", "ValidationErrors", "Warnings", "BatchPaymentID", "BatchPayment",
            "BankAccountNumber", "Particulars", "Details", "StatusAttributeString", "CreditNote", "CreditNoteNumber",
            "Prepayment", "Overpayment");

    private final SandboxClock clock;

    PaymentsEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    SandboxResponse handle(SandboxRequest request, String subPath, Tenant tenant) {
        try {
            String id = subPath.isEmpty() ? null : subPath.substring(1);
            if (id != null && id.contains("/")) return XeroErrors.notFound();
            return switch (request.method()) {
                case "GET" -> id == null ? list(request, tenant) : single(id, tenant);
                case "PUT" -> id == null ? create(request, tenant) : ContactsEndpoint.methodNotAllowed(request);
                case "POST" -> id == null ? create(request, tenant) : delete(request, id, tenant);
                default -> ContactsEndpoint.methodNotAllowed(request);
            };
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    private SandboxResponse list(SandboxRequest request, Tenant tenant) {
        List<Payment> all = PaymentWhere.filter(request, tenant.invoices.allPayments(), tenant);
        Instant since = ContactsEndpoint.ifModifiedSince(request.header("If-Modified-Since"));
        if (since != null) all = all.stream().filter(p -> !p.updatedDateUtc().isBefore(since)).toList();
        all = all.stream().sorted(Comparator.comparing(Payment::updatedDateUtc).thenComparing(Payment::paymentId))
                .toList();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        if (request.param("page") != null) all = Paging.page(request, all, envelope);
        ArrayNode array = envelope.putArray("Payments");
        all.forEach(p -> array.add(render(p, tenant)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse single(String id, Tenant tenant) {
        Payment payment = ContactJson.looksLikeGuid(id) ? tenant.invoices.payment(ContactJson.guidOrNull(id)) : null;
        if (payment == null) return XeroErrors.notFound();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        envelope.putArray("Payments").add(render(payment, tenant));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse create(SandboxRequest request, Tenant tenant) {
        List<PaymentInput> inputs = new ArrayList<>();
        for (ObjectNode element : XeroInput.elements(request, "Payments", "Payment")) inputs.add(parse(element));
        return reply(request, tenant, tenant.invoices.pay(inputs));
    }

    /** {@code POST /Payments/{PaymentID}} {@code {"Payments":[{"Status":"DELETED"}]}}. */
    private SandboxResponse delete(SandboxRequest request, String id, Tenant tenant) {
        String paymentId = ContactJson.looksLikeGuid(id) ? ContactJson.guidOrNull(id) : null;
        if (paymentId == null || tenant.invoices.payment(paymentId) == null) return XeroErrors.notFound();
        PaymentInput input = parse(XeroInput.elements(request, "Payments", "Payment").get(0));
        return reply(request, tenant, List.of(tenant.invoices.deletePayment(paymentId, input)));
    }

    private SandboxResponse reply(SandboxRequest request, Tenant tenant, List<PaymentOutcome> outcomes) {
        boolean summarize = XeroInput.summarize(request);
        if (summarize && outcomes.stream().anyMatch(o -> !o.ok())) {
            return XeroErrors.validation(outcomes.stream().filter(o -> !o.ok()).map(PaymentsEndpoint::echoFailed)
                    .toList());
        }
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("Payments");
        for (PaymentOutcome o : outcomes) {
            ObjectNode node = o.ok() ? render(o.saved(), tenant) : echoFailed(o);
            if (!summarize) node.put("StatusAttributeString", o.ok() ? "OK" : "ERROR");
            array.add(node);
        }
        return SandboxResponse.json(200, envelope);
    }

    static PaymentInput parse(ObjectNode element) {
        XeroInput.checkElements(element, ELEMENTS, IGNORED);
        String invoiceId = null;
        String invoiceNumber = XeroInput.text("InvoiceNumber", element.get("InvoiceNumber"));
        JsonNode invoice = element.get("Invoice");
        if (invoice != null && !invoice.isNull()) {
            if (!invoice.isObject()) throw new XeroApiException(XeroInput.wrongType("Invoice"));
            invoiceId = XeroInput.guid("InvoiceID", invoice.get("InvoiceID"));
            if (invoiceNumber == null) invoiceNumber = XeroInput.text("InvoiceNumber", invoice.get("InvoiceNumber"));
        }
        String accountId = null;
        String accountCode = XeroInput.text("Code", element.get("Code"));
        JsonNode account = element.get("Account");
        if (account != null && !account.isNull()) {
            if (!account.isObject()) throw new XeroApiException(XeroInput.wrongType("Account"));
            accountId = XeroInput.guid("AccountID", account.get("AccountID"));
            if (accountCode == null) accountCode = XeroInput.text("Code", account.get("Code"));
        }
        String status = XeroInput.text("Status", element.get("Status"));
        return new PaymentInput(invoiceId, blankToNull(invoiceNumber), accountId, blankToNull(accountCode),
                XeroInput.date("Date", element.get("Date")), XeroInput.decimal("Amount", element.get("Amount")),
                blankToNull(XeroInput.text("Reference", element.get("Reference"))),
                XeroInput.bool("IsReconciled", element.get("IsReconciled")),
                status == null ? null : status.trim().toUpperCase(java.util.Locale.ROOT), element.deepCopy());
    }

    static ObjectNode render(Payment p, Tenant tenant) {
        StoredInvoice credit = tenant.invoices.findCredit(p.invoiceId());
        StoredInvoice invoice = credit != null ? credit : tenant.invoices.find(p.invoiceId());
        ObjectNode n = XeroJson.object();
        n.put("PaymentID", p.paymentId());
        n.put("Date", XeroJson.msDate(p.date()));
        n.put("BankAmount", XeroJson.scaled(p.amount(), 2));
        n.put("Amount", XeroJson.scaled(p.amount(), 2));
        if (p.reference() != null) n.put("Reference", p.reference());
        n.put("CurrencyRate", XeroJson.scaled(invoice.currencyRate(), 6));
        // a refund of a credit note: ARCREDITPAYMENT (Xero's API docs: credit notes)
        n.put("PaymentType", credit != null ? ("ACCRECCREDIT".equals(credit.type()) ? "ARCREDITPAYMENT"
                : "APCREDITPAYMENT") : invoice.accrec() ? "ACCRECPAYMENT" : "ACCPAYPAYMENT");
        n.put("Status", p.status());
        n.put("UpdatedDateUTC", XeroJson.msDate(p.updatedDateUtc()));
        n.put("UpdatedDateUTCString", XeroJson.isoSeconds(p.updatedDateUtc()));
        n.put("HasAccount", true);
        n.put("IsReconciled", p.isReconciled());
        OrgSettings.Account account = tenant.org.account(p.accountCode());
        ObjectNode a = n.putObject("Account");
        if (account != null) a.put("AccountID", account.accountId());
        a.put("Code", p.accountCode());
        if (account != null) a.put("Name", account.name());
        Map<String, StoredItem> items = InvoicesEndpoint.itemsByCode(tenant);
        if (credit != null) n.set("CreditNote", CreditNotesEndpoint.render(credit, tenant, items, 2, Detail.SUMMARY));
        else n.set("Invoice", InvoicesEndpoint.render(invoice, tenant, items, 2, Detail.SUMMARY));
        n.put("HasValidationErrors", false);
        return n;
    }

    private static ObjectNode echoFailed(PaymentOutcome o) {
        ObjectNode n = o.input().raw().deepCopy();
        n.put("HasValidationErrors", true);
        n.set("ValidationErrors", ItemJson.validationErrors(o.errors()));
        return n;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
