package io.cscartxero.xero.model;

import java.util.List;

/**
 * A Xero tracking category with its options ({@code GET /TrackingCategories}, {@code PUT /TrackingCategories}).
 *
 * @param status ACTIVE, ARCHIVED or DELETED; an organisation has at most two ACTIVE categories
 */
public record TrackingCategory(String trackingCategoryID, String name, String status, List<TrackingOption> options,
        List<ValidationError> validationErrors) {

    public TrackingCategory {
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** A category to create. */
    public static TrackingCategory named(String name) {
        return new TrackingCategory(null, name, null, null, null);
    }

    public boolean active() {
        return status == null || "ACTIVE".equalsIgnoreCase(status);
    }

    /** The same category with one more option (as Xero answered it). */
    public TrackingCategory withOption(TrackingOption option) {
        List<TrackingOption> more = new java.util.ArrayList<>(options);
        more.add(option);
        return new TrackingCategory(trackingCategoryID, name, status, more, validationErrors);
    }
}
