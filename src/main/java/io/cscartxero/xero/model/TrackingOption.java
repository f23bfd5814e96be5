package io.cscartxero.xero.model;

import java.util.List;

/** An option of a tracking category ({@code Name} ≤ 100 characters; status ACTIVE, ARCHIVED or DELETED). */
public record TrackingOption(String trackingOptionID, String name, String status, List<ValidationError> validationErrors) {

    public static TrackingOption named(String name) {
        return new TrackingOption(null, name, null, null);
    }

    public boolean active() {
        return status == null || "ACTIVE".equalsIgnoreCase(status);
    }
}
