package io.cscartxero.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.cscart.CsCartText;
import io.cscartxero.cscart.XeroText;
import io.cscartxero.sync.FieldValues;
import io.cscartxero.xero.model.Address;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.Phone;

/**
 * A Xero contact as the CS-Cart customer it would become, every value plain text (no markup: {@link XeroText}) fitted
 * to CS-Cart's columns (lengths, utf8 without emoji, ISO country codes); POBOX is the billing address, STREET the
 * shipping one. {@code fields} are Xero's values as they are ({@link FieldValues}), compared field by field with what
 * the connector last sent or received.
 */
record CustomerImport(String contactId, String contactNumber, String email, String firstname, String lastname,
        String company, String phone, CsCartCustomer.PostalAddress billing, CsCartCustomer.PostalAddress shipping,
        Map<String, String> fields) {

    static final int MAX_EMAIL = 128;
    private static final Map<String, String> COUNTRY_CODES = countryCodes();

    static CustomerImport from(Contact c) {
        String email = c.emailAddress() == null ? "" : c.emailAddress().strip();
        String first = text(c.firstName(), 128);
        String last = text(c.lastName(), 128);
        String name = text(c.name(), 255);
        // a contact named after a person is that person; any other name is the customer's company
        String company = name.equalsIgnoreCase((first + " " + last).strip()) ? "" : name;
        String phone = phone(c.phones(), "DEFAULT");
        return new CustomerImport(c.contactID(), c.contactNumber() == null ? "" : c.contactNumber().strip(), email, first, last,
                company, phone, address(c.addresses(), Address.POBOX, first, last, phone),
                address(c.addresses(), Address.STREET, first, last, phone), FieldValues.of(c));
    }

    /** Why CS-Cart cannot take this contact as a new customer, or null when it can. */
    String refusalAsNewCustomer() {
        if (email.isEmpty()) {
            return "Xero contact '" + company + "' has no email address; a CS-Cart customer needs one to sign in and to be matched";
        }
        if (email.length() > MAX_EMAIL || !email.contains("@") || !XeroText.plain(email).equals(email)) {
            return "Xero contact has an email address CS-Cart cannot store: " + email;
        }
        return null;
    }

    /** Plain text (no markup) fitted to a CS-Cart column. */
    static String text(String value, int max) {
        return CsCartText.fit(XeroText.plain(value), max);
    }

    private static String phone(List<Phone> phones, String type) {
        if (phones == null) {
            return "";
        }
        return phones.stream().filter(p -> type.equals(p.phoneType())).map(Phone::phoneNumber)
                .filter(n -> n != null && !n.isBlank()).findFirst().map(n -> text(n, 128)).orElse("");
    }

    private static CsCartCustomer.PostalAddress address(List<Address> addresses, String type, String first, String last, String phone) {
        Address a = addresses == null ? null
                : addresses.stream().filter(x -> type.equals(x.addressType())).findFirst().orElse(null);
        if (a == null) {
            return new CsCartCustomer.PostalAddress(first, last, "", "", "", "", "", "", phone);
        }
        return new CsCartCustomer.PostalAddress(first, last, text(a.addressLine1(), 255), text(a.addressLine2(), 255),
                text(a.city(), 64), text(a.region(), 32), countryCode(a.country()), text(a.postalCode(), 16), phone);
    }

    /** CS-Cart stores ISO-2 codes; Xero holds whatever was typed ("NZ", "New Zealand"). Unknown → empty. */
    static String countryCode(String country) {
        if (country == null || country.isBlank()) {
            return "";
        }
        String c = country.strip();
        if (c.length() == 2 && c.chars().allMatch(Character::isLetter)) {
            return c.toUpperCase(Locale.ROOT);
        }
        return COUNTRY_CODES.getOrDefault(c.toLowerCase(Locale.ROOT), "");
    }

    private static Map<String, String> countryCodes() {
        return java.util.Arrays.stream(Locale.getISOCountries()).collect(Collectors.toMap(
                code -> new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), java.util.function.Function.identity(), (a, b) -> a));
    }
}
