package io.cscartxero.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.cscartxero.sandbox.OrgSettings.Account;
import io.cscartxero.sandbox.OrgSettings.TaxRate;
import io.cscartxero.sandbox.WhereFilter.Field;
import io.cscartxero.sandbox.WhereFilter.Schema;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Read-only pre-flight endpoints (docs/xero-api.md §11): {@code GET /Accounts[/{AccountID}]}, {@code GET /TaxRates},
 * {@code GET /Currencies}, {@code GET /Organisation}. None is paged. Writes to them are not simulated (404).
 */
final class SettingsEndpoints {

    static final Schema<Account> ACCOUNTS = accountSchema();
    static final Schema<TaxRate> TAX_RATES = taxRateSchema();
    static final Schema<Map.Entry<String, String>> CURRENCIES = currencySchema();

    private final SandboxClock clock;

    SettingsEndpoints(SandboxClock clock) {
        this.clock = clock;
    }

    /** @param endpoint lower-case first path segment; {@code subPath} the rest, "" or "/{id}" */
    SandboxResponse handle(SandboxRequest request, String endpoint, String subPath, OrgSettings org) {
        if (!request.method().equals("GET")) return XeroErrors.notFound(); // writes are not simulated
        try {
            return switch (endpoint) {
                case "accounts" -> accounts(request, subPath, org);
                case "taxrates" -> subPath.isEmpty() ? taxRates(request, org) : XeroErrors.notFound();
                case "currencies" -> subPath.isEmpty() ? currencies(request, org) : XeroErrors.notFound();
                case "organisation" -> subPath.isEmpty() ? organisation(org) : XeroErrors.notFound();
                default -> XeroErrors.notFound();
            };
        } catch (XeroApiException e) {
            return e.response();
        }
    }

