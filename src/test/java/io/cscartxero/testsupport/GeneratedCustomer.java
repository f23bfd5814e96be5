package io.cscartxero.testsupport;

import java.util.Optional;
import java.util.Set;

/**
 * A customer written by {@link StoreGenerator#customers(int)}: exactly the values stored in {@code users} and the
 * primary {@code user_profiles} row (after the 4-byte rule, i.e. what a real CS-Cart would hold).
 *
 * @param userId           {@code users.user_id}
 * @param profileId        {@code user_profiles.profile_id} of the primary ({@code profile_type='P'}) profile
 * @param status           {@code users.status}: {@code A} active or {@code D} disabled
 * @param email            {@code users.email} as stored (may be invalid, upper case, padded or empty)
 * @param firstname        {@code users.firstname}
 * @param lastname         {@code users.lastname}
 * @param company          {@code users.company}
 * @param phone            {@code users.phone}
 * @param langCode         {@code users.lang_code} ({@code en}, {@code fr} or empty)
 * @param taxExempt        {@code users.tax_exempt = 'Y'}
 * @param registeredAt     {@code users.timestamp} (unix seconds)
 * @param profileUpdatedAt {@code user_profiles.profile_update_timestamp} of the primary profile
 * @param billing          {@code b_*} of the primary profile
 * @param shipping         {@code s_*} of the primary profile
 * @param secondaryProfile the {@code profile_type='S'} profile's id and shipping address, if any
 * @param traits           the variety categories this customer was built for
 */
public record GeneratedCustomer(long userId, long profileId, String status, String email, String firstname,
        String lastname, String company, String phone, String langCode, boolean taxExempt, long registeredAt,
        long profileUpdatedAt, Address billing, Address shipping, Optional<SecondaryProfile> secondaryProfile,
        Set<Trait> traits) {

    /** Variety categories (see {@link StoreGenerator} for the proportions). */
    public enum Trait {
        /** "John Smith" (several customers share it). */
        DUPLICATE_NAME,
        /** "JOHN SMITH" / "john smith": same name, different case. */
        NAME_CASE_VARIANT,
        /** Latin letters with accents: José Müller, Zoë Ångström. */
        ACCENTED,
        /** CJK, Hangul, Cyrillic, Greek, Arabic, Hebrew names. */
        NON_LATIN,
        /** 3-byte symbols (★ ™ € №) in the company name. */
        SYMBOLS,
        /** The source data had emoji; stored with each emoji replaced by "????" like CS-Cart does. */
        EMOJI_REPLACED,
        /** No first name, last name or company: known only by e-mail. */
        EMPTY_NAME,
        /** Company, but no first or last name. */
        COMPANY_ONLY,
        /** First name only ("Cher"). */
        SINGLE_NAME,
        /** Name, company, e-mail, phone and address fields at the column maxima. */
        LONG_FIELDS,
        /** Leading, trailing or repeated blanks in names, company and phone. */
        WHITESPACE,
        /** E-mail in upper or mixed case. */
        UPPERCASE_EMAIL,
        /** Not a valid e-mail address (or empty, or padded with blanks). */
        INVALID_EMAIL,
        /** Same e-mail (possibly in another case) as an earlier customer. */
        DUPLICATE_EMAIL,
        /** Name contains an apostrophe or a double quote (O'Connor). */
        QUOTES,
        /** Shipping address = billing address. */
        SHIPPING_SAME,
        /** Shipping address differs from billing (other person or place). */
        SHIPPING_DIFFERENT,
        /** Billing filled, shipping empty. */
        SHIPPING_EMPTY,
        /** Billing and shipping address fields empty (names and phone may still be set). */
        ADDRESS_EMPTY,
        /** Has a secondary profile ({@code profile_type='S'}). */
        SECONDARY_PROFILE,
        /** {@code users.status = 'D'}. */
        DISABLED,
        /** {@code tax_exempt = 'Y'}. */
        TAX_EXEMPT,
        /** Empty phone. */
        NO_PHONE
    }

    /** One side of a profile ({@code b_*} or {@code s_*}). */
    public record Address(String firstname, String lastname, String address, String address2, String city,
            String county, String state, String country, String zipcode, String phone) {

        public static final Address EMPTY = new Address("", "", "", "", "", "", "", "", "", "");

        /** True when no postal field (address, city, state, country, zipcode) is set. */
        public boolean isEmpty() {
            return address.isEmpty() && address2.isEmpty() && city.isEmpty() && state.isEmpty() && country.isEmpty()
                    && zipcode.isEmpty();
        }
    }

    /** A secondary profile. */
    public record SecondaryProfile(long profileId, String profileName, Address shipping) {
    }

    public boolean has(Trait trait) {
        return traits.contains(trait);
    }

    public boolean invalidEmail() {
        return has(Trait.INVALID_EMAIL);
    }

    public boolean emptyName() {
        return has(Trait.EMPTY_NAME);
    }

    public boolean companyOnly() {
        return has(Trait.COMPANY_ONLY);
    }

    public boolean active() {
        return "A".equals(status);
    }
}
