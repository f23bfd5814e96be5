package io.cscartxero.order;

/**
 * Xero account codes for each kind of invoice line. {@code rounding} takes the cent or two by which Xero's per-line
 * tax rounding differs from CS-Cart's (an account with {@code SystemAccount: ROUNDING}, or one the operator chose).
 */
public record InvoiceAccounts(String revenue, String shipping, String surcharge, String discount,
        String giftCertificate, String rounding) {

    public InvoiceAccounts {
        require(revenue, "revenue");
        require(shipping, "shipping");
        require(surcharge, "surcharge");
        require(discount, "discount");
        require(giftCertificate, "giftCertificate");
        require(rounding, "rounding");
    }

    private static void require(String code, String what) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("the " + what + " account code is not set");
        }
    }
}
