package io.cscartxero.xero;

import java.util.List;

import io.cscartxero.xero.model.Account;
import io.cscartxero.xero.model.Currency;
import io.cscartxero.xero.model.TaxRate;
import io.cscartxero.xero.model.XeroJson;

/** The organisation's settings the pre-flight checks read: chart of accounts, tax rates, currencies. */
public class XeroOrganisation {

    private final XeroHttp http;

    public XeroOrganisation(XeroHttp http) {
        this.http = http;
    }

    public List<Account> accounts() {
        return read("/Accounts", Accounts.class).accounts();
    }

    public List<TaxRate> taxRates() {
        return read("/TaxRates", TaxRates.class).taxRates();
    }

    public List<Currency> currencies() {
        return read("/Currencies", Currencies.class).currencies();
    }

    private <T> T read(String path, Class<T> type) {
        XeroHttp.Response response = http.get(path);
        try {
            return XeroJson.MAPPER.readValue(response.body(), type);
        } catch (RuntimeException e) {
            throw new XeroApiException.BadRequest(response.status(), "unreadable " + path + " response from Xero: " + e.getMessage());
        }
    }

    record Accounts(List<Account> accounts) {
        Accounts {
            accounts = accounts == null ? List.of() : accounts;
        }
    }

    record TaxRates(List<TaxRate> taxRates) {
        TaxRates {
            taxRates = taxRates == null ? List.of() : taxRates;
        }
    }

    record Currencies(List<Currency> currencies) {
        Currencies {
            currencies = currencies == null ? List.of() : currencies;
        }
    }
}
