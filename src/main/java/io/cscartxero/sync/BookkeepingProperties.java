package io.cscartxero.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How CS-Cart records are booked in Xero.
 *
 * @param revenueAccountCode sales account of items and invoice lines (must be an ACTIVE account)
 * @param itemTaxType        optional Xero TaxType for items' sales details (blank: the account's default)
 */
@ConfigurationProperties("xero")
public record BookkeepingProperties(@DefaultValue("200") String revenueAccountCode, String itemTaxType) {

    public boolean hasItemTaxType() {
        return itemTaxType != null && !itemTaxType.isBlank();
    }
}
