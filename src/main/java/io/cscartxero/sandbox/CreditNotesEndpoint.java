package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.cscartxero.sandbox.InvoiceJson.Detail;
import io.cscartxero.sandbox.InvoiceJson.InvoiceInput;
import io.cscartxero.sandbox.InvoiceStore.Allocation;
import io.cscartxero.sandbox.InvoiceStore.AllocationInput;
import io.cscartxero.sandbox.InvoiceStore.AllocationOutcome;
import io.cscartxero.sandbox.InvoiceStore.Outcome;
import io.cscartxero.sandbox.StoredInvoice.Payment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /CreditNotes} (spec: CreditNote, Allocation): PUT (create, batch, summarizeErrors), POST (create or update,
 * also {@code POST /CreditNotes/{id}}), GET (list; by CreditNoteID or CreditNoteNumber), and
 * {@code PUT /CreditNotes/{id}/Allocations}, {@code DELETE /CreditNotes/{id}/Allocations/{allocationId}} (a credit
 * note cannot be voided while an allocation or refund payment remains). Credit notes follow the invoice rules and arithmetic of
 * {@link InvoiceStore} (lines, TaxType, TaxAmount override, statuses DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED,
 * DELETED); lines may carry no discount (spec LineItem.DiscountRate/DiscountAmount: "credit notes in Xero do not
 * support discounts"). RemainingCredit = Total − allocations − refund payments; a fully used credit note is PAID.
 */
final class CreditNotesEndpoint {

    /** Credit-note elements that are not invoice elements, read-only: accepted and ignored. */
    static final Set<String> READ_ONLY = Set.of("RemainingCredit", "AppliedAmount", "Allocations", "CreditNoteID",
            "CreditNoteNumber", "ID", "FullyPaidOnDate", "BrandingThemeID");

    private final SandboxClock clock;

    CreditNotesEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    SandboxResponse handle(SandboxRequest request, String subPath, Tenant tenant, String clientId) {
        try {
            String[] parts = subPath.isEmpty() ? new String[0] : subPath.substring(1).split("/");
            if (parts.length == 2 && parts[1].equalsIgnoreCase("Allocations")) {
                return request.method().equals("PUT") ? allocate(request, parts[0], tenant)
                        : ContactsEndpoint.methodNotAllowed(request);
            }
            if (parts.length == 3 && parts[1].equalsIgnoreCase("Allocations")) {
                return request.method().equals("DELETE") ? deleteAllocation(parts[0], parts[2], tenant)
                        : ContactsEndpoint.methodNotAllowed(request);
            }
            if (parts.length > 1) return XeroErrors.notFound();
            String id = parts.length == 0 ? null : parts[0];
            return switch (request.method()) {
                case "GET" -> id == null ? list(request, tenant) : single(request, id, tenant);
                case "PUT" -> id == null ? write(request, tenant, true, null, clientId)
                        : ContactsEndpoint.methodNotAllowed(request);
                case "POST" -> write(request, tenant, false, id, clientId);
                default -> ContactsEndpoint.methodNotAllowed(request);
            };
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    // ---- reads ----

    private SandboxResponse list(SandboxRequest request, Tenant tenant) {
        Stream<StoredInvoice> stream = tenant.invoices.allCredits().stream();
        String where = request.param("where");
        if (where != null && !where.isBlank()) stream = stream.filter(WhereFilter.compile(where, schema(tenant)));
        java.time.Instant since = ContactsEndpoint.ifModifiedSince(request.header("If-Modified-Since"));
        if (since != null) stream = stream.filter(c -> !c.updatedDateUtc().isBefore(since));
        List<StoredInvoice> matches = stream.sorted(Comparator.comparing(StoredInvoice::updatedDateUtc)
                .thenComparing(StoredInvoice::invoiceId)).toList();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        boolean paged = request.param("page") != null;
        if (paged) matches = Paging.page(request, matches, envelope);
        int unitDp = XeroInput.unitDp(request);
        Map<String, StoredItem> items = InvoicesEndpoint.itemsByCode(tenant);
        ArrayNode array = envelope.putArray("CreditNotes");
        Detail detail = paged ? Detail.FULL : Detail.NO_LINES;
        matches.forEach(c -> array.add(render(c, tenant, items, unitDp, detail)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse single(SandboxRequest request, String id, Tenant tenant) {
        StoredInvoice credit = tenant.invoices.findCreditByIdOrNumber(id);
        if (credit == null) return XeroErrors.notFound();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        envelope.putArray("CreditNotes").add(render(credit, tenant, InvoicesEndpoint.itemsByCode(tenant),
                XeroInput.unitDp(request), Detail.FULL));
        return SandboxResponse.json(200, envelope);
    }

    // ---- writes ----

    private SandboxResponse write(SandboxRequest request, Tenant tenant, boolean createOnly, String pathId,
            String clientId) {
        int unitDp = XeroInput.unitDp(request);
        List<InvoiceInput> inputs = new ArrayList<>();
        for (ObjectNode element : XeroInput.elements(request, "CreditNotes", "CreditNote")) {
            inputs.add(InvoiceJson.parse(asInvoiceElement(element), unitDp));
        }
        String targetId = null;
        if (pathId != null) {
            StoredInvoice target = tenant.invoices.findCreditByIdOrNumber(pathId);
            if (target == null) return XeroErrors.notFound();
            targetId = target.invoiceId();
            inputs = List.of(inputs.get(0));
        }
        List<Outcome> outcomes = tenant.invoices.writeCredits(createOnly, inputs, targetId, clientId, unitDp);
        Map<String, StoredItem> items = InvoicesEndpoint.itemsByCode(tenant);
        return InvoicesEndpoint.answerWrites(request, outcomes, "CreditNotes", clock.instant(),
                o -> render(o.saved(), tenant, items, unitDp, Detail.FULL), o -> echoFailed(o, tenant, items, unitDp));
    }

    /** CreditNoteID/CreditNoteNumber as InvoiceID/InvoiceNumber; read-only credit-note elements dropped. */
    private static ObjectNode asInvoiceElement(ObjectNode element) {
        XeroInput.checkElements(element, union(InvoiceJson.ELEMENTS, READ_ONLY), InvoiceJson.IGNORED);
        ObjectNode copy = element.deepCopy();
        for (String name : READ_ONLY) copy.remove(name);
        if (element.has("CreditNoteID")) copy.set("InvoiceID", element.get("CreditNoteID"));
        if (element.has("CreditNoteNumber")) copy.set("InvoiceNumber", element.get("CreditNoteNumber"));
        copy.remove("DueDate");
        return copy;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private SandboxResponse allocate(SandboxRequest request, String id, Tenant tenant) {
        StoredInvoice credit = ContactJson.looksLikeGuid(id) ? tenant.invoices.findCredit(ContactJson.guidOrNull(id))
                : null;
        if (credit == null) return XeroErrors.notFound();
        List<AllocationInput> inputs = new ArrayList<>();
        for (ObjectNode element : XeroInput.elements(request, "Allocations", "Allocation")) {
            XeroInput.checkElements(element, Set.of("Invoice", "Amount", "Date"),
                    Set.of("CreditNote", "AllocationID", "IsDeleted", "StatusAttributeString", "ValidationErrors"));
            String invoiceId = null;
            String invoiceNumber = null;
            JsonNode invoice = element.get("Invoice");
            if (invoice != null && !invoice.isNull()) {
                if (!invoice.isObject()) throw new XeroApiException(XeroInput.wrongType("Invoice"));
                invoiceId = XeroInput.guid("InvoiceID", invoice.get("InvoiceID"));
                invoiceNumber = XeroInput.text("InvoiceNumber", invoice.get("InvoiceNumber"));
            }
            inputs.add(new AllocationInput(invoiceId, invoiceNumber,
                    XeroInput.decimal("Amount", element.get("Amount")), XeroInput.date("Date", element.get("Date")),
                    element.deepCopy()));
        }
        List<AllocationOutcome> outcomes = tenant.invoices.allocate(credit.invoiceId(), inputs);
        boolean summarize = XeroInput.summarize(request);
        if (summarize && outcomes.stream().anyMatch(o -> !o.ok())) {
            return XeroErrors.validation(outcomes.stream().filter(o -> !o.ok()).map(CreditNotesEndpoint::echoFailed)
                    .toList());
        }
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("Allocations");
        for (AllocationOutcome o : outcomes) {
            ObjectNode node = o.ok() ? renderAllocation(o.saved(), tenant) : echoFailed(o);
            if (!summarize) node.put("StatusAttributeString", o.ok() ? "OK" : "ERROR");
            array.add(node);
        }
        return SandboxResponse.json(200, envelope);
    }

    /**
     * {@code DELETE /CreditNotes/{CreditNoteID}/Allocations/{AllocationID}} (spec deleteCreditNoteAllocations: 200,
     * "response of type Allocation with the isDeleted flag as true"): the invoice's AmountDue and the credit note's
     * RemainingCredit come back; a PAID invoice or credit note is AUTHORISED again. An unknown credit note or
     * allocation (or one of another credit note) is 404; a deleted one is refused, as a date in a locked period.
     */
    private SandboxResponse deleteAllocation(String creditNoteId, String allocationId, Tenant tenant) {
        StoredInvoice credit = ContactJson.looksLikeGuid(creditNoteId)
                ? tenant.invoices.findCredit(ContactJson.guidOrNull(creditNoteId)) : null;
        String id = ContactJson.looksLikeGuid(allocationId) ? ContactJson.guidOrNull(allocationId) : null;
        if (credit == null || id == null) return XeroErrors.notFound();
        InvoiceStore.AllocationDeletion deletion = tenant.invoices.deleteAllocation(credit.invoiceId(), id);
        if (deletion == null) return XeroErrors.notFound();
        if (deletion.error() != null) return XeroErrors.validation(List.of(validationElement(deletion.error())));
        ObjectNode n = renderAllocation(deletion.allocation(), tenant);
        n.put("IsDeleted", true);
        return SandboxResponse.json(200, n);
    }

    private static ObjectNode validationElement(String message) {
        ObjectNode n = XeroJson.object();
        n.set("ValidationErrors", ItemJson.validationErrors(List.of(message)));
        return n;
    }

    private static ObjectNode echoFailed(AllocationOutcome o) {
        ObjectNode n = o.input().raw().deepCopy();
        n.set("ValidationErrors", ItemJson.validationErrors(o.errors()));
        return n;
    }

    private ObjectNode echoFailed(Outcome o, Tenant tenant, Map<String, StoredItem> items, int unitDp) {
        ObjectNode node = o.candidate() != null ? render(o.candidate(), tenant, items, unitDp, Detail.FULL)
                : o.input().raw().deepCopy();
        node.put("HasErrors", true);
        node.set("ValidationErrors", ItemJson.validationErrors(o.errors()));
        return node;
    }

    static ObjectNode renderAllocation(Allocation a, Tenant tenant) {
        ObjectNode n = XeroJson.object();
        n.put("AllocationID", a.allocationId());
        n.put("Amount", XeroJson.scaled(a.amount(), 2));
        n.put("Date", XeroJson.msDate(a.date()));
        n.putObject("Invoice").put("InvoiceID", a.invoiceId());
        ObjectNode c = n.putObject("CreditNote");
        c.put("CreditNoteID", a.creditNoteId());
        c.put("ID", a.creditNoteId());
        n.put("IsDeleted", false);
        return n;
    }

    /** A credit note as Xero shows one: the invoice rendering with the credit-note names and amounts. */
    static ObjectNode render(StoredInvoice credit, Tenant tenant, Map<String, StoredItem> items, int unitDp,
            Detail detail) {
        StoredContact contact = credit.contactId() == null ? null : tenant.contacts.find(credit.contactId());
        List<Payment> payments = tenant.invoices.paymentsOf(credit.invoiceId());
        ObjectNode inv = InvoiceJson.render(credit, InvoiceJson.contact(contact, null), payments, items, tenant.org,
                unitDp, detail);
        ObjectNode n = XeroJson.object();
        n.put("CreditNoteID", credit.invoiceId());
        n.put("ID", credit.invoiceId());
        n.put("CreditNoteNumber", credit.invoiceNumber() == null ? "" : credit.invoiceNumber());
        inv.properties().forEach(e -> {
            switch (e.getKey()) {
                case "InvoiceID", "InvoiceNumber", "AmountDue", "AmountPaid", "AmountCredited", "DueDate",
                        "DueDateString", "CreditNotes", "IsDiscounted", "TotalDiscount" -> { }
                default -> n.set(e.getKey(), e.getValue());
            }
        });
        BigDecimal allocated = BigDecimal.ZERO;
        if (detail != Detail.SUMMARY) {
            ArrayNode array = n.putArray("Allocations");
            for (Allocation a : tenant.invoices.allocationsOf(credit.invoiceId())) {
                array.add(renderAllocation(a, tenant));
                allocated = allocated.add(a.amount());
            }
        } else {
            for (Allocation a : tenant.invoices.allocationsOf(credit.invoiceId())) allocated = allocated.add(a.amount());
        }
        n.put("RemainingCredit", XeroJson.scaled(credit.remainingCredit(), 2));
        n.put("AppliedAmount", XeroJson.scaled(allocated, 2));
        return n;
    }

    static WhereFilter.Schema<StoredInvoice> schema(Tenant tenant) {
        Map<String, WhereFilter.Field<StoredInvoice>> f = new java.util.LinkedHashMap<>();
        f.put("CreditNoteID", WhereFilter.Field.string(StoredInvoice::invoiceId));
        f.put("CreditNoteNumber", WhereFilter.Field.string(StoredInvoice::invoiceNumber));
        f.put("Reference", WhereFilter.Field.string(StoredInvoice::reference));
        f.put("Status", WhereFilter.Field.string(StoredInvoice::status));
        f.put("Type", WhereFilter.Field.string(StoredInvoice::type));
        f.put("Contact.ContactID", WhereFilter.Field.string(StoredInvoice::contactId));
        f.put("RemainingCredit", WhereFilter.Field.decimal(StoredInvoice::remainingCredit));
        f.put("Total", WhereFilter.Field.decimal(c -> c.totals().total()));
        return new WhereFilter.Schema<>("CreditNote", f);
    }
}
