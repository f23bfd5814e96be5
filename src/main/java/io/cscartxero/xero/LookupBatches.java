package io.cscartxero.xero;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Values split into the batches one filtered read takes ({@link XeroContacts#LOOKUP_BATCH}: the URL length), for the
 * reads that look records up by many ids or numbers.
 */
final class LookupBatches {

    private LookupBatches() {
    }

    /** The values in order, at most {@link XeroContacts#LOOKUP_BATCH} a batch. */
    static List<List<String>> of(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < all.size(); i += XeroContacts.LOOKUP_BATCH) {
            batches.add(all.subList(i, Math.min(all.size(), i + XeroContacts.LOOKUP_BATCH)));
        }
        return batches;
    }

    /** A batch as a where clause: {@code field==Guid("id") OR …}. */
    static String guidOr(String field, List<String> ids) {
        return String.join(" OR ", ids.stream().map(id -> field + "==Guid(\"" + id + "\")").toList());
    }
}
