package io.cscartxero.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read-only snapshot of a stored contact, for assertions in tests. Addresses and phones are given as the API would
 * render them (both STREET and POBOX addresses, the standard phone types, blank values as empty strings).
 */
public record SandboxContact(String contactId, String contactNumber, String name, String firstName, String lastName,
        String emailAddress, String contactStatus, List<Map<String, String>> addresses,
        List<Map<String, String>> phones, Instant updatedDateUtc) {

    public SandboxContact {
        addresses = List.copyOf(addresses);
        phones = List.copyOf(phones);
    }

    /** The address of the given type ("STREET" or "POBOX"), or an empty map. */
    public Map<String, String> address(String addressType) {
        return addresses.stream().filter(a -> addressType.equals(a.get("AddressType"))).findFirst().orElse(Map.of());
    }

    /** The phone of the given type ("DEFAULT", "MOBILE", ...), or an empty map. */
    public Map<String, String> phone(String phoneType) {
        return phones.stream().filter(p -> phoneType.equals(p.get("PhoneType"))).findFirst().orElse(Map.of());
    }

    public boolean archived() {
        return "ARCHIVED".equals(contactStatus);
    }
}
