package io.cscartxero.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reading contact elements from request bodies and rendering stored contacts the way Xero does. */
final class ContactJson {

    /** String elements kept as typed fields of {@link StoredContact}. */
    static final List<String> STRING_ELEMENTS = List.of("ContactNumber", "AccountNumber", "ContactStatus", "Name",
            "FirstName", "LastName", "EmailAddress", "CompanyNumber", "TaxNumber", "BankAccountDetails");

    /** Other writable elements of the spec's Contact schema: stored and echoed verbatim, not interpreted. */
    static final Set<String> EXTRA_ELEMENTS = Set.of("TaxNumberType", "AccountsReceivableTaxType",
            "AccountsPayableTaxType", "DefaultCurrency", "XeroNetworkKey", "SalesDefaultAccountCode",
            "PurchasesDefaultAccountCode", "SalesTrackingCategories", "PurchasesTrackingCategories",
            "TrackingCategoryName", "TrackingCategoryOption", "PaymentTerms", "ContactPersons", "BrandingTheme",
            "BatchPayments", "SalesDefaultLineAmountType", "PurchasesDefaultLineAmountType");

    /**
     * Read-only elements of the schema: accepted and ignored, so a GET result can be posted back. Exception:
     * HasValidationErrors, which Xero rejects as "not recognised" (freakboy3742/pyxero#105), like any name not
     * in the schema.
     */
    static final Set<String> IGNORED_ELEMENTS = Set.of("MergedToContactID", "IsSupplier", "IsCustomer",
            "UpdatedDateUTC", "ContactGroups", "Website", "Discount", "Balances", "Attachments", "HasAttachments");

    static final List<String> ADDRESS_ELEMENTS = List.of("AddressType", "AddressLine1", "AddressLine2",
            "AddressLine3", "AddressLine4", "City", "Region", "PostalCode", "Country", "AttentionTo");
    static final List<String> PHONE_ELEMENTS = List.of("PhoneType", "PhoneNumber", "PhoneAreaCode",
            "PhoneCountryCode");
    /** Xero always renders these (blank when unset); OFFICE only appears when set. */
    static final List<String> RENDERED_ADDRESS_TYPES = List.of("STREET", "POBOX");
    static final List<String> RENDERED_PHONE_TYPES = List.of("DEFAULT", "DDI", "FAX", "MOBILE");
    static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern GUID_DIGITS = Pattern.compile("[0-9a-fA-F]{32}");

    private ContactJson() {
    }

    /**
     * One contact element of a write request. Absent elements are absent from the maps (update keeps the stored
     * value); {@code addresses}/{@code phones} are null when the element was absent.
     */
    record ContactInput(String contactId, Map<String, String> strings, List<Map<String, String>> addresses,
            List<Map<String, String>> phones, ObjectNode extras, ObjectNode raw) {

        boolean has(String element) {
            return strings.containsKey(element);
        }

        String get(String element) {
            return strings.get(element);
        }
    }

    /** The elements of a write body: {@code {"Contacts":[...]}}, a single contact object, or a bare array. */
    static List<JsonNode> elements(JsonNode body) {
        List<JsonNode> list = new ArrayList<>();
        if (body == null || body.isNull() || body.isMissingNode()) return list;
        if (body.isArray()) {
            body.forEach(list::add);
        } else if (body.isObject() && body.has("Contacts")) {
            JsonNode contacts = body.get("Contacts");
            if (body.size() > 1) {
                String other = body.propertyNames().stream().filter(n -> !n.equals("Contacts")).findFirst().orElseThrow();
                throw new XeroApiException(XeroErrors.unknownElement(other));
            }
            if (contacts.isArray()) contacts.forEach(list::add);
            else if (contacts.isObject()) list.add(contacts);
            else if (!contacts.isNull()) throw new XeroApiException(invalidValue("Contacts"));
        } else if (body.isObject() && !body.isEmpty()) {
            list.add(body);
        }
        return list;
    }