    private SandboxResponse accounts(SandboxRequest request, String subPath, OrgSettings org) {
        Stream<Account> stream = org.accounts().stream();
        if (!subPath.isEmpty()) {
            String id = subPath.substring(1);
            if (!ContactJson.looksLikeGuid(id)) return XeroErrors.notFound();
            String accountId = ContactJson.guidOrNull(id);
            stream = stream.filter(a -> a.accountId().equals(accountId));
        } else {
            stream = stream.filter(where(request, ACCOUNTS));
            Instant since = ContactsEndpoint.ifModifiedSince(request.header("If-Modified-Since"));
            if (since != null) stream = stream.filter(a -> !a.updatedDateUtc().isBefore(since));
        }
        List<Account> matches = stream.toList();
        if (!subPath.isEmpty() && matches.isEmpty()) return XeroErrors.notFound();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("Accounts");
        matches.forEach(a -> array.add(render(a, org)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse taxRates(SandboxRequest request, OrgSettings org) {
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("TaxRates");
        org.taxRates().stream().filter(where(request, TAX_RATES)).forEach(t -> array.add(render(t)));
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse currencies(SandboxRequest request, OrgSettings org) {
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ArrayNode array = envelope.putArray("Currencies");
        org.currencies().entrySet().stream().filter(where(request, CURRENCIES)).forEach(c -> {
            ObjectNode node = array.addObject();
            node.put("Code", c.getKey());
            node.put("Description", c.getValue());
        });
        return SandboxResponse.json(200, envelope);
    }

    private SandboxResponse organisation(OrgSettings org) {
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        ObjectNode o = envelope.putArray("Organisations").addObject();
        o.put("APIKey", "SANDBOX" + org.organisationId().replace("-", "").substring(0, 20).toUpperCase());
        o.put("Name", org.name());
        o.put("LegalName", org.name());
        o.put("PaysTax", true);
        o.put("Version", "GLOBAL");
        o.put("OrganisationType", "COMPANY");
        o.put("BaseCurrency", org.baseCurrency());
        o.put("CountryCode", "US");
        o.put("IsDemoCompany", false);
        o.put("OrganisationStatus", "ACTIVE");
        o.put("FinancialYearEndDay", 31);
        o.put("FinancialYearEndMonth", 12);
        o.put("SalesTaxBasis", "ACCRUALS");
        o.put("SalesTaxPeriod", "QUARTERLY");
        o.put("DefaultSalesTax", "Tax Exclusive");
        o.put("DefaultPurchasesTax", "Tax Exclusive");
        // "Shown if set"
        if (org.periodLockDate() != null) o.put("PeriodLockDate", XeroJson.msDate(org.periodLockDate()));
        if (org.endOfYearLockDate() != null) o.put("EndOfYearLockDate", XeroJson.msDate(org.endOfYearLockDate()));
        o.put("CreatedDateUTC", XeroJson.msDateNoOffset(org.createdDateUtc()));
        o.put("OrganisationEntityType", "COMPANY");
        o.put("Timezone", "UTC");
        o.put("ShortCode", "!sbx" + org.organisationId().substring(0, 2));
        o.put("OrganisationID", org.organisationId());
        o.put("Edition", "BUSINESS");
        o.put("Class", "PREMIUM");
        o.putArray("Addresses");
        o.putArray("Phones");
        o.putArray("ExternalLinks");
        o.putObject("PaymentTerms");
        return SandboxResponse.json(200, envelope);
    }

    // ---- rendering ----

    static ObjectNode render(Account a, OrgSettings org) {
        ObjectNode n = XeroJson.object();
        n.put("AccountID", a.accountId());
        n.put("Code", a.code());
        n.put("Name", a.name());
        n.put("Status", a.status());
        n.put("Type", a.type());
        n.put("TaxType", a.taxType());
        if (a.description() != null) n.put("Description", a.description());
        n.put("Class", a.accountClass());
        if (!a.systemAccount().isEmpty()) n.put("SystemAccount", a.systemAccount());
        n.put("EnablePaymentsToAccount", a.enablePaymentsToAccount());
        n.put("ShowInExpenseClaims", false);
        if (a.bank()) {
            n.put("BankAccountNumber", "0209087654321" + a.code());
            n.put("BankAccountType", "BANK");
            n.put("CurrencyCode", org.baseCurrency());
        }
        n.put("HasAttachments", false);
        n.put("UpdatedDateUTC", XeroJson.msDate(a.updatedDateUtc()));
        n.put("AddToWatchlist", false);
        return n;
    }

    static ObjectNode render(TaxRate t) {
        ObjectNode n = XeroJson.object();
        n.put("Name", t.name());
        n.put("TaxType", t.taxType());
        n.put("ReportTaxType", t.reportTaxType());
        n.put("CanApplyToAssets", t.canApplyToAssets());
        n.put("CanApplyToEquity", t.canApplyToEquity());
        n.put("CanApplyToExpenses", t.canApplyToExpenses());
        n.put("CanApplyToLiabilities", t.canApplyToLiabilities());
        n.put("CanApplyToRevenue", t.canApplyToRevenue());
        n.put("DisplayTaxRate", XeroJson.scaled(t.rate(), 4));
        n.put("EffectiveRate", XeroJson.scaled(t.rate(), 4));
        n.put("Status", t.status());
        ObjectNode component = n.putArray("TaxComponents").addObject();
        component.put("Name", "GST");
        component.put("Rate", XeroJson.scaled(t.rate(), 4));
        component.put("IsCompound", false);
        component.put("IsNonRecoverable", false);
        return n;
    }

    // ---- where ----

    private static <T> Predicate<T> where(SandboxRequest request, Schema<T> schema) {
        String where = request.param("where");
        return where == null || where.isBlank() ? t -> true : WhereFilter.compile(where, schema);
    }

    private static Schema<Account> accountSchema() {
        Map<String, Field<Account>> f = new LinkedHashMap<>();
        f.put("AccountID", Field.string(Account::accountId));
        f.put("Code", Field.string(Account::code));
        f.put("Name", Field.string(Account::name));
        f.put("Status", Field.string(Account::status));
        f.put("Type", Field.string(Account::type));
        f.put("Class", Field.string(Account::accountClass));
        f.put("TaxType", Field.string(Account::taxType));
        f.put("SystemAccount", Field.string(Account::systemAccount));
        f.put("Description", Field.string(Account::description));
        f.put("EnablePaymentsToAccount", Field.bool(Account::enablePaymentsToAccount));
        f.put("ShowInExpenseClaims", Field.bool(a -> Boolean.FALSE));
        f.put("UpdatedDateUTC", Field.dateTime(Account::updatedDateUtc));
        return new Schema<>("Account", f);
    }

    private static Schema<TaxRate> taxRateSchema() {
        Map<String, Field<TaxRate>> f = new LinkedHashMap<>();
        f.put("TaxType", Field.string(TaxRate::taxType));
        f.put("Name", Field.string(TaxRate::name));
        f.put("Status", Field.string(TaxRate::status));
        f.put("ReportTaxType", Field.string(TaxRate::reportTaxType));
        f.put("CanApplyToRevenue", Field.bool(TaxRate::canApplyToRevenue));
        f.put("CanApplyToExpenses", Field.bool(TaxRate::canApplyToExpenses));
        f.put("CanApplyToAssets", Field.bool(TaxRate::canApplyToAssets));
        f.put("CanApplyToLiabilities", Field.bool(TaxRate::canApplyToLiabilities));
        f.put("CanApplyToEquity", Field.bool(TaxRate::canApplyToEquity));
        f.put("EffectiveRate", Field.decimal(TaxRate::rate));
        f.put("DisplayTaxRate", Field.decimal(TaxRate::rate));
        return new Schema<>("TaxRate", f);
    }

    private static Schema<Map.Entry<String, String>> currencySchema() {
        Map<String, Field<Map.Entry<String, String>>> f = new LinkedHashMap<>();
        f.put("Code", Field.string(Map.Entry::getKey));
        f.put("Description", Field.string(Map.Entry::getValue));
        return new Schema<>("Currency", f);
    }
}
