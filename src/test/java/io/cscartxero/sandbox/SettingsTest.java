package io.cscartxero.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cscartxero.sandbox.SandboxHttp.Reply;
import io.cscartxero.testsupport.TestSandbox;
import tools.jackson.databind.JsonNode;

class SettingsTest {

    XeroSandbox sandbox;
    SandboxHttp http;

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

    @Test
    void accountsListTheSeededChartWithXeroFields() {
        Reply reply = http.get("/Accounts");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("pagination")).isFalse();
        JsonNode accounts = reply.list("Accounts");
        assertThat(codes(accounts)).contains("090", "200", "210", "215", "260", "299", "610", "820", "860", "970");
        JsonNode sales = find(accounts, "200");
        assertThat(sales.get("AccountID").asString()).matches("[0-9a-f-]{36}");
        assertThat(sales.get("Name").asString()).isEqualTo("Sales");
        assertThat(sales.get("Type").asString()).isEqualTo("REVENUE");
        assertThat(sales.get("Class").asString()).isEqualTo("REVENUE");
        assertThat(sales.get("Status").asString()).isEqualTo("ACTIVE");
        assertThat(sales.get("TaxType").asString()).isEqualTo("OUTPUT2");
        assertThat(sales.has("SystemAccount")).isFalse();
        assertThat(sales.get("UpdatedDateUTC").asString()).matches("/Date\\(\\d+\\+0000\\)/");
        JsonNode bank = find(accounts, "090");
        assertThat(bank.get("Type").asString()).isEqualTo("BANK");
        assertThat(bank.get("BankAccountType").asString()).isEqualTo("BANK");
        assertThat(bank.get("CurrencyCode").asString()).isEqualTo("USD");
        assertThat(find(accounts, "860").get("SystemAccount").asString()).isEqualTo("ROUNDING");
        assertThat(find(accounts, "610").get("SystemAccount").asString()).isEqualTo("DEBTORS");
        assertThat(find(accounts, "970").get("EnablePaymentsToAccount").asBoolean()).isTrue();
        assertThat(find(accounts, "299").get("Status").asString()).isEqualTo("ARCHIVED");
    }

    @Test
    void accountsFilterWithWhere() {
        assertThat(codes(http.get("/Accounts?where=" + SandboxHttp.enc("Code==\"200\"")).list("Accounts")))
                .containsExactly("200");
        assertThat(codes(http.get("/Accounts?where=" + SandboxHttp.enc("Status==\"ACTIVE\" AND Type==\"BANK\""))
                .list("Accounts"))).containsExactly("090", "091");
        assertThat(codes(http.get("/Accounts?where=" + SandboxHttp.enc("Class==\"REVENUE\" && Status==\"ARCHIVED\""))
                .list("Accounts"))).containsExactly("299");

        Reply bad = http.get("/Accounts?where=" + SandboxHttp.enc("Colour==\"red\""));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("Type").asString()).isEqualTo("QueryParseException");
        assertThat(bad.json().get("Message").asString()).isEqualTo("No property or field 'Colour' exists in type 'Account'");
    }

    @Test
    void archiveAccountHelperChangesStatusAndTimestamp() {
        String before = find(http.get("/Accounts").list("Accounts"), "215").get("UpdatedDateUTC").asString();
        sandbox.clock().advance(Duration.ofSeconds(5));

        sandbox.archiveAccount("215");

        JsonNode account = find(http.get("/Accounts").list("Accounts"), "215");
        assertThat(account.get("Status").asString()).isEqualTo("ARCHIVED");
        assertThat(account.get("UpdatedDateUTC").asString()).isNotEqualTo(before);
        assertThatThrownBy(() -> sandbox.archiveAccount("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountByIdAndUnknownId() {
        JsonNode sales = find(http.get("/Accounts").list("Accounts"), "200");
        Reply one = http.get("/Accounts/" + sales.get("AccountID").asString());
        assertThat(one.status()).isEqualTo(200);
        assertThat(codes(one.list("Accounts"))).containsExactly("200");

        Reply missing = http.get("/Accounts/00000000-0000-0000-0000-000000000001");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("The resource you're looking for cannot be found");
    }

    @Test
    void taxRatesListTheSeededSet() {
        Reply reply = http.get("/TaxRates");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode rates = reply.list("TaxRates");
        List<String> types = new ArrayList<>();
        rates.forEach(r -> types.add(r.get("TaxType").asString()));
        assertThat(types).contains("OUTPUT2", "OUTPUT", "ZERORATEDOUTPUT", "EXEMPTOUTPUT", "NONE", "INPUT2");
        JsonNode output2 = rates.get(types.indexOf("OUTPUT2"));
        assertThat(output2.get("Name").asString()).isEqualTo("15% GST on Income");
        assertThat(output2.get("Status").asString()).isEqualTo("ACTIVE");
        assertThat(output2.get("CanApplyToRevenue").asBoolean()).isTrue();
        assertThat(output2.get("EffectiveRate").toString()).isEqualTo("15.0000");
        assertThat(output2.get("DisplayTaxRate").toString()).isEqualTo("15.0000");
        assertThat(output2.get("TaxComponents").get(0).get("Rate").toString()).isEqualTo("15.0000");
        assertThat(rates.get(types.indexOf("INPUT2")).get("CanApplyToRevenue").asBoolean()).isFalse();
        assertThat(rates.get(types.indexOf("OUTPUT")).get("EffectiveRate").toString()).isEqualTo("10.0000");

        Reply revenue = http.get("/TaxRates?where=" + SandboxHttp.enc("CanApplyToRevenue==true AND TaxType==\"NONE\""));
        assertThat(revenue.list("TaxRates").size()).isEqualTo(1);
    }

    @Test
    void addTaxRateHelperAddsAUsableCustomRate() {
        sandbox.addTaxRate("sales825", "Sales tax 8.25%", new BigDecimal("8.25"));

        JsonNode rate = http.get("/TaxRates?where=" + SandboxHttp.enc("TaxType==\"SALES825\"")).list("TaxRates").get(0);
        assertThat(rate.get("Name").asString()).isEqualTo("Sales tax 8.25%");
        assertThat(rate.get("EffectiveRate").toString()).isEqualTo("8.2500");
        assertThat(rate.get("CanApplyToRevenue").asBoolean()).isTrue();
        assertThatThrownBy(() -> sandbox.addTaxRate("X", "x", new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void currenciesStartWithUsdAndEurAndGrowWithAddCurrency() {
        JsonNode currencies = http.get("/Currencies").list("Currencies");
        assertThat(currencies.size()).isEqualTo(2);
        assertThat(currencies.get(0).get("Code").asString()).isEqualTo("USD");
        assertThat(currencies.get(0).get("Description").asString()).isEqualTo("United States Dollar");
        assertThat(currencies.get(1).get("Code").asString()).isEqualTo("EUR");

        sandbox.addCurrency("gbp");
        sandbox.addCurrency("GBP"); // once only

        JsonNode after = http.get("/Currencies").list("Currencies");
        assertThat(after.size()).isEqualTo(3);
        assertThat(after.get(2).get("Code").asString()).isEqualTo("GBP");
        assertThat(http.get("/Currencies?where=" + SandboxHttp.enc("Code==\"EUR\"")).list("Currencies").size())
                .isEqualTo(1);
        assertThatThrownBy(() -> sandbox.addCurrency("DOLLARS")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void organisationCarriesBaseCurrencyTenantAndLockDates() {
        JsonNode org = http.get("/Organisation").list("Organisations").get(0);
        assertThat(org.get("OrganisationID").asString()).isEqualTo(sandbox.settings().tenantId());
        assertThat(org.get("Name").asString()).isEqualTo(sandbox.settings().tenantName());
        assertThat(org.get("BaseCurrency").asString()).isEqualTo("USD");
        assertThat(org.get("Timezone").asString()).isEqualTo("UTC");
        assertThat(org.get("OrganisationStatus").asString()).isEqualTo("ACTIVE");
        assertThat(org.has("PeriodLockDate")).isFalse(); // "Shown if set"
        assertThat(org.has("EndOfYearLockDate")).isFalse();

        sandbox.setPeriodLockDate(LocalDate.of(2018, 12, 31));
        sandbox.setEndOfYearLockDate(LocalDate.of(2018, 6, 30));

        JsonNode locked = http.get("/Organisation").list("Organisations").get(0);
        assertThat(locked.get("PeriodLockDate").asString()).isEqualTo("/Date(1546214400000+0000)/");
        assertThat(locked.get("EndOfYearLockDate").asString()).isEqualTo("/Date(1530316800000+0000)/");
    }

    @Test
    void settingsNeedTheSettingsScopeOrItsReadVariant() {
        http.login("offline_access accounting.contacts");
        assertThat(http.get("/Accounts").status()).isEqualTo(403);
        assertThat(http.get("/Organisation").status()).isEqualTo(403);

        http.login("accounting.settings.read");
        assertThat(http.get("/TaxRates").status()).isEqualTo(200);
        assertThat(http.get("/Currencies").status()).isEqualTo(200);
    }

    @Test
    void writesToSettingsAreNotSimulated() {
        assertThat(http.put("/Currencies", "{\"Code\":\"GBP\"}").status()).isEqualTo(404);
    }

    @Test
    void resetRestoresTheSeededOrganisation() {
        sandbox.archiveAccount("200");
        sandbox.addCurrency("NZD");
        sandbox.setPeriodLockDate(LocalDate.of(2020, 1, 1));

        sandbox.reset();
        http.login();

        assertThat(find(http.get("/Accounts").list("Accounts"), "200").get("Status").asString()).isEqualTo("ACTIVE");
        assertThat(http.get("/Currencies").list("Currencies").size()).isEqualTo(2);
        assertThat(http.get("/Organisation").list("Organisations").get(0).has("PeriodLockDate")).isFalse();
    }

    static List<String> codes(JsonNode accounts) {
        List<String> codes = new ArrayList<>();
        accounts.forEach(a -> codes.add(a.get("Code").asString()));
        return codes;
    }

    static JsonNode find(JsonNode accounts, String code) {
        for (JsonNode a : accounts) {
            if (a.get("Code").asString().equals(code)) return a;
        }
        throw new AssertionError("no account " + code);
    }
}