    /** Parses one element; whole-request problems (unknown element, malformed GUID) throw {@link XeroApiException}. */
    static ContactInput parse(JsonNode node) {
        if (!node.isObject()) throw new XeroApiException(invalidValue("Contact"));
        ObjectNode element = (ObjectNode) node;
        Map<String, String> strings = new LinkedHashMap<>();
        ObjectNode extras = XeroJson.object();
        List<Map<String, String>> addresses = null;
        List<Map<String, String>> phones = null;
        String contactId = null;
        for (Map.Entry<String, JsonNode> property : element.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            if (name.equals("ContactID")) {
                contactId = guidOrNull(scalar(name, value));
            } else if (STRING_ELEMENTS.contains(name)) {
                if (value.isNull()) continue; // null = not given
                String text = scalar(name, value);
                if (name.equals("ContactStatus")) text = text.trim().toUpperCase(Locale.ROOT);
                strings.put(name, text);
            } else if (name.equals("Addresses")) {
                addresses = typedList(name, value, ADDRESS_ELEMENTS, "AddressType");
            } else if (name.equals("Phones")) {
                phones = typedList(name, value, PHONE_ELEMENTS, "PhoneType");
            } else if (EXTRA_ELEMENTS.contains(name)) {
                extras.set(name, value.deepCopy());
            } else if (!IGNORED_ELEMENTS.contains(name)) {
                throw new XeroApiException(XeroErrors.unknownElement(name));
            }
        }
        return new ContactInput(contactId, strings, addresses, phones, extras, element.deepCopy());
    }

    /**
     * A GUID in one of the forms .NET accepts, normalised to lower-case 8-4-4-4-12; null for blank or all-zero.
     * Anything else is a 500 UnknownErrorException, as Xero answers a malformed GUID (XeroAPI/xero-node#285).
     */
    static String guidOrNull(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        if ((t.startsWith("{") && t.endsWith("}")) || (t.startsWith("(") && t.endsWith(")"))) {
            t = t.substring(1, t.length() - 1);
        }
        if (GUID_DIGITS.matcher(t).matches()) {
            t = t.substring(0, 8) + "-" + t.substring(8, 12) + "-" + t.substring(12, 16) + "-" + t.substring(16, 20)
                    + "-" + t.substring(20);
        }
        if (!GUID.matcher(t).matches()) throw new XeroApiException(XeroErrors.unknownError());
        t = t.toLowerCase(Locale.ROOT);
        return t.equals(ZERO_GUID) ? null : t;
    }

    static boolean looksLikeGuid(String text) {
        try {
            return guidOrNull(text) != null;
        } catch (XeroApiException e) {
            return false;
        }
    }

    // ---- rendering ----

    /** A stored contact as Xero returns it. */
    static ObjectNode render(StoredContact c, boolean summaryOnly) {
        ObjectNode n = XeroJson.object();
        n.put("ContactID", c.contactId());
        putIfSet(n, "ContactNumber", c.contactNumber());
        putIfSet(n, "AccountNumber", c.accountNumber());
        n.put("ContactStatus", c.contactStatus());
        n.put("Name", c.name());
        putIfSet(n, "FirstName", c.firstName());
        putIfSet(n, "LastName", c.lastName());
        putIfSet(n, "CompanyNumber", c.companyNumber());
        n.put("EmailAddress", nullToEmpty(c.emailAddress()));
        n.put("BankAccountDetails", nullToEmpty(c.bankAccountDetails()));
        putIfSet(n, "TaxNumber", c.taxNumber());
        c.extras().properties().forEach(e -> {
            if (!summaryOnly || !SUMMARY_DROPPED.contains(e.getKey())) n.set(e.getKey(), e.getValue().deepCopy());
        });
        if (!summaryOnly) {
            ArrayNode addresses = n.putArray("Addresses");
            addressMaps(c).forEach(a -> addresses.add(toObject(a)));
        }
        ArrayNode phones = n.putArray("Phones");
        phoneMaps(c).forEach(p -> phones.add(toObject(p)));
        n.put("UpdatedDateUTC", XeroJson.msDate(c.updatedDateUtc()));
        if (!summaryOnly) {
            n.putArray("ContactGroups");
            n.put("IsSupplier", false);
            n.put("IsCustomer", false);
            if (!n.has("SalesTrackingCategories")) n.putArray("SalesTrackingCategories");
            if (!n.has("PurchasesTrackingCategories")) n.putArray("PurchasesTrackingCategories");
            if (!n.has("ContactPersons")) n.putArray("ContactPersons");
        }
        n.put("HasAttachments", false);
        n.put("HasValidationErrors", false);
        return n;
    }

    /** Elements summaryOnly=true leaves out (Xero's API docs: paging, order and summaryOnly). */
    private static final Set<String> SUMMARY_DROPPED = Set.of("SalesDefaultAccountCode", "PurchasesDefaultAccountCode",
            "SalesTrackingCategories", "PurchasesTrackingCategories", "ContactPersons");

