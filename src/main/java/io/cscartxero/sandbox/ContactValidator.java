package io.cscartxero.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Element-level validation of a contact about to be saved (Xero's API docs: contact fields). Messages marked "Xero" are copied
 * from real Xero responses; the others are unverified wording written for the sandbox.
 */
final class ContactValidator {

    /** Xero: waynerobinson/xeroizer#380 (create with a ContactNumber only). */
    static final String NAME_EMPTY = "Contact Name cannot be empty.";
    /** Xero: spec example for PUT /Contacts 400. */
    static final String NAME_TAKEN = "The contact name %s is already assigned to another contact."
            + " The contact name must be unique across all active contacts.";
    /** Xero (via integrator help pages). */
    static final String NUMBER_TAKEN = "Another contact has this contact number. Please enter a different contact number.";
    /** Xero: calcinai/xero-php#880. */
    static final String ACCOUNT_NUMBER_TAKEN = "The Account Number already exists. Please enter a different Account Number.";
    /** Xero: developer.xero.com http-response-codes example. */
    static final String EMAIL_INVALID = "Email address must be valid.";
    /** Xero (integrator help pages). */
    static final String TOO_MANY_PERSONS = "You can only have a maximum of 5 contact persons.";
    /** Unverified wording for every length limit. */
    static final String TOO_LONG = "%s must not be more than %d characters long.";

    static final Set<String> STATUSES = Set.of("ACTIVE", "ARCHIVED", "GDPRREQUEST");
    static final List<String> ADDRESS_TYPES = List.of("POBOX", "STREET");
    static final List<String> PHONE_TYPES = List.of("DEFAULT", "DDI", "MOBILE", "FAX", "OFFICE");

    private static final Map<String, Integer> CONTACT_LIMITS = orderedLimits(
            "Name", 255, "ContactNumber", 50, "AccountNumber", 50, "FirstName", 255, "LastName", 255,
            "EmailAddress", 255, "CompanyNumber", 50, "TaxNumber", 50);
    private static final Map<String, Integer> ADDRESS_LIMITS = orderedLimits(
            "AddressLine1", 500, "AddressLine2", 500, "AddressLine3", 500, "AddressLine4", 500, "City", 255,
            "Region", 255, "PostalCode", 50, "Country", 50, "AttentionTo", 255);
    private static final Map<String, Integer> PHONE_LIMITS = orderedLimits(
            "PhoneNumber", 50, "PhoneAreaCode", 10, "PhoneCountryCode", 20);

    /**
     * ASCII only (Xero: "umlauts not supported"), one address, a dot in the domain, no empty labels. A pragmatic
     * subset of RFC 5322; Xero's exact rule is not published.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

    private ContactValidator() {
    }

    /**
     * @param candidate the contact as it would be saved (stored contact merged with the input)
     * @param input     the submitted element (for addresses/phones as sent)
     * @param taken     who holds each unique key among the tenant's contacts, archived included
     */
    static List<String> validate(StoredContact candidate, ContactJson.ContactInput input, TakenKeys taken) {
        List<String> errors = new ArrayList<>();
        if (candidate.name() == null) errors.add(NAME_EMPTY);
        CONTACT_LIMITS.forEach((element, max) -> checkLength(errors, element, candidate.field(element), max));
        if (candidate.emailAddress() != null && candidate.emailAddress().length() <= 255
                && !EMAIL.matcher(candidate.emailAddress().trim()).matches()) {
            errors.add(EMAIL_INVALID);
        }
        if (candidate.contactStatus() != null && !STATUSES.contains(candidate.contactStatus())) {
            errors.add("ContactStatus must be one of ACTIVE, ARCHIVED, GDPRREQUEST."); // unverified
        }
        if (input.addresses() != null) {
            for (Map<String, String> address : input.addresses()) {
                checkType(errors, "AddressType", address.get("AddressType"), ADDRESS_TYPES);
                ADDRESS_LIMITS.forEach((element, max) -> checkLength(errors, element, address.get(element), max));
            }
        }
        if (input.phones() != null) {
            for (Map<String, String> phone : input.phones()) {
                checkType(errors, "PhoneType", phone.get("PhoneType"), PHONE_TYPES);
                PHONE_LIMITS.forEach((element, max) -> checkLength(errors, element, phone.get(element), max));
            }
        }
        JsonNode persons = candidate.extras().get("ContactPersons");
        if (persons != null && persons.isArray() && persons.size() > 5) errors.add(TOO_MANY_PERSONS);
        checkUniqueness(errors, candidate, taken);
        return errors;
    }

    /** The ids of the contacts holding a unique key, by the key trimmed and in lower case ({@link #normalise}). */
    interface TakenKeys {
        /** Among ACTIVE contacts only. */
        Set<String> activeName(String key);

        Set<String> contactNumber(String key);

        Set<String> accountNumber(String key);
    }

    private static void checkUniqueness(List<String> errors, StoredContact candidate, TakenKeys taken) {
        String name = normalise(candidate.name());
        String number = normalise(candidate.contactNumber());
        String account = normalise(candidate.accountNumber());
        // names only clash among ACTIVE contacts: an archived contact's name can be reused
        if (name != null && candidate.active() && heldByOther(taken.activeName(name), candidate)) {
            errors.add(String.format(NAME_TAKEN, candidate.name()));
        }
        // contact numbers clash with archived contacts too
        if (number != null && heldByOther(taken.contactNumber(number), candidate)) errors.add(NUMBER_TAKEN);
        if (account != null && heldByOther(taken.accountNumber(account), candidate)) errors.add(ACCOUNT_NUMBER_TAKEN);
    }

    private static boolean heldByOther(Set<String> holders, StoredContact candidate) {
        return holders.stream().anyMatch(id -> !id.equals(candidate.contactId()));
    }

    /** Case-insensitive and trimmed, like Xero's (SQL Server) comparisons. */
    static String normalise(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static void checkLength(List<String> errors, String element, String value, int max) {
        if (value != null && value.length() > max) errors.add(String.format(TOO_LONG, element, max));
    }

    private static void checkType(List<String> errors, String element, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            errors.add(element + " must be one of " + String.join(", ", allowed) + "."); // unverified
        }
    }

    private static Map<String, Integer> orderedLimits(Object... pairs) {
        Map<String, Integer> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], (Integer) pairs[i + 1]);
        return map;
    }
}
