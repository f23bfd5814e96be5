package io.cscartxero.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sandbox.ContactJson.ContactInput;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contacts of one tenant. Writes of one request run under the store's lock, element by element: each element is
 * validated against everything saved before it, including earlier elements of the same request.
 * <p>
 * Matching on POST (unverified precedence, Xero's API docs: PUT vs POST, how updates match records): ContactID, else ContactNumber (archived contacts
 * included; the connector's ContactNumber is its external key, and the old Xero changelog says a ContactNumber given
 * without Name must exist), else Name among ACTIVE contacts when neither ContactID nor ContactNumber is given.
 * A ContactNumber that matches nothing creates a new contact (so a clashing Name then fails as in Xero).
 * PUT never matches: it only creates, so an existing Name or ContactNumber fails validation.
 */
final class ContactStore {

    /** Result of one element of a write request. */
    record Outcome(ContactInput input, StoredContact saved, String contactId, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final SandboxClock clock;
    private final Map<String, StoredContact> contacts = new LinkedHashMap<>();
    // the unique keys (trimmed, lower case) indexed: a back-fill of 100,000 orders must not scan every contact per element
    private final Map<String, Set<String>> idsByActiveName = new HashMap<>();
    private final Map<String, Set<String>> idsByNumber = new HashMap<>();
    private final Map<String, Set<String>> idsByAccountNumber = new HashMap<>();
    private final ContactValidator.TakenKeys taken = new ContactValidator.TakenKeys() {
        @Override
        public Set<String> activeName(String key) {
            return idsByActiveName.getOrDefault(key, Set.of());
        }

        @Override
        public Set<String> contactNumber(String key) {
            return idsByNumber.getOrDefault(key, Set.of());
        }

        @Override
        public Set<String> accountNumber(String key) {
            return idsByAccountNumber.getOrDefault(key, Set.of());
        }
    };
    private Instant lastStamp = Instant.EPOCH;

    ContactStore(SandboxClock clock) {
        this.clock = clock;
    }

    synchronized List<StoredContact> all() {
        return new ArrayList<>(contacts.values());
    }

    synchronized StoredContact find(String contactId) {
        return contacts.get(contactId);
    }

    synchronized StoredContact findByNumber(String contactNumber) {
        return first(idsByNumber, contactNumber);
    }

    /** An ACTIVE contact with this name (case-insensitive, trimmed), or null. */
    synchronized StoredContact findActiveByName(String name) {
        return first(idsByActiveName, name);
    }

    synchronized void clear() {
        contacts.clear();
        idsByActiveName.clear();
        idsByNumber.clear();
        idsByAccountNumber.clear();
    }

    /** Validates and saves the elements in order; failed elements are not saved, valid ones are. */
    synchronized List<Outcome> write(boolean createOnly, List<ContactInput> inputs) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ContactInput input : inputs) outcomes.add(writeOne(createOnly, input));
        return outcomes;
    }

    private Outcome writeOne(boolean createOnly, ContactInput input) {
        StoredContact existing = null;
        if (input.contactId() != null) {
            existing = contacts.get(input.contactId());
            if (createOnly && existing != null) {
                // unverified wording; PUT is create-only
                return failed(input, input.contactId(), "A contact with ContactID " + input.contactId()
                        + " already exists. Use POST to update a contact.");
            }
            if (!createOnly && existing == null) {
                // unverified wording; an unknown ContactID is an error (old Xero changelog)
                return failed(input, input.contactId(), "The ContactID " + input.contactId()
                        + " does not match any contact.");
            }
        } else if (!createOnly) {
            existing = match(input);
        }
        StoredContact candidate = merge(existing, input);
        List<String> errors = ContactValidator.validate(candidate, input, taken);
        if (!errors.isEmpty()) {
            return new Outcome(input, null, existing == null ? null : existing.contactId(), errors);
        }
        StoredContact saved = candidate.withFields(Map.of(), nextStamp());
        save(saved);
        return new Outcome(input, saved, saved.contactId(), List.of());
    }

    private StoredContact match(ContactInput input) {
        String number = StoredContact.blankToNull(input.get("ContactNumber"));
        if (number != null) return findByNumber(number.trim());
        String name = StoredContact.blankToNull(input.get("Name"));
        if (name == null) return null;
        return findActiveByName(name);
    }

    private void save(StoredContact saved) {
        StoredContact before = contacts.put(saved.contactId(), saved);
        if (before != null) {
            unindex(idsByActiveName, before.active() ? before.name() : null, before.contactId());
            unindex(idsByNumber, before.contactNumber(), before.contactId());
            unindex(idsByAccountNumber, before.accountNumber(), before.contactId());
        }
        if (saved.active()) index(idsByActiveName, saved.name(), saved.contactId());
        index(idsByNumber, saved.contactNumber(), saved.contactId());
        index(idsByAccountNumber, saved.accountNumber(), saved.contactId());
    }

    private static void index(Map<String, Set<String>> index, String value, String contactId) {
        String key = ContactValidator.normalise(value);
        if (key != null) index.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(contactId);
    }

    private static void unindex(Map<String, Set<String>> index, String value, String contactId) {
        String key = ContactValidator.normalise(value);
        if (key == null) return;
        Set<String> ids = index.get(key);
        if (ids != null && ids.remove(contactId) && ids.isEmpty()) index.remove(key);
    }

    private StoredContact first(Map<String, Set<String>> index, String value) {
        String key = ContactValidator.normalise(value);
        if (key == null) return null;
        Set<String> ids = index.get(key);
        return ids == null || ids.isEmpty() ? null : contacts.get(ids.iterator().next());
    }

    /** The contact as it would be after applying the input; omitted elements keep their stored values. */
    private static StoredContact merge(StoredContact existing, ContactInput input) {
        StoredContact base = existing != null ? existing
                : new StoredContact(XeroJson.newId(), null, null, "ACTIVE", null, null, null, null, null, null, null,
                        Map.of(), Map.of(), null, Instant.EPOCH);
        StoredContact withFields = base.withFields(input.strings(), base.updatedDateUtc());
        Map<String, Map<String, String>> addresses = mergeTyped(base.addresses(), input.addresses(), "AddressType",
                ContactValidator.ADDRESS_TYPES);
        Map<String, Map<String, String>> phones = mergeTyped(base.phones(), input.phones(), "PhoneType",
                ContactValidator.PHONE_TYPES);
        ObjectNode extras = base.extras().deepCopy();
        extras.setAll(input.extras());
        return withFields.withCollections(addresses, phones, extras);
    }

    /**
     * A sent address/phone replaces the stored one of the same type as a whole; types not sent are kept
     * (unverified: Xero's exact merge rule for partial address updates is not documented).
     */
    private static Map<String, Map<String, String>> mergeTyped(Map<String, Map<String, String>> stored,
            List<Map<String, String>> sent, String typeElement, List<String> validTypes) {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>(stored);
        if (sent == null) return merged;
        for (Map<String, String> item : sent) {
            String type = item.get(typeElement);
            if (type == null || !validTypes.contains(type)) continue; // reported by the validator
            Map<String, String> values = new LinkedHashMap<>();
            item.forEach((k, v) -> {
                if (!k.equals(typeElement) && v != null && !v.isBlank()) values.put(k, v);
            });
            merged.put(type, values);
        }
        return merged;
    }

    private static Outcome failed(ContactInput input, String contactId, String message) {
        return new Outcome(input, null, contactId, List.of(message));
    }

    /** Millisecond timestamps that strictly increase, so "updated since" and the default order are unambiguous. */
    private Instant nextStamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) now = lastStamp.plusMillis(1);
        lastStamp = now;
        return now;
    }
}
