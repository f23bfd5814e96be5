package io.cscartxero.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cscartxero.ops.LaunchRequirements;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.model.Account;
import io.cscartxero.xero.model.Currency;
import io.cscartxero.xero.model.TaxRate;
import tools.jackson.databind.JsonNode;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The Xero side, with GET requests only: connection, organisation, currency, accounts, tax types. */
final class XeroChecks {

    private XeroChecks() {
    }

    @Component
    @Order(FirstRunCheck.XERO_CONNECTION)
    static class Connection implements FirstRunCheck {
        private final XeroProperties xero;

        Connection(XeroProperties xero) {
            this.xero = xero;
        }

        @Override
        public String subject() {
            return "Xero connection";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            List<String> config = context.requirements().xeroProblems();
            if (!config.isEmpty()) {
                return List.of(CheckLine.fail(subject(), String.join("; ", config), XeroProperties.GRANT_CLIENT_CREDENTIALS.equals(xero.grant())
                        ? "set the custom connection's client id and secret (XERO_CLIENT_ID, XERO_CLIENT_SECRET)"
                        : "set XERO_CLIENT_ID and XERO_TOKEN_ENCRYPTION_KEY, then run connect"));
            }
            var unavailable = context.xeroUnavailable();
            if (unavailable.isPresent()) {
                return List.of(CheckLine.fail(subject(), unavailable.get(), "check xero.client-id / xero.client-secret (and xero.identity-url), or run connect again"));
            }
            List<CheckLine> lines = new ArrayList<>();
            lines.add(CheckLine.ok(subject(), "access token obtained (" + (XeroProperties.GRANT_CLIENT_CREDENTIALS.equals(xero.grant())
                    ? "custom connection" : "standard app") + ")"));
            JsonNode org = context.organisationDetails();
            String status = org.path("OrganisationStatus").asString("");
            String detail = org.path("Name").asString("?") + " (" + org.path("CountryCode").asString("?") + ", base currency "
                    + org.path("BaseCurrency").asString("?") + (xero.tenantId() == null || xero.tenantId().isBlank() ? "" : ", tenant " + xero.tenantId()) + ")";
            lines.add(status.isEmpty() || "ACTIVE".equals(status) ? CheckLine.ok("Xero organisation", detail)
                    : CheckLine.fail("Xero organisation", detail + " is " + status, "use an ACTIVE organisation (xero.tenant-id, or connect --tenant)"));
            return lines;
        }
    }

    @Component
    @Order(FirstRunCheck.XERO_CURRENCY)
    static class CurrencyEnabled implements FirstRunCheck {
        @Override
        public String subject() {
            return "Xero currency";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            if (context.xeroUnavailable().isPresent()) {
                return List.of(CheckLine.notChecked(subject(), "no Xero connection"));
            }
            if (context.storeTablesUnavailable().isPresent()) {
                return List.of(CheckLine.notChecked(subject(), "the store's primary currency could not be read"));
            }
            String currency = context.storeSettings().settings().currency();
            if (currency == null) {
                return List.of(CheckLine.notChecked(subject(), "the store has no single primary currency"));
            }
            Set<String> enabled = context.currencies().stream().map(Currency::code).collect(Collectors.toCollection(LinkedHashSet::new));
            enabled.add(context.organisationDetails().path("BaseCurrency").asString(""));
            return List.of(enabled.contains(currency) ? CheckLine.ok(subject(), "the store's " + currency + " is enabled in the organisation")
                    : CheckLine.fail(subject(), "the store's primary currency " + currency + " is not enabled in the organisation (it has "
                            + String.join(", ", enabled.stream().filter(c -> !c.isEmpty()).toList()) + ")",
                            "add " + currency + " in Xero (Accounting → Advanced → Currencies); invoices carry the store's currency"));
        }
    }

    /** Every configured account is ACTIVE and of a type Xero books that kind of line on. */
    @Component
    @Order(FirstRunCheck.XERO_ACCOUNTS)
    static class Accounts implements FirstRunCheck {
        /** Xero's account types of Class REVENUE. */
        static final Set<String> REVENUE_TYPES = Set.of("REVENUE", "SALES", "OTHERINCOME");
        static final Set<String> SALES_TYPES = Set.of("REVENUE", "SALES");

        private final BookkeepingProperties bookkeeping;

        Accounts(BookkeepingProperties bookkeeping) {
            this.bookkeeping = bookkeeping;
        }

        private record Role(String property, String code, Set<String> types, String kind) {
        }

