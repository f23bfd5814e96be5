package io.cscartxero.testsupport;

import java.math.BigDecimal;

/**
 * The generated store's four taxes (see {@link CsCartFixture}: 6 VAT, 7 GST, 8 Sales tax 8.25 %, 9 City tax 1.5 %)
 * mapped to Xero tax types: VAT and GST on the sandbox's OUTPUT and OUTPUT2, the others and the combinations
 * [8+9] and [6+7] on rates added to the sandbox (SALES825, CITY15, SALESCITY 9.75 %, VATGST 25 %).
 */
public final class StoreTaxes {

    private StoreTaxes() {
    }

    /** Adds the rates to the harness's sandbox and sets {@code xero.tax-types.*}; returns the harness. */
    public static ConnectorHarness mapped(ConnectorHarness harness) {
        harness.sandbox.addTaxRate("SALES825", "Sales tax 8.25%", new BigDecimal("8.25"));
        harness.sandbox.addTaxRate("CITY15", "City tax 1.5%", new BigDecimal("1.5"));
        harness.sandbox.addTaxRate("SALESCITY", "Sales and city tax 9.75%", new BigDecimal("9.75"));
        harness.sandbox.addTaxRate("VATGST", "VAT and GST 25%", new BigDecimal("25"));
        return harness.set("xero.tax-types.6", "OUTPUT").set("xero.tax-types.7", "OUTPUT2")
                .set("xero.tax-types.8", "SALES825").set("xero.tax-types.9", "CITY15")
                .set("xero.tax-types.[8+9]", "SALESCITY").set("xero.tax-types.[6+7]", "VATGST");
    }
}
