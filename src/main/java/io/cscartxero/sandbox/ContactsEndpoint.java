package io.cscartxero.sandbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cscartxero.sandbox.ContactJson.ContactInput;
import io.cscartxero.sandbox.ContactStore.Outcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /Contacts} of the Accounting API: GET (list with where, order and paging; by ContactID or ContactNumber), PUT
 * (create), POST (create or update, also {@code POST /Contacts/{ContactID}}). Called after authentication, rate
 * limiting and idempotency.
 */
final class ContactsEndpoint {

    static final String PROVIDER_NAME = "cscart-xero sandbox";
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final SandboxClock clock;

    ContactsEndpoint(SandboxClock clock) {
        this.clock = clock;
    }

    /**
     * @param subPath the path after {@code /Contacts}: "" or "/{id}"
     */
    SandboxResponse handle(SandboxRequest request, String subPath, ContactStore store) {
        try {
            String id = subPath.isEmpty() || subPath.equals("/") ? null : subPath.substring(1);
            if (id != null && id.contains("/")) return XeroErrors.notFound(); // attachments, history: not simulated
            return switch (request.method()) {
                case "GET" -> id == null ? list(request, store) : single(id, store);
                case "PUT" -> id == null ? write(request, store, true, null) : methodNotAllowed(request);
                case "POST" -> write(request, store, false, id);
                default -> methodNotAllowed(request);
            };
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    // ---- reads ----

    private SandboxResponse list(SandboxRequest request, ContactStore store) {
        boolean includeArchived = "true".equalsIgnoreCase(request.param("includeArchived"));
        boolean summaryOnly = "true".equalsIgnoreCase(request.param("summaryOnly"));
        Stream<StoredContact> stream = store.all().stream();
        if (!includeArchived) stream = stream.filter(c -> !"ARCHIVED".equals(c.contactStatus()));
        Set<String> ids = idList(request.param("IDs"));
        if (ids != null) stream = stream.filter(c -> ids.contains(c.contactId()));
        String where = request.param("where");
        if (where != null && !where.isBlank()) stream = stream.filter(WhereFilter.compile(where));
        String searchTerm = request.param("searchTerm");
        if (searchTerm != null && !searchTerm.isBlank()) stream = stream.filter(searchTerm(searchTerm));
        Instant since = ifModifiedSince(request.header("If-Modified-Since"));
        if (since != null) stream = stream.filter(c -> !c.updatedDateUtc().isBefore(since));
        // default order UpdatedDateUTC, ContactID (Xero's API docs: paging, order and summaryOnly); GUIDs sort as text here, not the SQL Server
        // way real Xero sorts them: clients may rely on a stable order by ContactID, not on which one comes first
        List<StoredContact> matches = stream.sorted(OrderBy.compile(request.param("order"), WhereFilter.CONTACTS,
                Comparator.comparing(StoredContact::updatedDateUtc).thenComparing(StoredContact::contactId))).toList();

        ObjectNode envelope = envelope();
        String pageParam = request.param("page");
        // summaryOnly forces pagination (Xero's API docs: paging, order and summaryOnly)
        if (pageParam != null || summaryOnly) {
            int page = Math.max(1, parseInt(pageParam, 1));
            int pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, parseInt(request.param("pageSize"), DEFAULT_PAGE_SIZE)));
            int itemCount = matches.size();
            int pageCount = (itemCount + pageSize - 1) / pageSize;
            ObjectNode pagination = envelope.putObject("pagination");
            pagination.put("page", page);
            pagination.put("pageSize", pageSize);
            pagination.put("pageCount", pageCount);
            pagination.put("itemCount", itemCount);
            long from = (long) (page - 1) * pageSize;
            matches = from >= itemCount ? List.of()
                    : matches.subList((int) from, (int) Math.min(itemCount, from + pageSize));
        }
        ArrayNode array = envelope.putArray("Contacts");
        matches.forEach(c -> array.add(ContactJson.render(c, summaryOnly)));
        return SandboxResponse.json(200, envelope);
    }

    /** {@code GET /Contacts/{ContactID}} or {@code GET /Contacts/{ContactNumber}}; archived contacts included. */
    private SandboxResponse single(String id, ContactStore store) {
        StoredContact contact = ContactJson.looksLikeGuid(id) ? store.find(ContactJson.guidOrNull(id))
                : store.findByNumber(id);
        if (contact == null) return XeroErrors.notFound();
        ObjectNode envelope = envelope();
        envelope.putArray("Contacts").add(ContactJson.render(contact, false));
        return SandboxResponse.json(200, envelope);
    }

    // ---- writes ----

