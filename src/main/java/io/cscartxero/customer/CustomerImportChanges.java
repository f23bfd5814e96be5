package io.cscartxero.customer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.cscartxero.contact.CsCartCustomer;
import io.cscartxero.contact.CustomerContactMapper;
import io.cscartxero.sync.FieldValues;
import io.cscartxero.xero.model.Address;

/**
 * What an import may write to an existing customer: only the fields whose value in Xero differs from the
 * {@code baseline} — what the connector last sent to or received from Xero for this contact (or, for a contact not
 * linked yet, what the export would send for the customer now). So the connector's own derived values (a name's
 * " (#id)" suffix, the e-mail used as Name, a phone cut to Xero's 50 characters, collapsed blanks, the addresses it
 * built) never flow back. An empty value in Xero never blanks a CS-Cart field; the e-mail (the customer's login) is
 * never written: a changed one is reported in {@code emailInXero}.
 *
 * @param user        users columns → new values
 * @param profile     main profile (user_profiles) columns → new values
 * @param emailInXero Xero's e-mail when someone changed it there (never applied), else null
 */
record CustomerImportChanges(Map<String, Object> user, Map<String, Object> profile, String emailInXero) {

    /** Suffixes the connector adds to make contact names unique: " (#123)" (customers), " (e-mail)" (guests). */
    private static final Pattern NUMBER_SUFFIX = Pattern.compile("\\s*\\(#\\d+\\)$");

    boolean isEmpty() {
        return user.isEmpty() && profile.isEmpty();
    }

    /** The baseline of a contact never linked: the fields the export would send for the customer as it is now. */
    static Map<String, String> exportBaseline(CsCartCustomer current) {
        return FieldValues.of(CustomerContactMapper.toContact(current, CustomerContactMapper.baseName(current), null));
    }

    static CustomerImportChanges between(Map<String, String> baseline, CustomerImport xero, CsCartCustomer current) {
        Map<String, String> now = xero.fields();
        Map<String, Object> user = new LinkedHashMap<>();
        Map<String, Object> profile = new LinkedHashMap<>();
        Changed changed = field -> !normal(now.get(field)).equals(normal(baseline.get(field)));

        if (changed.test("FirstName") && !xero.firstname().isEmpty()) {
            set(user, "firstname", current.firstname(), xero.firstname());
            // the profile's names follow where they were the account's name
            if (current.billing().firstname().equals(current.firstname())) {
                set(profile, "b_firstname", current.billing().firstname(), xero.firstname());
            }
            if (current.shipping().firstname().equals(current.firstname())) {
                set(profile, "s_firstname", current.shipping().firstname(), xero.firstname());
            }
        }
        if (changed.test("LastName") && !xero.lastname().isEmpty()) {
            set(user, "lastname", current.lastname(), xero.lastname());
            if (current.billing().lastname().equals(current.lastname())) {
                set(profile, "b_lastname", current.billing().lastname(), xero.lastname());
            }
            if (current.shipping().lastname().equals(current.lastname())) {
                set(profile, "s_lastname", current.shipping().lastname(), xero.lastname());
            }
        }
        String name = withoutSuffix(now.get("Name"), current.email());
        if (!name.equals(withoutSuffix(baseline.get("Name"), current.email()))) {
            String company = CustomerImport.text(name, 255);
            // a Name that is the person's name or the e-mail is what the export builds without a company
            if (!company.isEmpty() && !company.equalsIgnoreCase(person(xero.firstname(), xero.lastname()))
                    && !company.equalsIgnoreCase(person(current.firstname(), current.lastname()))
                    && !company.equalsIgnoreCase(current.email().strip())) {
                set(user, "company", current.company(), company);
            }
        }
        if (changed.test("Phone.DEFAULT") && !xero.phone().isEmpty()) {
            // the export sends the account's phone, else the billing one: the new number goes back where it came from
            if (!current.phone().isBlank()) {
                if (current.billing().phone().equals(current.phone())) {
                    set(profile, "b_phone", current.billing().phone(), xero.phone());
                }
                set(user, "phone", current.phone(), xero.phone());
            } else {
                set(profile, "b_phone", current.billing().phone(), xero.phone());
            }
        }
        if (changed.test("Phone.MOBILE")) {
            String mobile = CustomerImport.text(now.get("Phone.MOBILE"), 128);
            if (!mobile.isEmpty()) {
                set(profile, "s_phone", current.shipping().phone(), mobile);
            }
        }
        if (changed.test("Phone.FAX")) {
            String fax = CustomerImport.text(now.get("Phone.FAX"), 128);
            if (!fax.isEmpty()) {
                set(user, "fax", current.fax(), fax);
            }
        }
        address(changed, Address.POBOX, "b_", xero.billing(), current.billing(), profile);
        address(changed, Address.STREET, "s_", xero.shipping(), current.shipping(), profile);

        String emailInXero = null;
        String email = normal(now.get("EmailAddress"));
        if (!email.isEmpty() && !email.equalsIgnoreCase(normal(baseline.get("EmailAddress")))
                && !email.equalsIgnoreCase(current.email().strip())) {
            emailInXero = email;
        }
        return new CustomerImportChanges(user, profile, emailInXero);
    }

    private interface Changed {
        boolean test(String field);
    }

    private static void address(Changed changed, String type, String prefix, CsCartCustomer.PostalAddress wanted,
            CsCartCustomer.PostalAddress current, Map<String, Object> profile) {
        String t = type + ".";
        if (changed.test(t + "AddressLine1") && !wanted.address().isEmpty()) {
            set(profile, prefix + "address", current.address(), wanted.address());
        }
        if (changed.test(t + "AddressLine2") && !wanted.address2().isEmpty()) {
            set(profile, prefix + "address_2", current.address2(), wanted.address2());
        }
        if (changed.test(t + "City") && !wanted.city().isEmpty()) {
            set(profile, prefix + "city", current.city(), wanted.city());
        }
        if (changed.test(t + "Region") && !wanted.state().isEmpty()) {
            set(profile, prefix + "state", current.state(), wanted.state());
        }
        if (changed.test(t + "PostalCode") && !wanted.zipcode().isEmpty()) {
            set(profile, prefix + "zipcode", current.zipcode(), wanted.zipcode());
        }
        if (changed.test(t + "Country") && !wanted.country().isEmpty()) {
            set(profile, prefix + "country", current.country(), wanted.country());
        }
    }

    private static void set(Map<String, Object> changes, String column, String current, String wanted) {
        if (!current.strip().equals(wanted)) {
            changes.put(column, wanted);
        }
    }

    /** A name without the suffix the connector gave it to make it unique. */
    static String withoutSuffix(String name, String email) {
        String n = normal(name);
        String guestSuffix = " (" + email.strip() + ")";
        if (!email.isBlank() && n.toLowerCase(Locale.ROOT).endsWith(guestSuffix.toLowerCase(Locale.ROOT))) {
            n = n.substring(0, n.length() - guestSuffix.length()).strip();
        }
        return NUMBER_SUFFIX.matcher(n).replaceFirst("");
    }

    private static String person(String first, String last) {
        return normal(first + " " + last);
    }

    /** Blanks collapsed, as the export and Xero's display compare them. */
    static String normal(String value) {
        return value == null ? "" : value.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }
}
