package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

/** PUT /TaxRates (create) and POST /TaxRates (update) as Xero answers them. */
class TaxRatesWriteTest {

    XeroSandbox sandbox;
    SandboxHttp http;

    static final String VAT_12 = """
            {"TaxRates":[{"Name":"VAT 12%","TaxComponents":[{"Name":"VAT","Rate":12.0,"IsCompound":false}]}]}""";
    static final String NEW_YORK = """
            {"TaxRates":[{"Name":"Sales Tax 8.875% + County Tax 2.5%","TaxComponents":[
              {"Name":"Sales Tax","Rate":8.875,"IsCompound":false},{"Name":"County Tax","Rate":2.5,"IsCompound":true}]}]}""";

    @BeforeEach
    void start() {
        sandbox = TestSandbox.generous();
        http = new SandboxHttp(sandbox);
        http.login();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static List<String> types(JsonNode rates) {
        List<String> types = new ArrayList<>();
        rates.forEach(r -> types.add(r.get("TaxType").asString()));
        return types;
    }

    @Test
    void aUsOrganisationCreatesRatesWithoutReportTaxTypeAndXeroAssignsTheTaxType() {
        assertThat(http.get("/Organisation").list("Organisations").get(0).get("CountryCode").asString()).isEqualTo("US");
        Reply vat = http.put("/TaxRates", VAT_12);

        assertThat(vat.status()).isEqualTo(200);
        JsonNode rate = vat.list("TaxRates").get(0);
        assertThat(rate.get("TaxType").asString()).isEqualTo("TAX001");
        assertThat(rate.get("Name").asString()).isEqualTo("VAT 12%");
        assertThat(rate.get("Status").asString()).isEqualTo("ACTIVE");
        assertThat(rate.get("EffectiveRate").decimalValue()).isEqualByComparingTo("12");
        assertThat(rate.get("DisplayTaxRate").decimalValue()).isEqualByComparingTo("12");
        assertThat(rate.get("CanApplyToRevenue").asBoolean()).isTrue();
        assertThat(rate.has("ReportTaxType")).isFalse();

        // a compound component is computed on the amount plus the simple ones: 8.875 + 2.5 × 1.08875 = 11.596875
        JsonNode ny = http.put("/TaxRates", NEW_YORK).list("TaxRates").get(0);
        assertThat(ny.get("TaxType").asString()).isEqualTo("TAX002");
        assertThat(ny.get("EffectiveRate").decimalValue()).isEqualByComparingTo("11.5969");
        assertThat(ny.get("DisplayTaxRate").decimalValue()).isEqualByComparingTo("11.375");
        assertThat(ny.get("TaxComponents").get(1).get("IsCompound").asBoolean()).isTrue();

        assertThat(types(http.get("/TaxRates").list("TaxRates"))).contains("OUTPUT", "TAX001", "TAX002");
        assertThat(http.get("/TaxRates/TAX002").list("TaxRates").get(0).get("Name").asString())
                .isEqualTo("Sales Tax 8.875% + County Tax 2.5%");
        assertThat(http.get("/TaxRates/TAX404").status()).isEqualTo(404);
    }

    @Test
    void namesAreUniqueAndANameIsFreedWhenItsRateIsDeleted() {
        http.put("/TaxRates", VAT_12);
        Reply again = http.put("/TaxRates", VAT_12.replace("12.0", "13.0"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().get("Type").asString()).isEqualTo("ValidationException");
        assertThat(again.elementErrors(0)).containsExactly("A tax rate with the name 'VAT 12%' already exists.");

        Reply deleted = http.post("/TaxRates", """
                {"TaxRates":[{"TaxType":"TAX001","Status":"DELETED"}]}""");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.list("TaxRates").get(0).get("Status").asString()).isEqualTo("DELETED");
        Reply recreated = http.put("/TaxRates", VAT_12);
        assertThat(recreated.status()).isEqualTo(200);
        assertThat(recreated.list("TaxRates").get(0).get("TaxType").asString()).isEqualTo("TAX002");
    }

    @Test
    void reportTaxTypeIsRequiredInAustraliaNewZealandAndTheUkAndRefusedElsewhere() {
        Reply us = http.put("/TaxRates", VAT_12.replace("\"Name\":\"VAT 12%\",", "\"Name\":\"VAT 12%\",\"ReportTaxType\":\"OUTPUT\","));
        assertThat(us.status()).isEqualTo(400);
        assertThat(us.elementErrors(0)).containsExactly("ReportTaxType is not supported for organisations in US.");

        sandbox.setCountryCode("AU");
        Reply missing = http.put("/TaxRates", VAT_12);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.elementErrors(0)).containsExactly("ReportTaxType is required for organisations in AU.");
        Reply au = http.put("/TaxRates", VAT_12.replace("\"Name\":\"VAT 12%\",", "\"Name\":\"VAT 12%\",\"ReportTaxType\":\"OUTPUT\","));
        assertThat(au.status()).isEqualTo(200);
        JsonNode rate = au.list("TaxRates").get(0);
        assertThat(rate.get("ReportTaxType").asString()).isEqualTo("OUTPUT");
        assertThat(rate.get("CanApplyToRevenue").asBoolean()).isTrue();
        assertThat(rate.get("CanApplyToExpenses").asBoolean()).isFalse();
    }

    @Test
    void aRateNeedsANameAndComponentsWithNamesAndRates() {
        Reply empty = http.put("/TaxRates", "{\"TaxRates\":[{\"Name\":\" \"}]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.elementErrors(0)).containsExactly("The tax rate name is required.", "At least one tax component is required.");
        Reply badComponent = http.put("/TaxRates", """
                {"TaxRates":[{"Name":"Broken","TaxComponents":[{"Rate":-1},{"Name":"X"}]}]}""");
        assertThat(badComponent.elementErrors(0)).containsExactly("The tax component name is required.",
                "The tax component rate must not be negative.", "The tax component rate is required.");
        Reply unknown = http.put("/TaxRates", "{\"TaxRates\":[{\"Name\":\"X\",\"Colour\":\"red\"}]}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("Type").asString()).isEqualTo("PostDataInvalidException");
        assertThat(types(http.get("/TaxRates").list("TaxRates"))).noneMatch(t -> t.startsWith("TAX"));
    }

    @Test
    void aRetriedPutWithTheSameIdempotencyKeyCreatesTheRateOnce() {
        Reply first = http.put("/TaxRates", VAT_12, "Idempotency-Key", "tax-rate-vat-12");
        Reply retry = http.put("/TaxRates", VAT_12, "Idempotency-Key", "tax-rate-vat-12");

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.list("TaxRates").get(0).get("TaxType").asString()).isEqualTo("TAX001");
        assertThat(types(http.get("/TaxRates").list("TaxRates")).stream().filter(t -> t.startsWith("TAX"))).containsExactly("TAX001");
    }
}
