package io.cscartxero.xero;

import java.util.Map;

/**
 * How CS-Cart records are booked in Xero: a view of the booking settings of {@link XeroProperties} (the keys are
 * flat under {@code xero.}), validated and defaulted there; {@link XeroProperties#bookkeeping()} makes it and the
 * application offers it as a bean. Account codes must be ACTIVE accounts of the organisation and tax types must
 * exist; the pre-flight of each job checks the ones it uses before sending anything.
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
public record BookkeepingProperties(
        String revenueAccountCode,
        String itemTaxType,
        String shippingAccountCode,
        String surchargeAccountCode,
        String discountAccountCode,
        String giftCertificateAccountCode,
        String roundingAccountCode,
        Map<String, String> taxTypes,
        String untaxedTaxType,
        String invoiceNumberPrefix,
        String invoiceReference,
        int invoiceDueDays,
        String invoiceStatus) {

    public BookkeepingProperties {
        taxTypes = taxTypes == null ? Map.of() : Map.copyOf(taxTypes);
    }

    public boolean hasItemTaxType() {
        return itemTaxType != null && !itemTaxType.isBlank();
    }
}
