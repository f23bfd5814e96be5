package io.cscartxero.xero;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.xero.model.Account;
import io.cscartxero.xero.model.TaxRate;

import org.springframework.stereotype.Component;

/** Checks, before a job sends anything, that the account codes and tax types it will use exist in Xero. */
@Component
public class XeroPreflight {

    private final XeroOrganisation organisation;

    public XeroPreflight(XeroOrganisation organisation) {
        this.organisation = organisation;
    }

    public void check(Collection<String> accountCodes, Collection<String> taxTypes) {
        List<String> problems = new ArrayList<>();
        if (!accountCodes.isEmpty()) {
            Map<String, Account> accounts = organisation.accounts().stream()
                    .filter(a -> a.code() != null).collect(Collectors.toMap(Account::code, Function.identity(), (a, b) -> a));
            for (String code : accountCodes) {
                Account account = accounts.get(code);
                if (account == null) {
                    problems.add("account code '" + code + "' does not exist in the Xero organisation");
                } else if (!account.isActive()) {
                    problems.add("account '" + code + "' (" + account.name() + ") is " + account.status() + ", not ACTIVE");
                }
            }
        }
        if (!taxTypes.isEmpty()) {
            Map<String, TaxRate> rates = organisation.taxRates().stream()
                    .collect(Collectors.toMap(TaxRate::taxType, Function.identity(), (a, b) -> a));
            for (String type : taxTypes) {
                TaxRate rate = rates.get(type);
                if (rate == null) {
                    problems.add("tax type '" + type + "' does not exist in the Xero organisation");
                } else if (!"ACTIVE".equals(rate.status())) {
                    problems.add("tax type '" + type + "' is " + rate.status());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PreflightException("Xero pre-flight failed: " + String.join("; ", problems)
                    + ". Fix the organisation or the configuration (xero.*-account-code, tax mapping) and run again.");
        }
    }
}
