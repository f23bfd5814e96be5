package io.cscartxero.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.cscartxero.cscart.CsCartText;
import io.cscartxero.sync.InvalidRecordException;
import io.cscartxero.xero.model.Address;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.Phone;

/**
 * A Xero contact as the CS-Cart customer it becomes, with every value already fitted to CS-Cart's columns
 * (lengths, utf8 without emoji, ISO country codes). POBOX is the billing address, STREET the shipping one.
 */
record CustomerImport(String contactId, String email, String firstname, String lastname, String company,
        String phone, CsCartCustomer.PostalAddress billing, CsCartCustomer.PostalAddress shipping) {

    private static final Map<String, String> COUNTRY_CODES = countryCodes();

    static CustomerImport from(Contact c) {
        String email = c.emailAddress() == null ? "" : c.emailAddress().strip();
        if (email.isEmpty()) {
            throw new InvalidRecordException(null, c.contactID(), "Xero contact '" + c.name()
                    + "' has no email address; a CS-Cart customer needs one to sign in and to be matched");
        }
        if (email.length() > 128 || !email.contains("@")) {
            throw new InvalidRecordException(null, c.contactID(), "Xero contact '" + c.name() + "' has an email address CS-Cart cannot store: " + email);
        }
        String first = CsCartText.fit(c.firstName(), 128);
        String last = CsCartText.fit(c.lastName(), 128);
        String name = CsCartText.fit(c.name(), 255);
        // a contact named after a person is that person; any other name is the customer's company
        String company = name.equalsIgnoreCase((first + " " + last).strip()) ? "" : name;
        String phone = phone(c.phones(), "DEFAULT");
        return new CustomerImport(c.contactID(), CsCartText.fit(email, 128), first, last, company, phone,
                address(c.addresses(), Address.POBOX, first, last, phone), address(c.addresses(), Address.STREET, first, last, phone));
    }

    private static String phone(List<Phone> phones, String type) {
        if (phones == null) {
            return "";
        }
        return phones.stream().filter(p -> type.equals(p.phoneType())).map(Phone::phoneNumber)
                .filter(n -> n != null && !n.isBlank()).findFirst().map(n -> CsCartText.fit(n, 128)).orElse("");
    }

    private static CsCartCustomer.PostalAddress address(List<Address> addresses, String type, String first, String last, String phone) {
        Address a = addresses == null ? null
                : addresses.stream().filter(x -> type.equals(x.addressType())).findFirst().orElse(null);
        if (a == null) {
            return new CsCartCustomer.PostalAddress(first, last, "", "", "", "", "", "", phone);
        }
        return new CsCartCustomer.PostalAddress(first, last, CsCartText.fit(a.addressLine1(), 255), CsCartText.fit(a.addressLine2(), 255),
                CsCartText.fit(a.city(), 64), CsCartText.fit(a.region(), 32), countryCode(a.country()),
                CsCartText.fit(a.postalCode(), 16), phone);
    }

    /** CS-Cart stores ISO-2 codes; Xero holds whatever was typed ("NZ", "New Zealand"). Unknown → empty. */
    static String countryCode(String country) {
        if (country == null || country.isBlank()) {
            return "";
        }
        String c = country.strip();
        if (c.length() == 2) {
            return c.toUpperCase(Locale.ROOT);
        }
        return COUNTRY_CODES.getOrDefault(c.toLowerCase(Locale.ROOT), "");
    }

    private static Map<String, String> countryCodes() {
        return java.util.Arrays.stream(Locale.getISOCountries()).collect(Collectors.toMap(
                code -> new Locale("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT), java.util.function.Function.identity(), (a, b) -> a));
    }
}
