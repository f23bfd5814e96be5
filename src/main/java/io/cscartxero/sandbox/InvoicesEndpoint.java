package io.cscartxero.sandbox;

import java.util.function.Function;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cscartxero.sandbox.InvoiceJson.Detail;
import io.cscartxero.sandbox.InvoiceJson.InvoiceInput;
import io.cscartxero.sandbox.InvoiceStore.Outcome;
import io.cscartxero.sandbox.WhereFilter.Field;
import io.cscartxero.sandbox.WhereFilter.Schema;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /Invoices}: GET (list, by InvoiceID or InvoiceNumber), PUT (create), POST (create or update, also
 * {@code POST /Invoices/{InvoiceID or InvoiceNumber}}). There is no DELETE: invoices are deleted or voided through
 * their Status (Xero's API docs: invoice statuses and deleting/voiding).
 */
final class InvoicesEndpoint {

    private final SandboxClock clock;

    InvoicesEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    /** @param subPath "" or "/{id}" */
    SandboxResponse handle(SandboxRequest request, String subPath, Tenant tenant, String clientId) {
        try {
            String id = subPath.isEmpty() ? null : subPath.substring(1);
            if (id != null && id.contains("/")) return XeroErrors.notFound(); // pdf, attachments, history: not simulated
            return switch (request.method()) {
                case "GET" -> id == null ? list(request, tenant, clientId) : single(request, id, tenant);
                case "PUT" -> id == null ? write(request, tenant, true, null, clientId)
                        : ContactsEndpoint.methodNotAllowed(request);
                case "POST" -> write(request, tenant, false, id, clientId);
                default -> ContactsEndpoint.methodNotAllowed(request); // no DELETE: use Status
            };
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    // ---- reads ----

    /**
     * Paging (page, pageSize 1..1000, default 100) as for Contacts. Paged results carry LineItems; unpaged lists
     * omit them (§7). Statuses and summaryOnly force paging (§7). Order: UpdatedDateUTC, then InvoiceID.
     */
    private SandboxResponse list(SandboxRequest request, Tenant tenant, String clientId) {
        boolean summaryOnly = "true".equalsIgnoreCase(request.param("summaryOnly"));
        Stream<StoredInvoice> stream = tenant.invoices.all().stream();
        Set<String> ids = guidList(request.param("IDs"));
        if (ids != null) stream = stream.filter(i -> ids.contains(i.invoiceId()));
        Set<String> numbers = textList(request.param("InvoiceNumbers"));
        if (numbers != null) {
            stream = stream.filter(i -> i.invoiceNumber() != null
                    && numbers.contains(i.invoiceNumber().trim().toLowerCase(Locale.ROOT)));
        }
        Set<String> contactIds = guidList(request.param("ContactIDs"));
        if (contactIds != null) stream = stream.filter(i -> contactIds.contains(i.contactId()));
        Set<String> statuses = textList(request.param("Statuses"));
        if (statuses != null) stream = stream.filter(i -> statuses.contains(i.status().toLowerCase(Locale.ROOT)));
        String where = request.param("where");
        if (where != null && !where.isBlank()) stream = stream.filter(WhereFilter.compile(where, schema(tenant)));
        Instant since = ContactsEndpoint.ifModifiedSince(request.header("If-Modified-Since"));
        if (since != null) stream = stream.filter(i -> !i.updatedDateUtc().isBefore(since));
        if ("true".equalsIgnoreCase(request.param("createdByMyApp"))) {
            stream = stream.filter(i -> Objects.equals(i.createdByClientId(), clientId));
        }
        List<StoredInvoice> matches = stream.sorted(Comparator.comparing(StoredInvoice::updatedDateUtc)
                .thenComparing(StoredInvoice::invoiceId)).toList();

        ObjectNode envelope = XeroJson.envelope(clock.instant());
        boolean paged = request.param("page") != null || statuses != null || summaryOnly;
        if (paged) matches = Paging.page(request, matches, envelope);
        Detail detail = summaryOnly ? Detail.SUMMARY : paged ? Detail.FULL : Detail.NO_LINES;
        int unitDp = XeroInput.unitDp(request);
        Map<String, StoredItem> items = itemsByCode(tenant);
        ArrayNode array = envelope.putArray("Invoices");
        matches.forEach(i -> array.add(render(i, tenant, items, unitDp, detail)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse single(SandboxRequest request, String id, Tenant tenant) {
        StoredInvoice invoice = tenant.invoices.findByIdOrNumber(id);
        if (invoice == null) return XeroErrors.notFound();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        envelope.putArray("Invoices").add(render(invoice, tenant, itemsByCode(tenant), XeroInput.unitDp(request),
                Detail.FULL));
        return SandboxResponse.json(200, envelope);
    }

    // ---- writes ----

    private SandboxResponse write(SandboxRequest request, Tenant tenant, boolean createOnly, String pathId,
            String clientId) {
        int unitDp = XeroInput.unitDp(request);
        // parse everything first: an unknown element or a malformed value rejects the whole request
        List<InvoiceInput> inputs = new ArrayList<>();
        for (ObjectNode element : XeroInput.elements(request, "Invoices", "Invoice")) {
            inputs.add(InvoiceJson.parse(element, unitDp));
        }
        String targetId = null;
        if (pathId != null) {
            StoredInvoice target = tenant.invoices.findByIdOrNumber(pathId);
            if (target == null) return XeroErrors.notFound();
            targetId = target.invoiceId();
            inputs = List.of(inputs.get(0));
        }
        List<Outcome> outcomes = tenant.invoices.write(createOnly, inputs, targetId, clientId, unitDp);

        Map<String, StoredItem> items = itemsByCode(tenant);
        return answerWrites(request, outcomes, "Invoices", clock.instant(),
                o -> render(o.saved(), tenant, items, unitDp, Detail.FULL), o -> echoFailed(o, tenant, items, unitDp));
    }

    /**
     * The answer to a batch of invoice or credit-note writes, as Xero gives it: with summarizeErrors (the default) any
     * refused element makes the call a 400 listing only the refused ones — the valid ones stay saved, Xero's documented
     * behaviour —; with summarizeErrors=false a 200 listing every element with its StatusAttributeString.
     */
    static SandboxResponse answerWrites(SandboxRequest request, List<Outcome> outcomes, String collection, Instant now,
            Function<Outcome, ObjectNode> saved, Function<Outcome, ObjectNode> failed) {
        boolean summarize = XeroInput.summarize(request);
        if (summarize && outcomes.stream().anyMatch(o -> !o.ok())) {
            return XeroErrors.validation(outcomes.stream().filter(o -> !o.ok()).map(failed).toList());
        }
        ObjectNode envelope = XeroJson.envelope(now);
        ArrayNode array = envelope.putArray(collection);
        for (Outcome o : outcomes) {
            ObjectNode node = o.ok() ? saved.apply(o) : failed.apply(o);
            if (!summarize) node.put("StatusAttributeString", o.ok() ? "OK" : "ERROR");
            array.add(node);
        }
        return SandboxResponse.json(200, envelope);
    }

    /** The invoice as it would have been saved (or the element as sent), with HasErrors and its errors. */
    private ObjectNode echoFailed(Outcome o, Tenant tenant, Map<String, StoredItem> items, int unitDp) {
        ObjectNode node;
        if (o.candidate() != null) {
            StoredInvoice c = o.candidate();
            StoredContact contact = c.contactId() == null ? null : tenant.contacts.find(c.contactId());
            node = InvoiceJson.render(c, InvoiceJson.contact(contact, o.input().contact()),
                    tenant.invoices.paymentsOf(c.invoiceId()), items, tenant.org, unitDp, Detail.FULL);
        } else {
            node = o.input().raw().deepCopy();
        }
        return InvoiceJson.failed(node, o.invoiceId(), o.errors());
    }

    static ObjectNode render(StoredInvoice invoice, Tenant tenant, Map<String, StoredItem> items, int unitDp,
            Detail detail) {
        StoredContact contact = invoice.contactId() == null ? null : tenant.contacts.find(invoice.contactId());
        return InvoiceJson.render(invoice, InvoiceJson.contact(contact, null),
                tenant.invoices.paymentsOf(invoice.invoiceId()), items, tenant.org, unitDp, detail);
    }

    static Map<String, StoredItem> itemsByCode(Tenant tenant) {
        Map<String, StoredItem> map = new LinkedHashMap<>();
        tenant.items.all().forEach(i -> map.put(InvoiceJson.code(i.code()), i));
        return map;
    }

    // ---- filters ----

    /** Comma-separated GUIDs; a malformed one fails like any malformed GUID (500). */
    static Set<String> guidList(String ids) {
        if (ids == null || ids.isBlank()) return null;
        return Arrays.stream(ids.split(",")).map(s -> s.trim().replace("\"", "")).filter(s -> !s.isEmpty())
                .map(ContactJson::guidOrNull).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** Comma-separated values, compared case-insensitively. */
    private static Set<String> textList(String values) {
        if (values == null || values.isBlank()) return null;
        return Arrays.stream(values.split(",")).map(s -> s.trim().replace("\"", "").toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** The where schema; Contact.* look the contact up, so the schema is built per request. */
    static Schema<StoredInvoice> schema(Tenant tenant) {
        Map<String, Field<StoredInvoice>> f = new LinkedHashMap<>();
        f.put("InvoiceID", Field.string(StoredInvoice::invoiceId));
        f.put("InvoiceNumber", Field.string(StoredInvoice::invoiceNumber));
        f.put("Reference", Field.string(StoredInvoice::reference));
        f.put("Status", Field.string(StoredInvoice::status));
        f.put("Type", Field.string(StoredInvoice::type));
        f.put("CurrencyCode", Field.string(StoredInvoice::currencyCode));
        f.put("LineAmountTypes", Field.string(StoredInvoice::lineAmountTypes));
        f.put("Contact.ContactID", Field.string(StoredInvoice::contactId));
        f.put("Contact.Name", Field.string(i -> contactField(tenant, i, StoredContact::name)));
        f.put("Contact.ContactNumber", Field.string(i -> contactField(tenant, i, StoredContact::contactNumber)));
        f.put("Date", Field.dateTime(i -> midnight(i.date())));
        f.put("DueDate", Field.dateTime(i -> midnight(i.dueDate())));
        f.put("UpdatedDateUTC", Field.dateTime(StoredInvoice::updatedDateUtc));
        f.put("AmountDue", Field.decimal(StoredInvoice::amountDue));
        f.put("AmountPaid", Field.decimal(StoredInvoice::amountPaid));
        f.put("Total", Field.decimal(i -> i.totals().total()));
        f.put("SubTotal", Field.decimal(i -> i.totals().subTotal()));
        f.put("TotalTax", Field.decimal(i -> i.totals().totalTax()));
        f.put("HasAttachments", Field.bool(i -> Boolean.FALSE));
        f.put("SentToContact", Field.bool(i -> i.extras().path("SentToContact").asBoolean(false)));
        return new Schema<>("Invoice", f);
    }

    private static Object contactField(Tenant tenant, StoredInvoice invoice,
            java.util.function.Function<StoredContact, String> getter) {
        StoredContact c = invoice.contactId() == null ? null : tenant.contacts.find(invoice.contactId());
        return c == null ? null : getter.apply(c);
    }

    private static Instant midnight(LocalDate date) {
        return date == null ? null : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
