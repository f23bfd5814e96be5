package io.cscartxero.contact;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Xero requires contact names to be unique among active contacts (case-insensitively); CS-Cart customers often
 * share a name. Built once per run from every customer's name parts: the customer with the lowest user_id keeps
 * the plain name and the others get " (#user_id)", so names are stable from run to run and no call is wasted on a
 * predictable rejection.
 */
public final class ContactNames {

    static final int MAX_NAME = 255;

    /** name key → lowest user_id among the customers sharing it; only shared names are kept. */
    private final Map<String, Long> sharedNameOwners;
    /** every customer's name key */
    private final Set<String> customerNames;

    private ContactNames(Map<String, Long> sharedNameOwners, Set<String> customerNames) {
        this.sharedNameOwners = sharedNameOwners;
        this.customerNames = customerNames;
    }

    static ContactNames none() {
        return new ContactNames(Map.of(), Set.of());
    }

    /** Every customer's name, read from CS-Cart (one query): what the customer export and import name contacts by. */
    public static ContactNames read(JdbcOperations cscart, CsCartCustomerQueries queries) {
        Builder builder = builder();
        cscart.query(queries.namePartsQuery(), rs -> {
            long userId = rs.getLong("user_id");
            builder.add(userId, baseName(userId, rs.getString("company"), rs.getString("firstname"), rs.getString("lastname"),
                    rs.getString("email")));
        });
        return builder.build();
    }

    /** Whether a customer's contact is named so: another contact (a guest's) given this name would be refused. */
    boolean isCustomerName(String baseName) {
        return customerNames.contains(nameKey(baseName));
    }

    /** How Xero compares a base name once it is a contact name: at most 255 characters, case ignored. */
    static String nameKey(String baseName) {
        return key(truncate(baseName, MAX_NAME));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The contact name for a customer: its base name, made unique if another customer shares it. */
    String nameFor(long userId, String baseName) {
        Long owner = sharedNameOwners.get(nameKey(baseName));
        if (owner == null || owner == userId) {
            return truncate(baseName, MAX_NAME);
        }
        return withSuffix(baseName, suffix(userId));
    }

    static String suffix(long userId) {
        return " (#" + userId + ")";
    }

    static String withSuffix(String baseName, String suffix) {
        return truncate(baseName, MAX_NAME - suffix.length()).strip() + suffix;
    }

    /**
     * The name a customer would get before de-duplication: company, else first and last name, else e-mail,
     * else a placeholder with the id.
     */
    static String baseName(long userId, String company, String firstname, String lastname, String email) {
        String name = collapse(company);
        if (name.isEmpty()) {
            name = collapse(firstname + " " + lastname);
        }
        if (name.isEmpty()) {
            name = collapse(email);
        }
        return name.isEmpty() ? "CS-Cart customer " + userId : name;
    }

    /** Blanks and control characters (tabs, NUL, bell...) collapse to single spaces: Xero shows names as one line. */
    static String collapse(String s) {
        return s == null ? "" : s.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** Collects every customer's base name; the lowest user id keeps a shared name. */
    public static final class Builder {
        private final Map<String, Long> firstOwner = new HashMap<>();
        private final Map<String, Long> shared = new HashMap<>();

        public Builder add(long userId, String baseName) {
            String key = nameKey(baseName);
            Long previous = firstOwner.putIfAbsent(key, userId);
            if (previous != null) {
                long owner = Math.min(previous, userId);
                firstOwner.put(key, owner);
                shared.merge(key, owner, Math::min);
            }
            return this;
        }

        public ContactNames build() {
            return new ContactNames(Map.copyOf(shared), Collections.unmodifiableSet(firstOwner.keySet()));
        }
    }
}
