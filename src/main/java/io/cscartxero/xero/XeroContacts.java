package io.cscartxero.xero;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.XeroDates;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

/** Xero Contacts: batch create and update with per-element results, and look-ups by ContactNumber. */
public class XeroContacts {

    /** Xero filters by ~40 values per call because of the URL length. */
    static final int LOOKUP_BATCH = 40;
    public static final int PAGE_SIZE = 1000;

    private final XeroHttp http;

    public XeroContacts(XeroHttp http) {
        this.http = http;
    }

    /** PUT: create only. A ContactNumber or Name that already exists comes back as an element error. */
    public List<ElementResult<Contact>> create(List<Contact> contacts) {
        return write(HttpMethod.PUT, contacts);
    }

    /** POST: update the contacts named by ContactID (omitted fields keep their values in Xero). */
    public List<ElementResult<Contact>> update(List<Contact> contacts) {
        return write(HttpMethod.POST, contacts);
    }

    /** Contacts (archived included) by ContactNumber; numbers without a contact are absent from the map. */
    public Map<String, Contact> findByContactNumbers(Collection<String> numbers) {
        Map<String, Contact> found = new HashMap<>();
        List<String> all = List.copyOf(numbers);
        for (int i = 0; i < all.size(); i += LOOKUP_BATCH) {
            String where = all.subList(i, Math.min(all.size(), i + LOOKUP_BATCH)).stream()
                    .map(n -> "ContactNumber==\"" + n.replace("\"", "") + "\"")
                    .collect(Collectors.joining(" OR "));
            XeroHttp.Response response = http.get("/Contacts?includeArchived=true&where="
                    + URLEncoder.encode(where, StandardCharsets.UTF_8).replace("+", "%20"));
            for (Contact c : parse(response).contacts()) {
                if (c.contactNumber() != null) {
                    found.put(c.contactNumber(), c);
                }
            }
        }
        return found;
    }

    private List<ElementResult<Contact>> write(HttpMethod method, List<Contact> contacts) {
        if (contacts.isEmpty()) {
            return List.of();
        }
        String body = XeroJson.MAPPER.writeValueAsString(new Contacts(contacts, null));
        List<Contact> answered = parse(http.write(method, "/Contacts?summarizeErrors=false", body)).contacts();
        return BatchResults.pair(contacts, answered, Contact::contactID, Contact::statusAttributeString,
                Contact::validationErrors, "contacts");
    }

    /**
     * One page (1-based, up to 1000) of contacts, archived included, modified since the given time (null: all).
     * Ordered by ContactID, which never changes: in Xero's default order (UpdatedDateUTC) a contact edited between two
     * page calls moves to the end and the next page starts one contact later, skipping one. Archived contacts are
     * listed for the same reason (archiving one would also shift later pages); the caller drops them. A contact created
     * meanwhile can only push later ones further on (read twice, never skipped).
     */
    public Page page(int page, Instant modifiedSince) {
        Contacts parsed = parse(http.getModifiedSince("/Contacts?page=" + page + "&pageSize=" + PAGE_SIZE
                + "&order=ContactID&includeArchived=true", modifiedSince));
        return new Page(parsed.contacts(), XeroDates.parse(parsed.dateTimeUTC()));
    }

    /** A page of contacts and Xero's clock when it answered (the envelope's DateTimeUTC; null when absent). */
    public record Page(List<Contact> contacts, Instant answeredAt) {
    }

    private static Contacts parse(XeroHttp.Response response) {
        try {
            Contacts parsed = XeroJson.MAPPER.readValue(response.body(), Contacts.class);
            return parsed.contacts() == null ? new Contacts(List.of(), parsed.dateTimeUTC()) : parsed;
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable Contacts response from Xero: " + e.getMessage());
        }
    }

    record Contacts(List<Contact> contacts, String dateTimeUTC) {
    }
}
