package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The organisation of one tenant: its details, chart of accounts, tax rates, currencies and lock dates. Seeded on
 * creation and on {@link #reset()}; thread-safe.
 * <p>
 * <b>Organisation</b>: Version GLOBAL, CountryCode US, base currency USD, Timezone UTC (so "today" is the UTC date of
 * the sandbox clock), financial year ending 31 December, no lock dates. Subscribed currencies: USD and EUR.
 * <p>
 * <b>Chart of accounts</b> (codes of Xero's demo charts where one exists):
 * <table>
 *   <caption>seeded accounts</caption>
 *   <tr><th>Code</th><th>Name</th><th>Type / Class</th><th>TaxType</th><th>note</th></tr>
 *   <tr><td>090</td><td>Business Bank Account</td><td>BANK / ASSET</td><td>NONE</td><td>payments</td></tr>
 *   <tr><td>091</td><td>Business Savings Account</td><td>BANK / ASSET</td><td>NONE</td><td>payments</td></tr>
 *   <tr><td>200</td><td>Sales</td><td>REVENUE</td><td>OUTPUT2</td><td>products</td></tr>
 *   <tr><td>210</td><td>Freight Revenue</td><td>REVENUE</td><td>OUTPUT2</td><td>shipping lines</td></tr>
 *   <tr><td>215</td><td>Discounts Given</td><td>REVENUE</td><td>OUTPUT2</td><td>order discount lines</td></tr>
 *   <tr><td>260</td><td>Other Revenue</td><td>REVENUE</td><td>OUTPUT2</td><td>surcharges</td></tr>
 *   <tr><td>270</td><td>Interest Income</td><td>REVENUE</td><td>NONE</td><td></td></tr>
 *   <tr><td>299</td><td>Old Sales (archived)</td><td>REVENUE</td><td>OUTPUT2</td><td>Status ARCHIVED</td></tr>
 *   <tr><td>310</td><td>Cost of Goods Sold</td><td>DIRECTCOSTS / EXPENSE</td><td>INPUT2</td><td>COGS</td></tr>
 *   <tr><td>400</td><td>Advertising</td><td>OVERHEADS / EXPENSE</td><td>INPUT2</td><td></td></tr>
 *   <tr><td>404</td><td>Bank Fees</td><td>OVERHEADS / EXPENSE</td><td>NONE</td><td></td></tr>
 *   <tr><td>429</td><td>General Expenses</td><td>OVERHEADS / EXPENSE</td><td>INPUT2</td><td></td></tr>
 *   <tr><td>610</td><td>Accounts Receivable</td><td>CURRENT / ASSET</td><td>NONE</td><td>SystemAccount DEBTORS</td></tr>
 *   <tr><td>630</td><td>Inventory</td><td>INVENTORY / ASSET</td><td>NONE</td><td>tracked items</td></tr>
 *   <tr><td>800</td><td>Accounts Payable</td><td>CURRLIAB / LIABILITY</td><td>NONE</td><td>SystemAccount CREDITORS</td></tr>
 *   <tr><td>820</td><td>GST</td><td>CURRLIAB / LIABILITY</td><td>NONE</td><td>SystemAccount GST</td></tr>
 *   <tr><td>860</td><td>Rounding</td><td>CURRLIAB / LIABILITY</td><td>NONE</td><td>SystemAccount ROUNDING</td></tr>
 *   <tr><td>960</td><td>Retained Earnings</td><td>EQUITY</td><td>NONE</td><td>SystemAccount RETAINEDEARNINGS</td></tr>
 *   <tr><td>970</td><td>Owner A Funds Introduced</td><td>EQUITY</td><td>NONE</td><td>EnablePaymentsToAccount</td></tr>
 * </table>
 * <b>Tax rates</b> (a GST-style set; names as in Xero's NZ/AU demo companies):
 * OUTPUT2 "15% GST on Income" 15 %, OUTPUT "10% GST on Income" 10 %, ZERORATEDOUTPUT "Zero Rated Income" 0 %,
 * EXEMPTOUTPUT "Exempt Income" 0 %, NONE "No GST" 0 % (revenue and expenses); INPUT2 "15% GST on Expenses" 15 %,
 * INPUT "10% GST on Expenses" 10 % (expenses only); GSTONIMPORTS "GST on Imports" 0 % (liabilities only).
 */
final class OrgSettings {

    static final String BASE_CURRENCY = "USD";

    record Account(String accountId, String code, String name, String type, String accountClass, String status,
            String taxType, boolean enablePaymentsToAccount, String systemAccount, String description,
            Instant updatedDateUtc) {

        boolean active() {
            return "ACTIVE".equals(status);
        }

        boolean bank() {
            return "BANK".equals(type);
        }

        Account withStatus(String newStatus, Instant updated) {
            return new Account(accountId, code, name, type, accountClass, newStatus, taxType, enablePaymentsToAccount,
                    systemAccount, description, updated);
        }
    }

    /**
     * A tax rate. {@code rate} is the EffectiveRate (what invoices are taxed at), {@code displayRate} the
     * DisplayTaxRate (Σ component rates).
     */
    record TaxRate(String taxType, String name, String reportTaxType, BigDecimal rate, boolean canApplyToRevenue,
            boolean canApplyToExpenses, boolean canApplyToAssets, boolean canApplyToLiabilities,
            boolean canApplyToEquity, String status, BigDecimal displayRate, List<Component> components) {

        TaxRate(String taxType, String name, String reportTaxType, BigDecimal rate, boolean canApplyToRevenue,
                boolean canApplyToExpenses, boolean canApplyToAssets, boolean canApplyToLiabilities,
                boolean canApplyToEquity, String status) {
            this(taxType, name, reportTaxType, rate, canApplyToRevenue, canApplyToExpenses, canApplyToAssets,
                    canApplyToLiabilities, canApplyToEquity, status, rate, List.of(new Component("GST", rate, false)));
        }

        TaxRate {
            components = List.copyOf(components);
        }

        /** Whether the rate may be used on an account of this Class (ASSET, EQUITY, EXPENSE, LIABILITY, REVENUE). */
        boolean appliesTo(String accountClass) {
            return switch (accountClass) {
                case "REVENUE" -> canApplyToRevenue;
                case "EXPENSE" -> canApplyToExpenses;
                case "ASSET" -> canApplyToAssets;
                case "LIABILITY" -> canApplyToLiabilities;
                case "EQUITY" -> canApplyToEquity;
                default -> true;
            };
        }

        TaxRate withStatus(String newStatus) {
            return new TaxRate(taxType, name, reportTaxType, rate, canApplyToRevenue, canApplyToExpenses,
                    canApplyToAssets, canApplyToLiabilities, canApplyToEquity, newStatus, displayRate, components);
        }
    }

    /** One TaxComponent: a compound one is computed on the amount plus the simple components. */
    record Component(String name, BigDecimal rate, boolean compound) {
    }

    /**
     * EffectiveRate of components (4 dp): Σ simple + Σ compound × (1 + Σ simple / 100). How Xero combines compound
     * components is documented only as "Boolean to describe if Tax rate is compounded" (spec TaxComponent); this
     * is the usual reading (Canada's QST on GST) (unverified for several compound components).
     */
    static BigDecimal effectiveRate(List<Component> components) {
        BigDecimal simple = components.stream().filter(c -> !c.compound()).map(Component::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal compound = components.stream().filter(Component::compound).map(Component::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        return simple.add(compound.multiply(BigDecimal.ONE.add(simple.divide(BigDecimal.valueOf(100), java.math.MathContext.DECIMAL128))))
                .setScale(4, java.math.RoundingMode.HALF_UP);
    }

    /** Descriptions Xero shows for common codes; other codes are described by their code. */
    private static final Map<String, String> CURRENCY_NAMES = Map.of("USD", "United States Dollar", "EUR", "Euro",
            "GBP", "British Pound", "NZD", "New Zealand Dollar", "AUD", "Australian Dollar", "CAD", "Canadian Dollar",
            "JPY", "Japanese Yen", "CHF", "Swiss Franc");

    private final String organisationId;
    private final String name;
    private final Instant createdDateUtc;
    private final SandboxClock clock;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, TaxRate> taxRates = new LinkedHashMap<>();
    private final Map<String, String> currencies = new LinkedHashMap<>();
    private LocalDate periodLockDate;
    private LocalDate endOfYearLockDate;
    private String countryCode = "US";

    /** The organisation's tracking categories and options. */
    private final TrackingStore tracking = new TrackingStore();

    TrackingStore tracking() {
        return tracking;
    }

    OrgSettings(String organisationId, String name, SandboxClock clock) {
        this.organisationId = organisationId;
        this.name = name;
        this.clock = clock;
        this.createdDateUtc = clock.instant();
        reset();
    }

    String organisationId() {
        return organisationId;
    }

    String name() {
        return name;
    }

    Instant createdDateUtc() {
        return createdDateUtc;
    }

    String baseCurrency() {
        return BASE_CURRENCY;
    }

    /** Today in the organisation's timezone (UTC). */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    synchronized List<Account> accounts() {
        return new ArrayList<>(accounts.values());
    }

    /** By code, case-insensitively; null if unknown. */
    synchronized Account account(String code) {
        return code == null ? null : accounts.get(code.trim().toUpperCase(Locale.ROOT));
    }

    synchronized Account accountById(String accountId) {
        return accounts.values().stream().filter(a -> a.accountId().equals(accountId)).findFirst().orElse(null);
    }

    synchronized List<TaxRate> taxRates() {
        return new ArrayList<>(taxRates.values());
    }

    /** By TaxType, case-insensitively; null if unknown. */
    synchronized TaxRate taxRate(String taxType) {
        return taxType == null ? null : taxRates.get(taxType.trim().toUpperCase(Locale.ROOT));
    }

    /** Code → description, base currency first. */
    synchronized Map<String, String> currencies() {
        return new LinkedHashMap<>(currencies);
    }

    synchronized boolean subscribes(String currencyCode) {
        return currencyCode != null && currencies.containsKey(currencyCode.trim().toUpperCase(Locale.ROOT));
    }

    synchronized void addCurrency(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{3}")) throw new IllegalArgumentException("not an ISO 4217 code: " + code);
        currencies.putIfAbsent(c, CURRENCY_NAMES.getOrDefault(c, c));
    }

    /** A custom ACTIVE rate usable on every account class (replaces one with the same TaxType). */
    synchronized void addTaxRate(String taxType, String taxName, BigDecimal ratePercent) {
        String type = taxType == null ? "" : taxType.trim().toUpperCase(Locale.ROOT);
        if (type.isEmpty() || taxName == null || ratePercent == null || ratePercent.signum() < 0) {
            throw new IllegalArgumentException("a tax rate needs a TaxType, a name and a rate >= 0");
        }
        taxRates.put(type, new TaxRate(type, taxName, "OUTPUT", ratePercent, true, true, true, true, true, "ACTIVE"));
    }

    /** Organisation.CountryCode: US (seeded), AU, NZ, GB... It decides whether tax rates take a ReportTaxType. */
    synchronized String countryCode() {
        return countryCode;
    }

    synchronized void setCountryCode(String code) {
        String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) throw new IllegalArgumentException("not an ISO 3166 country code: " + code);
        countryCode = c;
    }

    /**
     * A new rate as {@code PUT /TaxRates} creates it: the next free TaxType TAX001, TAX002... ("All new tax rates
     * added have a TaxType of the format TAX001, TAX002 etc."), ACTIVE. The caller has validated it.
     */
    synchronized TaxRate createTaxRate(String taxName, String reportTaxType, List<Component> components) {
        int next = 1;
        for (String type : taxRates.keySet()) {
            if (type.matches("TAX\\d{3,}")) next = Math.max(next, Integer.parseInt(type.substring(3)) + 1);
        }
        String type = String.format(Locale.ROOT, "TAX%03d", next);
        // sales rates (OUTPUT...) on revenue, purchase rates (INPUT...) on expenses; without a ReportTaxType (US,
        // Global) both (unverified: the spec's PUT example, ReportTaxType INPUT, answers CanApplyToRevenue false)
        boolean purchase = reportTaxType != null && reportTaxType.contains("INPUT");
        boolean sale = reportTaxType != null && !purchase;
        BigDecimal display = components.stream().map(Component::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        TaxRate rate = new TaxRate(type, taxName, reportTaxType, effectiveRate(components), !purchase, !sale, true, true,
                true, "ACTIVE", display, components);
        taxRates.put(type, rate);
        return rate;
    }

    /** Replaces a rate (POST /TaxRates). */
    synchronized void updateTaxRate(TaxRate rate) {
        taxRates.put(rate.taxType(), rate);
    }

    /** Adds an ACTIVE sales account (type REVENUE, default tax OUTPUT2), as someone would in Xero's chart of accounts. */
    synchronized void addSalesAccount(String code, String accountName) {
        account(clock.instant(), code, accountName, "REVENUE", "REVENUE", "ACTIVE", "OUTPUT2", false, "", null);
    }

    synchronized void archiveAccount(String code) {
        Account account = account(code);
        if (account == null) throw new IllegalArgumentException("no account with code " + code);
        accounts.put(account.code(), account.withStatus("ARCHIVED", clock.instant()));
    }

    synchronized LocalDate periodLockDate() {
        return periodLockDate;
    }

    synchronized LocalDate endOfYearLockDate() {
        return endOfYearLockDate;
    }

    synchronized void setPeriodLockDate(LocalDate date) {
        periodLockDate = date;
    }

    synchronized void setEndOfYearLockDate(LocalDate date) {
        endOfYearLockDate = date;
    }

    /**
     * The error for a document dated {@code date}, or null when the date is not locked. Xero stops changes "on and
     * before" a lock date. The app is treated as a user without the adviser role, so the later of both dates applies
     * (unverified). Wording from a real end-of-year message (waynerobinson/xeroizer#92); the period variant is
     * modelled on it (unverified).
     */
    synchronized String lockError(LocalDate date) {
        if (date == null) return null;
        if (endOfYearLockDate != null && !date.isAfter(endOfYearLockDate)) {
            return "The document date cannot be before the end of year lock date, currently set at "
                    + lockDateText(endOfYearLockDate);
        }
        if (periodLockDate != null && !date.isAfter(periodLockDate)) {
            return "The document date cannot be before the period lock date, currently set at "
                    + lockDateText(periodLockDate);
        }
        return null;
    }

    /** Back to the seeded organisation: accounts, tax rates, USD + EUR, no lock dates. */
    synchronized void reset() {
        tracking.clear();
        accounts.clear();
        taxRates.clear();
        currencies.clear();
        countryCode = "US";
        periodLockDate = null;
        endOfYearLockDate = null;
        Instant now = clock.instant();
        account(now, "090", "Business Bank Account", "BANK", "ASSET", "ACTIVE", "NONE", false, "", null);
        account(now, "091", "Business Savings Account", "BANK", "ASSET", "ACTIVE", "NONE", false, "", null);
        account(now, "200", "Sales", "REVENUE", "REVENUE", "ACTIVE", "OUTPUT2", false, "",
                "Income from any normal business activity");
        account(now, "210", "Freight Revenue", "REVENUE", "REVENUE", "ACTIVE", "OUTPUT2", false, "",
                "Shipping and handling charged to customers");
        account(now, "215", "Discounts Given", "REVENUE", "REVENUE", "ACTIVE", "OUTPUT2", false, "",
                "Discounts granted on sales");
        account(now, "260", "Other Revenue", "REVENUE", "REVENUE", "ACTIVE", "OUTPUT2", false, "",
                "Any other income that does not relate to normal business activities");
        account(now, "270", "Interest Income", "REVENUE", "REVENUE", "ACTIVE", "NONE", false, "", null);
        account(now, "299", "Old Sales", "REVENUE", "REVENUE", "ARCHIVED", "OUTPUT2", false, "",
                "Archived: no longer used");
        account(now, "310", "Cost of Goods Sold", "DIRECTCOSTS", "EXPENSE", "ACTIVE", "INPUT2", false, "", null);
        account(now, "400", "Advertising", "OVERHEADS", "EXPENSE", "ACTIVE", "INPUT2", false, "", null);
        account(now, "404", "Bank Fees", "OVERHEADS", "EXPENSE", "ACTIVE", "NONE", false, "", null);
        account(now, "429", "General Expenses", "OVERHEADS", "EXPENSE", "ACTIVE", "INPUT2", false, "", null);
        account(now, "610", "Accounts Receivable", "CURRENT", "ASSET", "ACTIVE", "NONE", false, "DEBTORS", null);
        account(now, "630", "Inventory", "INVENTORY", "ASSET", "ACTIVE", "NONE", false, "", null);
        account(now, "800", "Accounts Payable", "CURRLIAB", "LIABILITY", "ACTIVE", "NONE", false, "CREDITORS", null);
        account(now, "820", "GST", "CURRLIAB", "LIABILITY", "ACTIVE", "NONE", false, "GST", null);
        account(now, "860", "Rounding", "CURRLIAB", "LIABILITY", "ACTIVE", "NONE", false, "ROUNDING", null);
        account(now, "960", "Retained Earnings", "EQUITY", "EQUITY", "ACTIVE", "NONE", false, "RETAINEDEARNINGS",
                null);
        account(now, "970", "Owner A Funds Introduced", "EQUITY", "EQUITY", "ACTIVE", "NONE", true, "", null);

        tax("OUTPUT2", "15% GST on Income", "OUTPUT", "15", true, false, true, true, true);
        tax("OUTPUT", "10% GST on Income", "OUTPUT", "10", true, false, true, true, true);
        tax("ZERORATEDOUTPUT", "Zero Rated Income", "OUTPUT", "0", true, false, true, true, true);
        tax("EXEMPTOUTPUT", "Exempt Income", "EXEMPTOUTPUT", "0", true, false, true, true, true);
        tax("NONE", "No GST", "NONE", "0", true, true, true, true, true);
        tax("INPUT2", "15% GST on Expenses", "INPUT", "15", false, true, true, true, true);
        tax("INPUT", "10% GST on Expenses", "INPUT", "10", false, true, true, true, true);
        tax("GSTONIMPORTS", "GST on Imports", "GSTONIMPORTS", "0", false, false, false, true, false);

        addCurrency(BASE_CURRENCY);
        addCurrency("EUR");
    }

    private void account(Instant now, String code, String accountName, String type, String accountClass,
            String status, String taxType, boolean payments, String systemAccount, String description) {
        // stable ids per tenant and code, so that AccountIDs survive reset()
        String id = UUID.nameUUIDFromBytes((organisationId + "/account/" + code).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
        accounts.put(code, new Account(id, code, accountName, type, accountClass, status, taxType, payments,
                systemAccount, description, now));
    }

    private void tax(String taxType, String taxName, String reportTaxType, String rate, boolean revenue,
            boolean expenses, boolean assets, boolean liabilities, boolean equity) {
        taxRates.put(taxType, new TaxRate(taxType, taxName, reportTaxType, new BigDecimal(rate), revenue, expenses,
                assets, liabilities, equity, "ACTIVE"));
    }

    private static String lockDateText(LocalDate date) {
        return java.time.format.DateTimeFormatter.ofPattern("dd-MMM-yyyy", Locale.ENGLISH).format(date);
    }
}