    private SandboxResponse write(SandboxRequest request, ContactStore store, boolean createOnly, String pathId) {
        if (!request.hasBody()) throw new XeroApiException(XeroErrors.noData("Contact"));
        JsonNode body;
        try {
            body = XeroJson.parse(request.body());
        } catch (JacksonException e) {
            throw new XeroApiException(XeroErrors.postDataInvalid(
                    "JSON for post data was invalid, " + e.getOriginalMessage())); // wording unverified
        }
        List<JsonNode> elements = ContactJson.elements(body);
        if (elements.isEmpty()) throw new XeroApiException(XeroErrors.noData("Contact"));
        // parse everything first: an unknown element or a malformed GUID rejects the whole request, nothing is saved
        List<ContactInput> inputs = new ArrayList<>();
        for (JsonNode element : elements) inputs.add(ContactJson.parse(element));
        if (pathId != null) inputs = List.of(targetPathContact(pathId, inputs.get(0), store));

        boolean summarize = !"false".equalsIgnoreCase(request.param("summarizeErrors"));
        List<Outcome> outcomes = store.write(createOnly, inputs);

        ObjectNode envelope = envelope();
        ArrayNode contacts = envelope.putArray("Contacts");
        if (summarize) {
            List<ObjectNode> failed = outcomes.stream().filter(o -> !o.ok())
                    .map(o -> ContactJson.echoFailed(o.input(), o.contactId(), o.errors())).toList();
            // the valid elements stay saved although the call answers 400 (Xero's documented behaviour)
            if (!failed.isEmpty()) return XeroErrors.validation(failed);
            outcomes.forEach(o -> contacts.add(ContactJson.render(o.saved(), false)));
        } else {
            for (Outcome o : outcomes) {
                ObjectNode node = o.ok() ? ContactJson.render(o.saved(), false)
                        : ContactJson.echoFailed(o.input(), o.contactId(), o.errors());
                node.put("StatusAttributeString", o.ok() ? "OK" : "ERROR");
                contacts.add(node);
            }
        }
        return SandboxResponse.json(200, envelope);
    }

    /** {@code POST /Contacts/{id}} updates that contact with the (first) element of the body. */
    private static ContactInput targetPathContact(String pathId, ContactInput input, ContactStore store) {
        StoredContact target = ContactJson.looksLikeGuid(pathId) ? store.find(ContactJson.guidOrNull(pathId))
                : store.findByNumber(pathId);
        if (target == null) throw new XeroApiException(XeroErrors.notFound());
        return new ContactInput(target.contactId(), input.strings(), input.addresses(), input.phones(),
                input.extras(), input.raw());
    }

    // ---- helpers ----

    private ObjectNode envelope() {
        ObjectNode envelope = XeroJson.object();
        envelope.put("Id", XeroJson.newId());
        envelope.put("Status", "OK");
        envelope.put("ProviderName", PROVIDER_NAME);
        envelope.put("DateTimeUTC", XeroJson.msDateNoOffset(clock.instant()));
        return envelope;
    }

    /** Comma-separated ContactIDs; a malformed one fails like any malformed GUID (500). */
    private static Set<String> idList(String ids) {
        if (ids == null || ids.isBlank()) return null;
        return Arrays.stream(ids.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(ContactJson::guidOrNull).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
    }

    private static Predicate<StoredContact> searchTerm(String term) {
        String needle = term.trim().toLowerCase(Locale.ROOT);
        return c -> Stream.of(c.name(), c.firstName(), c.lastName(), c.contactNumber(), c.companyNumber(),
                c.emailAddress()).anyMatch(v -> v != null && v.toLowerCase(Locale.ROOT).contains(needle));
    }

    /**
     * If-Modified-Since, accurate to the second: records updated at or after that second are returned (re-reading a
     * boundary record is harmless; missing one is not). Accepts RFC 1123 and ISO-8601 with or without offset (UTC
     * assumed). Milliseconds are ignored (Xero is reported to reject them — unverified, so the sandbox is lenient).
     * An unparsable value is ignored.
     */
    static Instant ifModifiedSince(String header) {
        if (header == null || header.isBlank()) return null;
        String value = header.trim();
        Instant parsed = null;
        try {
            parsed = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc) {
            try {
                parsed = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    parsed = LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException ignored) {
                    return null;
                }
            }
        }
        return parsed.truncatedTo(ChronoUnit.SECONDS);
    }

    private static int parseInt(String value, int fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static SandboxResponse methodNotAllowed(SandboxRequest request) {
        // ASP.NET Web API wording (unverified for Xero)
        return SandboxResponse.text(405, "The requested resource does not support http method '" + request.method() + "'.");
    }
}
