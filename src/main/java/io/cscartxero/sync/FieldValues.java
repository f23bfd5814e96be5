package io.cscartxero.sync;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cscartxero.xero.model.Address;
import io.cscartxero.xero.model.Contact;
import io.cscartxero.xero.model.Item;
import io.cscartxero.xero.model.Phone;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a contact or an item as flat name → text pairs ({@code Name}, {@code Phone.DEFAULT},
 * {@code POBOX.City}, {@code SalesDetails.UnitPrice}...): what a link remembers of the last payload sent to Xero or
 * read from it, and what an import compares Xero's current record with, field by field.
 *
 * <p>Every contact and item payload the exports send passes through {@link PayloadHash#of}, which hands it to
 * {@link #remember}; {@link SyncLinkRepository#saveAll} then stores the fields of the payload whose hash a link
 * carries. The export code needs no change to keep what it sent.
 */
public final class FieldValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int REMEMBERED = 2_000;   // a chunk holds at most 50 records (+ 50 buyers); bounded for -Xmx256m runs

    /** hash → fields of payloads hashed lately (process-wide: a chunk's processor and writer may be other threads). */
    private static final Map<String, Map<String, String>> RECENT = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    private FieldValues() {
    }

    /** The fields of a Contact or an Item; null for any other payload (invoices are not imported). */
    public static Map<String, String> of(Object payload) {
        if (payload instanceof Contact c) {
            return ofContact(c);
        }
        if (payload instanceof Item i) {
            return ofItem(i);
        }
        return null;
    }

    static Map<String, String> ofContact(Contact c) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "Name", c.name());
        put(f, "FirstName", c.firstName());
        put(f, "LastName", c.lastName());
        put(f, "EmailAddress", c.emailAddress());
        for (Phone p : nonNull(c.phones())) {
            if (p.phoneType() != null) {
                f.putIfAbsent("Phone." + p.phoneType(), text(p.phoneNumber()));
            }
        }
        for (Address a : nonNull(c.addresses())) {
            if (a.addressType() == null || f.containsKey(a.addressType() + ".AddressLine1")) {
                continue;
            }
            String t = a.addressType() + ".";
            put(f, t + "AddressLine1", a.addressLine1());
            put(f, t + "AddressLine2", a.addressLine2());
            put(f, t + "City", a.city());
            put(f, t + "Region", a.region());
            put(f, t + "PostalCode", a.postalCode());
            put(f, t + "Country", a.country());
            put(f, t + "AttentionTo", a.attentionTo());
        }
        return f;
    }

    static Map<String, String> ofItem(Item i) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "Code", i.code());
        put(f, "Name", i.name());
        put(f, "Description", i.description());
        BigDecimal price = i.salesDetails() == null ? null : i.salesDetails().unitPrice();
        put(f, "SalesDetails.UnitPrice", price == null ? null : price.stripTrailingZeros().toPlainString());
        return f;
    }

    /** Called by {@link PayloadHash#of}: the fields of a contact or item payload, found again by its hash. */
    static void remember(String hash, Object payload) {
        Map<String, String> fields = of(payload);
        if (fields != null) {
            RECENT.put(hash, fields);
        }
    }

    /** The fields of the payload hashed to {@code hash} lately, or null. */
    static Map<String, String> forHash(String hash) {
        return hash == null ? null : RECENT.get(hash);
    }

    static String toJson(Map<String, String> fields) {
        return fields == null ? null : JSON.writeValueAsString(fields);
    }

    static Map<String, String> fromJson(String json) {
        return json == null || json.isBlank() ? null : JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
    }

    private static void put(Map<String, String> f, String name, String value) {
        f.put(name, text(value));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list.stream().filter(x -> x != null).toList();
    }
}
