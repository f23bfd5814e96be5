package io.cscartxero.sandbox;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's paging for paged endpoints (Xero's API docs: paging, order and summaryOnly): {@code page} from 1, {@code pageSize} default 100 clamped
 * to 1..1000, and a {@code pagination} object {@code {page, pageSize, pageCount, itemCount}} in the envelope.
 */
final class Paging {

    private Paging() {
    }

    /** Adds the pagination object to {@code envelope} and returns the requested page of {@code all}. */
    static <T> List<T> page(SandboxRequest request, List<T> all, ObjectNode envelope) {
        int page = Math.max(1, parseInt(request.param("page"), 1));
        int pageSize = Math.min(ContactsEndpoint.MAX_PAGE_SIZE, Math.max(1, parseInt(request.param("pageSize"),
                ContactsEndpoint.DEFAULT_PAGE_SIZE)));
        int itemCount = all.size();
        ObjectNode pagination = envelope.putObject("pagination");
        pagination.put("page", page);
        pagination.put("pageSize", pageSize);
        pagination.put("pageCount", (itemCount + pageSize - 1) / pageSize);
        pagination.put("itemCount", itemCount);
        long from = (long) (page - 1) * pageSize;
        return from >= itemCount ? List.of() : all.subList((int) from, (int) Math.min(itemCount, from + pageSize));
    }

    private static int parseInt(String value, int fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
