package io.cscartxero.xero.model;

/**
 * One tracking entry of an invoice or credit-note line (the spec's LineItemTracking): a category and one of its
 * options, by name ({@code Name} ≤ 100, {@code Option} ≤ 100 characters) or by id. The connector sends names (stable,
 * readable in a payload hash); Xero answers with both. At most two per line.
 */
public record LineItemTracking(String trackingCategoryID, String trackingOptionID, String name, String option) {

    /** A line's tracking by category and option name. */
    public static LineItemTracking of(String category, String option) {
        return new LineItemTracking(null, null, category, option);
    }
}
