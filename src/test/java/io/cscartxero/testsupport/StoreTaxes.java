package io.cscartxero.testsupport;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cscartxero.sandbox.XeroSandbox;

/**
 * The generated store's four taxes (see {@link CsCartFixture}: 6 VAT, 7 GST, 8 Sales tax 8.25 %, 9 City tax 1.5 %)
 * mapped to Xero tax types: VAT and GST on the sandbox's OUTPUT and OUTPUT2, the others and the combinations
 * [8+9] and [6+7] on rates added to the sandbox (SALES825, CITY15, SALESCITY 9.75 %, VATGST 25 %).
 */
public final class StoreTaxes {

    /** {@code xero.tax-types.*}: the generated store's taxes and combinations → Xero tax types. */
    public static final Map<String, String> TAX_TYPES;
    static {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("xero.tax-types.6", "OUTPUT");
        types.put("xero.tax-types.7", "OUTPUT2");
        types.put("xero.tax-types.8", "SALES825");
        types.put("xero.tax-types.9", "CITY15");
        types.put("xero.tax-types.[8+9]", "SALESCITY");
        types.put("xero.tax-types.[6+7]", "VATGST");
        TAX_TYPES = java.util.Collections.unmodifiableMap(types);
    }

    private StoreTaxes() {
    }

    /** Adds the rates to the harness's sandbox and sets {@code xero.tax-types.*}; returns the harness. */
    public static ConnectorHarness mapped(ConnectorHarness harness) {
        addRates(harness.sandbox, null);
        TAX_TYPES.forEach(harness::set);
        return harness;
    }

    /** Adds the four rates the mapping needs to one organisation of the sandbox (null: its default organisation). */
    public static void addRates(XeroSandbox sandbox, String tenantId) {
        rate(sandbox, tenantId, "SALES825", "Sales tax 8.25%", "8.25");
        rate(sandbox, tenantId, "CITY15", "City tax 1.5%", "1.5");
        rate(sandbox, tenantId, "SALESCITY", "Sales and city tax 9.75%", "9.75");
        rate(sandbox, tenantId, "VATGST", "VAT and GST 25%", "25");
    }

    private static void rate(XeroSandbox sandbox, String tenantId, String type, String name, String percent) {
        if (tenantId == null) {
            sandbox.addTaxRate(type, name, new BigDecimal(percent));
        } else {
            sandbox.addTaxRate(tenantId, type, name, new BigDecimal(percent));
        }
    }
}
