package io.cscartxero.xero.model;

/** Xero Address; {@code addressType} is POBOX (billing, used on invoices) or STREET (delivery). */
public record Address(String addressType, String addressLine1, String addressLine2, String city, String region,
        String postalCode, String country, String attentionTo) {

    public static final String POBOX = "POBOX";
    public static final String STREET = "STREET";
}
