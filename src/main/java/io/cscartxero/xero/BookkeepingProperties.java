package io.cscartxero.xero;

import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How CS-Cart records are booked in Xero. Account codes must be ACTIVE accounts of the organisation and tax types
 * must exist; the pre-flight of each job checks the ones it uses before sending anything.
 *
 * @param revenueAccountCode         sales account of items and of order lines
 * @param itemTaxType                optional TaxType on items' sales details (blank: the account's default)
 * @param shippingAccountCode        account of shipping lines
 * @param surchargeAccountCode       account of payment surcharge lines
 * @param discountAccountCode        account of order discount lines (negative)
 * @param giftCertificateAccountCode account of redeemed gift certificates (negative lines; usually a liability)
 * @param roundingAccountCode        account of the rounding line that makes Xero's total equal the order total
 * @param taxTypes                   CS-Cart tax id (or ids joined with '+', sorted, for lines taxed twice) → Xero TaxType
 * @param untaxedTaxType             TaxType of lines without tax
 * @param invoiceNumberPrefix        InvoiceNumber = prefix + order id
 * @param invoiceReference           Reference template; {orderId} is replaced
 * @param invoiceDueDays             DueDate = invoice date + this many days
 * @param invoiceStatus              DRAFT, SUBMITTED or AUTHORISED
 */
@ConfigurationProperties("xero")
public record BookkeepingProperties(
        @DefaultValue("200") String revenueAccountCode,
        String itemTaxType,
        @DefaultValue("210") String shippingAccountCode,
        @DefaultValue("260") String surchargeAccountCode,
        @DefaultValue("215") String discountAccountCode,
        @DefaultValue("260") String giftCertificateAccountCode,
        @DefaultValue("860") String roundingAccountCode,
        @DefaultValue Map<String, String> taxTypes,
        @DefaultValue("NONE") String untaxedTaxType,
        @DefaultValue("CS-") String invoiceNumberPrefix,
        @DefaultValue("{orderId}") String invoiceReference,
        @DefaultValue("14") int invoiceDueDays,
        @DefaultValue("AUTHORISED") String invoiceStatus) {

    public BookkeepingProperties {
        taxTypes = taxTypes == null ? Map.of() : Map.copyOf(taxTypes);
        if (!Set.of("DRAFT", "SUBMITTED", "AUTHORISED").contains(invoiceStatus)) {
            throw new IllegalArgumentException("xero.invoice-status must be DRAFT, SUBMITTED or AUTHORISED, not '" + invoiceStatus + "'");
        }
        if (invoiceDueDays < 0) {
            throw new IllegalArgumentException("xero.invoice-due-days must not be negative");
        }
    }

    public boolean hasItemTaxType() {
        return itemTaxType != null && !itemTaxType.isBlank();
    }
}
