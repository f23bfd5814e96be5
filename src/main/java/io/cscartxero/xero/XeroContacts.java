package io.cscartxero.xero;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.ElementResult;
import io.cscartxero.xero.model.ValidationError;
import io.cscartxero.xero.model.XeroJson;

import org.springframework.http.HttpMethod;

/** Xero Contacts: batch create and update with per-element results, and look-ups by ContactNumber. */
public class XeroContacts {

    /** Xero filters by ~40 values per call because of the URL length. */
    static final int LOOKUP_BATCH = 40;

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
        String body = XeroJson.MAPPER.writeValueAsString(new Contacts(contacts));
        List<Contact> answered = parse(http.write(method, "/Contacts?summarizeErrors=false", body)).contacts();
        if (answered == null || answered.size() != contacts.size()) {
            throw new XeroApiException.BadRequest(200, "Xero answered " + (answered == null ? 0 : answered.size())
                    + " contacts for " + contacts.size() + " sent; the batch outcome is unknown");
        }
        List<ElementResult<Contact>> results = new ArrayList<>(contacts.size());
        for (int i = 0; i < contacts.size(); i++) {
            Contact sent = contacts.get(i);
            Contact result = answered.get(i);
            boolean rejected = "ERROR".equals(result.statusAttributeString()) || Boolean.TRUE.equals(result.hasValidationErrors());
            if (rejected || result.contactID() == null) {
                List<String> messages = result.validationErrors() == null ? List.of()
                        : result.validationErrors().stream().map(ValidationError::message).toList();
                results.add(ElementResult.rejected(sent, messages.isEmpty() ? List.of("Xero rejected the contact without a message") : messages));
            } else {
                results.add(ElementResult.accepted(sent, result.contactID()));
            }
        }
        return results;
    }

    private static Contacts parse(XeroHttp.Response response) {
        try {
            Contacts parsed = XeroJson.MAPPER.readValue(response.body(), Contacts.class);
            return parsed.contacts() == null ? new Contacts(List.of()) : parsed;
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable Contacts response from Xero: " + e.getMessage());
        }
    }

    record Contacts(List<Contact> contacts) {
    }
}
