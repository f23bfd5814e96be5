package io.cscartxero.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

/**
 * A contact as the sandbox keeps it. Immutable: updates create a new instance. Blank values are stored as null.
 * Addresses and phones are keyed by their type (STREET, POBOX / DEFAULT, DDI, MOBILE, FAX, OFFICE).
 * {@code extras} holds other writable elements (PaymentTerms, DefaultCurrency, ContactPersons, ...) echoed verbatim.
 */
record StoredContact(String contactId, String contactNumber, String accountNumber, String contactStatus, String name,
        String firstName, String lastName, String emailAddress, String companyNumber, String taxNumber,
        String bankAccountDetails, Map<String, Map<String, String>> addresses,
        Map<String, Map<String, String>> phones, ObjectNode extras, Instant updatedDateUtc) {

    StoredContact {
        addresses = deepCopy(addresses);
        phones = deepCopy(phones);
        extras = extras == null ? XeroJson.object() : extras.deepCopy();
    }

    boolean active() {
        return "ACTIVE".equals(contactStatus);
    }

    /** The value of a top-level string element by its Xero name, null if blank or unknown. */
    String field(String element) {
        return switch (element) {
            case "ContactID" -> contactId;
            case "ContactNumber" -> contactNumber;
            case "AccountNumber" -> accountNumber;
            case "ContactStatus" -> contactStatus;
            case "Name" -> name;
            case "FirstName" -> firstName;
            case "LastName" -> lastName;
            case "EmailAddress" -> emailAddress;
            case "CompanyNumber" -> companyNumber;
            case "TaxNumber" -> taxNumber;
            case "BankAccountDetails" -> bankAccountDetails;
            default -> null;
        };
    }

    /** A copy with the given string elements replaced (blank → null). */
    StoredContact withFields(Map<String, String> values, Instant updated) {
        java.util.function.Function<String, String> pick =
                element -> values.containsKey(element) ? blankToNull(values.get(element)) : field(element);
        return new StoredContact(contactId, pick.apply("ContactNumber"), pick.apply("AccountNumber"),
                values.containsKey("ContactStatus") ? blankToNull(values.get("ContactStatus")) : contactStatus,
                pick.apply("Name"), pick.apply("FirstName"), pick.apply("LastName"), pick.apply("EmailAddress"),
                pick.apply("CompanyNumber"), pick.apply("TaxNumber"), pick.apply("BankAccountDetails"), addresses,
                phones, extras, updated);
    }

    StoredContact withCollections(Map<String, Map<String, String>> newAddresses,
            Map<String, Map<String, String>> newPhones, ObjectNode newExtras) {
        return new StoredContact(contactId, contactNumber, accountNumber, contactStatus, name, firstName, lastName,
                emailAddress, companyNumber, taxNumber, bankAccountDetails, newAddresses, newPhones, newExtras,
                updatedDateUtc);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Map<String, Map<String, String>> deepCopy(Map<String, Map<String, String>> source) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        if (source != null) source.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(copy);
    }
}
