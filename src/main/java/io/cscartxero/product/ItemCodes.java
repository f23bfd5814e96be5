package io.cscartxero.product;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Xero Item Codes from CS-Cart product codes. Xero wants a code of at most 30 characters, unique; CS-Cart's
 * product_code is up to 64 characters, may be empty and is not unique. A code Xero can take is used as is (the
 * lowest product_id keeps a shared code); any other product gets a stable derived code {@code CSC-<product_id>},
 * so the same product always maps to the same item. Built once per run from every product's code.
 */
final class ItemCodes {

    static final int MAX_CODE = 30;
    static final String DERIVED_PREFIX = "CSC-";

    /** code key → lowest product_id using it. */
    private final Map<String, Long> owners;

    private ItemCodes(Map<String, Long> owners) {
        this.owners = owners;
    }

    static ItemCodes of(Map<Long, String> codesByProduct) {
        Map<String, Long> owners = new HashMap<>();
        codesByProduct.forEach((id, code) -> owners.merge(key(code.strip()), id, Math::min));
        return new ItemCodes(owners);
    }

    /** The code and, when derived, why the product's own code could not be used. */
    record Assigned(String code, String reason) {
        boolean derived() {
            return reason != null;
        }
    }

    Assigned codeFor(long productId, String productCode) {
        String code = productCode == null ? "" : productCode.strip();
        String reason;
        if (code.isEmpty()) {
            reason = "the product has no code";
        } else if (code.length() > MAX_CODE) {
            reason = "its code '" + code + "' is longer than Xero's " + MAX_CODE + " characters";
        } else if (owners.getOrDefault(key(code), productId) != productId) {
            reason = "its code '" + code + "' is also used by product " + owners.get(key(code));
        } else {
            return new Assigned(code, null);
        }
        return new Assigned(derivedCode(productId), reason);
    }

    /** CSC-<id>, extended in the unlikely case a real product already uses that text as its code. */
    private String derivedCode(long productId) {
        String code = DERIVED_PREFIX + productId;
        Set<String> tried = new HashSet<>();
        int n = 1;
        while (owners.containsKey(key(code)) && owners.get(key(code)) != productId && tried.add(code)) {
            code = DERIVED_PREFIX + productId + "-" + n++;
        }
        return code;
    }

    private static String key(String code) {
        return code.toLowerCase(Locale.ROOT);
    }
}
