package io.cscartxero.xero;

import java.util.List;

import io.cscartxero.xero.model.TaxRate;
import io.cscartxero.xero.model.XeroJson;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Xero tax rates: the list, the organisation's country (which decides whether a new rate needs a ReportTaxType) and
 * {@code PUT /TaxRates} for one new rate.
 */
@Component
public class XeroTaxRates {

    private final XeroHttp http;

    public XeroTaxRates(XeroHttp http) {
        this.http = http;
    }

    public List<TaxRate> all() {
        return parse(http.get("/TaxRates"));
    }

    /** {@code Organisation.CountryCode} (US, AU, NZ, GB...), or "" when Xero does not say. */
    public String countryCode() {
        JsonNode organisations = http.get("/Organisation").json().path("Organisations");
        return organisations.isArray() && !organisations.isEmpty() ? organisations.get(0).path("CountryCode").asString("") : "";
    }

    /**
     * Creates one rate. Xero assigns its TaxType (TAX001...). The Idempotency-Key derived from the body makes a retried
     * call create it once.
     *
     * @throws XeroApiException.Validation with Xero's messages when it refuses the rate
     */
    public TaxRate create(TaxRate rate) {
        String body = XeroJson.MAPPER.writeValueAsString(new TaxRates(List.of(rate)));
        List<TaxRate> created = parse(http.write(HttpMethod.PUT, "/TaxRates", body));
        if (created.isEmpty() || created.get(0).taxType() == null) {
            throw new XeroApiException.BadRequest(200, "Xero answered PUT /TaxRates without the new rate's TaxType");
        }
        return created.get(0);
    }

    private static List<TaxRate> parse(XeroHttp.Response response) {
        try {
            TaxRates parsed = XeroJson.MAPPER.readValue(response.body(), TaxRates.class);
            return parsed.taxRates() == null ? List.of() : parsed.taxRates();
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable /TaxRates response from Xero: " + e.getMessage());
        }
    }

    record TaxRates(List<TaxRate> taxRates) {
    }
}