    /** Both standard address types, blank fields as "", AddressLine/AttentionTo only when set (as Xero renders). */
    static List<Map<String, String>> addressMaps(StoredContact c) {
        List<Map<String, String>> list = new ArrayList<>();
        for (String type : RENDERED_ADDRESS_TYPES) {
            Map<String, String> stored = c.addresses().getOrDefault(type, Map.of());
            Map<String, String> a = new LinkedHashMap<>();
            a.put("AddressType", type);
            for (String element : ADDRESS_ELEMENTS) {
                if (element.equals("AddressType")) continue;
                String value = stored.get(element);
                boolean alwaysShown = Set.of("City", "Region", "PostalCode", "Country").contains(element);
                if (value != null) a.put(element, value);
                else if (alwaysShown) a.put(element, "");
            }
            list.add(a);
        }
        return list;
    }

    static List<Map<String, String>> phoneMaps(StoredContact c) {
        List<Map<String, String>> list = new ArrayList<>();
        List<String> types = new ArrayList<>(RENDERED_PHONE_TYPES);
        if (c.phones().containsKey("OFFICE")) types.add("OFFICE");
        for (String type : types) {
            Map<String, String> stored = c.phones().getOrDefault(type, Map.of());
            Map<String, String> p = new LinkedHashMap<>();
            p.put("PhoneType", type);
            for (String element : PHONE_ELEMENTS) {
                if (!element.equals("PhoneType")) p.put(element, nullToEmpty(stored.get(element)));
            }
            list.add(p);
        }
        return list;
    }

    /**
     * A failed element as Xero lists it: the submitted element with its ContactID (zeros for a would-be create),
     * ValidationErrors on nested addresses/phones, and the element's own ValidationErrors.
     */
    static ObjectNode echoFailed(ContactInput input, String contactId, List<String> errors) {
        ObjectNode n = XeroJson.object();
        n.put("ContactID", contactId == null ? ZERO_GUID : contactId);
        input.raw().properties().forEach(e -> {
            if (!e.getKey().equals("ContactID")) n.set(e.getKey(), e.getValue().deepCopy());
        });
        for (String nested : List.of("Addresses", "Phones")) {
            if (n.get(nested) instanceof ArrayNode array) {
                array.forEach(item -> {
                    if (item instanceof ObjectNode o && !o.has("ValidationErrors")) o.putArray("ValidationErrors");
                });
            }
        }
        if (!n.has("ContactGroups")) n.putArray("ContactGroups");
        if (!n.has("ContactPersons")) n.putArray("ContactPersons");
        n.put("HasValidationErrors", true);
        ArrayNode list = n.putArray("ValidationErrors");
        errors.forEach(message -> list.addObject().put("Message", message));
        return n;
    }

    // ---- helpers ----

    private static List<Map<String, String>> typedList(String name, JsonNode value, List<String> known,
            String typeElement) {
        if (value.isNull()) return null;
        if (!value.isArray()) throw new XeroApiException(invalidValue(name));
        List<Map<String, String>> list = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isObject()) throw new XeroApiException(invalidValue(name));
            Map<String, String> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : item.properties()) {
                String element = property.getKey();
                if (element.equals("ValidationErrors")) continue; // present in Xero's own echoes
                if (!known.contains(element)) throw new XeroApiException(XeroErrors.unknownElement(element));
                if (property.getValue().isNull()) continue;
                String text = scalar(element, property.getValue());
                if (element.equals(typeElement)) text = text.trim().toUpperCase(Locale.ROOT);
                map.put(element, text);
            }
            list.add(map);
        }
        return list;
    }

    private static String scalar(String name, JsonNode value) {
        if (value.isNull()) return null;
        if (value.isContainer()) throw new XeroApiException(invalidValue(name));
        return value.asString();
    }

    /** Wording modelled on Xero's "JSON for post data was invalid" family (unverified). */
    private static SandboxResponse invalidValue(String element) {
        return XeroErrors.postDataInvalid("JSON for post data was invalid, the value of element '" + element
                + "' has the wrong type.");
    }

    private static ObjectNode toObject(Map<String, String> map) {
        ObjectNode o = XeroJson.object();
        map.forEach(o::put);
        return o;
    }

    private static void putIfSet(ObjectNode n, String name, String value) {
        if (value != null) n.put(name, value);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