        @Override
        public String subject() {
            return "Xero accounts";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            if (context.xeroUnavailable().isPresent()) {
                return List.of(CheckLine.notChecked(subject(), "no Xero connection"));
            }
            List<Role> roles = List.of(
                    new Role("xero.revenue-account-code", bookkeeping.revenueAccountCode(), SALES_TYPES, "a sales account (REVENUE or SALES)"),
                    new Role("xero.shipping-account-code", bookkeeping.shippingAccountCode(), REVENUE_TYPES, "an income account (REVENUE, SALES or OTHERINCOME)"),
                    new Role("xero.surcharge-account-code", bookkeeping.surchargeAccountCode(), REVENUE_TYPES, "an income account (REVENUE, SALES or OTHERINCOME)"),
                    new Role("xero.discount-account-code", bookkeeping.discountAccountCode(), REVENUE_TYPES, "an income account (REVENUE, SALES or OTHERINCOME)"),
                    new Role("xero.gift-certificate-account-code", bookkeeping.giftCertificateAccountCode(), null, "any account but a bank account"),
                    new Role("xero.rounding-account-code", bookkeeping.roundingAccountCode(), null, "any account but a bank account"));
            Map<String, Account> accounts = context.accounts().stream().filter(a -> a.code() != null)
                    .collect(Collectors.toMap(Account::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            List<CheckLine> lines = new ArrayList<>();
            for (Role role : roles) {
                String subject = "account " + role.code() + " (" + role.property() + ")";
                Account account = accounts.get(role.code());
                String fix = "set " + role.property() + " (" + LaunchRequirements.envVar(role.property()) + ") to " + role.kind() + " of the organisation";
                if (account == null) {
                    lines.add(CheckLine.fail(subject, "does not exist in the organisation", fix));
                } else if (!account.isActive()) {
                    lines.add(CheckLine.fail(subject, account.name() + " is " + account.status() + ", not ACTIVE", "make it ACTIVE in Xero, or " + fix));
                } else if (role.types() == null ? "BANK".equals(account.type()) : !role.types().contains(account.type())) {
                    lines.add(CheckLine.fail(subject, account.name() + " is of type " + account.type() + ", not " + role.kind(), fix));
                } else {
                    lines.add(CheckLine.ok(subject, account.name() + ", " + account.type() + ", ACTIVE"));
                }
            }
            return lines;
        }
    }

    /**
     * The tax types the configuration names exist and are ACTIVE: {@code xero.tax-types.*}, {@code xero.untaxed-tax-type},
     * {@code xero.item-tax-type}. (Which rate each CS-Cart tax resolves to is the tax plan's line.)
     */
    @Component
    @Order(FirstRunCheck.XERO_TAX_TYPES)
    static class TaxTypes implements FirstRunCheck {
        private final BookkeepingProperties bookkeeping;

        TaxTypes(BookkeepingProperties bookkeeping) {
            this.bookkeeping = bookkeeping;
        }

        @Override
        public String subject() {
            return "Xero tax types";
        }

        @Override
        public List<CheckLine> check(CheckContext context) {
            if (context.xeroUnavailable().isPresent()) {
                return List.of(CheckLine.notChecked(subject(), "no Xero connection"));
            }
            Map<String, String> configured = new LinkedHashMap<>();
            bookkeeping.taxTypes().forEach((ids, type) -> configured.putIfAbsent(type, "xero.tax-types." + ids));
            configured.putIfAbsent(bookkeeping.untaxedTaxType(), "xero.untaxed-tax-type");
            if (bookkeeping.hasItemTaxType()) {
                configured.putIfAbsent(bookkeeping.itemTaxType(), "xero.item-tax-type");
            }
            Map<String, TaxRate> rates = context.taxRates().stream()
                    .collect(Collectors.toMap(TaxRate::taxType, Function.identity(), (a, b) -> a));
            List<String> problems = new ArrayList<>();
            configured.forEach((type, property) -> {
                TaxRate rate = rates.get(type);
                if (rate == null) {
                    problems.add(type + " (" + property + ") does not exist");
                } else if (!"ACTIVE".equals(rate.status())) {
                    problems.add(type + " (" + property + ") is " + rate.status());
                }
            });
            return List.of(problems.isEmpty() ? CheckLine.ok(subject(), String.join(", ", configured.keySet()) + " exist and are ACTIVE")
                    : CheckLine.fail(subject(), String.join("; ", problems), "use tax types the organisation has (GET /TaxRates: TaxType)"));
        }
    }
}
