package io.cscartxero.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Pre-flight endpoints (Xero's API docs: organisation, currencies, accounts and tax rates): {@code GET /Accounts[/{AccountID}]}, {@code GET /TaxRates[/{TaxType}]},
 * {@code GET /Currencies}, {@code GET /Organisation}, none paged; and {@code PUT /TaxRates} (create) /
 * {@code POST /TaxRates} (create or update) — see {@link #writeTaxRates}. Other writes are not simulated (404).
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
        boolean taxRateWrite = endpoint.equals("taxrates") && subPath.isEmpty()
                && (request.method().equals("PUT") || request.method().equals("POST"));
        if (!request.method().equals("GET") && !taxRateWrite) return XeroErrors.notFound(); // other writes: not simulated
        try {
            if (taxRateWrite) return writeTaxRates(request, org, request.method().equals("PUT"));
            return switch (endpoint) {
                case "accounts" -> accounts(request, subPath, org);
                case "taxrates" -> subPath.isEmpty() ? taxRates(request, org) : taxRate(subPath.substring(1), org);
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

    private SandboxResponse taxRate(String taxType, OrgSettings org) {
        TaxRate rate = org.taxRate(taxType);
        if (rate == null) return XeroErrors.notFound();
        ObjectNode envelope = XeroJson.envelope(clock.instant());
        envelope.putArray("TaxRates").add(render(rate));
        return SandboxResponse.json(200, envelope);
    }

    private static final java.util.Set<String> TAX_RATE_ELEMENTS = java.util.Set.of("Name", "TaxType", "TaxComponents",
            "Status", "ReportTaxType");
    /** Read-only fields a client may echo back; Xero ignores them. */
    private static final java.util.Set<String> TAX_RATE_READ_ONLY = java.util.Set.of("CanApplyToAssets", "CanApplyToEquity",
            "CanApplyToExpenses", "CanApplyToLiabilities", "CanApplyToRevenue", "DisplayTaxRate", "EffectiveRate");
    private static final java.util.Set<String> COMPONENT_ELEMENTS = java.util.Set.of("Name", "Rate", "IsCompound",
            "IsNonRecoverable");
    /** Countries whose organisations require a ReportTaxType on a new rate; "US and Global versions do not support" it. */
    static final java.util.Set<String> REPORT_TAX_TYPE_COUNTRIES = java.util.Set.of("AU", "NZ", "GB");
    /** The spec's ReportTaxType values that AU/NZ/UK organisations use for sales and purchase rates. */
    static final java.util.Set<String> REPORT_TAX_TYPES = java.util.Set.of("OUTPUT", "INPUT", "EXEMPTOUTPUT", "EXEMPTINPUT",
            "EXEMPTEXPENSES", "INPUTTAXED", "BASEXCLUDED", "GSTONIMPORTS", "NONE", "ECOUTPUT", "ECOUTPUTSERVICES", "ECINPUT",
            "ECACQUISITIONS", "CAPITALSALESOUTPUT", "CAPITALEXPENSESINPUT", "MOSSSALES", "REVERSECHARGES", "ZERORATEDOUTPUT",
            "ZERORATEDINPUT");

    /**
     * {@code PUT /TaxRates} creates, {@code POST /TaxRates} creates or updates (by TaxType, else by Name). Rules (the
     * messages are modelled, unverified; the rules are cited):
     * <ul>
     * <li>a Name and at least one TaxComponent with a Name and a Rate ≥ 0 (CData's Xero docs: "the Name field must be
     *     set in addition to at least one tax component");</li>
     * <li>Name unique among the organisation's rates that are not DELETED (unverified);</li>
     * <li>ReportTaxType "required only for AU, NZ & UK based organisations. Note – US and Global versions do not
     *     support the ReportTaxType element" (developer.xero.com, quoted in waynerobinson/xeroizer#325; "not
     *     permitted when creating a tax type for a global organisation", calcinai/xero-php#323): required there,
     *     refused elsewhere;</li>
     * <li>IsNonRecoverable "only applicable to Canadian organisations" (spec TaxComponent);</li>
     * <li>Xero assigns TaxType TAX001, TAX002...; a new rate is ACTIVE; EffectiveRate compounds compound components,
     *     DisplayTaxRate is Σ component rates, both to 4 dp.</li>
     * </ul>
     * Every element is validated first; one invalid element fails the request (400 ValidationException) and nothing
     * is saved (unverified; Xero documents one rate per request for POST, xero-ruby#200).
     */
    private SandboxResponse writeTaxRates(SandboxRequest request, OrgSettings org, boolean createOnly) {
        List<ObjectNode> elements = XeroInput.elements(request, "TaxRates", "TaxRate");
        List<ObjectNode> failed = new java.util.ArrayList<>();
        List<java.util.function.Supplier<TaxRate>> saves = new java.util.ArrayList<>();
        java.util.Set<String> namesInRequest = new java.util.HashSet<>();
        synchronized (org) {
            for (ObjectNode element : elements) {
                XeroInput.checkElements(element, TAX_RATE_ELEMENTS, TAX_RATE_READ_ONLY);
                List<String> errors = new java.util.ArrayList<>();
                String rawName = XeroInput.text("Name", element.get("Name"));
                String name = rawName == null ? null : rawName.strip();
                String taxType = XeroInput.text("TaxType", element.get("TaxType"));
                String status = XeroInput.text("Status", element.get("Status"));
                String report = XeroInput.text("ReportTaxType", element.get("ReportTaxType"));
                TaxRate existing = createOnly ? null : taxType != null && !taxType.isBlank() ? org.taxRate(taxType)
                        : name == null ? null : org.taxRates().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElse(null);
                if (!createOnly && taxType != null && !taxType.isBlank() && existing == null) {
                    errors.add("The TaxType code '" + taxType + "' does not exist."); // unverified
                }
                int errorsBefore = errors.size();
                List<OrgSettings.Component> components = components(element, org, errors);
                boolean componentErrors = errors.size() > errorsBefore;
                if (existing == null) {
                    List<String> required = new java.util.ArrayList<>();
                    if (name == null || name.isEmpty()) required.add("The tax rate name is required."); // unverified
                    if ((components == null || components.isEmpty()) && !componentErrors) {
                        required.add("At least one tax component is required."); // unverified
                    }
                    errors.addAll(0, required);
                }
                String finalName = name == null || name.isEmpty() ? existing == null ? null : existing.name() : name;
                if (finalName != null) {
                    boolean taken = org.taxRates().stream().anyMatch(t -> !"DELETED".equals(t.status())
                            && t.name().equalsIgnoreCase(finalName) && (existing == null || !t.taxType().equals(existing.taxType())));
                    if (taken || !namesInRequest.add(finalName.toLowerCase(Locale.ROOT))) {
                        errors.add("A tax rate with the name '" + finalName + "' already exists."); // unverified
                    }
                    if (finalName.length() > 50) errors.add("The tax rate name must not exceed 50 characters."); // unverified
                }
                boolean needsReport = REPORT_TAX_TYPE_COUNTRIES.contains(org.countryCode());
                if (report != null && !report.isBlank()) {
                    if (!needsReport) {
                        errors.add("ReportTaxType is not supported for organisations in " + org.countryCode() + "."); // unverified
                    } else if (!REPORT_TAX_TYPES.contains(report.strip().toUpperCase(Locale.ROOT))) {
                        errors.add("'" + report + "' is not a valid ReportTaxType."); // unverified
                    }
                } else if (needsReport && existing == null) {
                    errors.add("ReportTaxType is required for organisations in " + org.countryCode() + "."); // unverified
                }
                if (status != null && !java.util.Set.of("ACTIVE", "DELETED", "ARCHIVED").contains(status.strip().toUpperCase(Locale.ROOT))) {
                    errors.add("'" + status + "' is not a valid tax rate Status."); // unverified
                }
                if (!errors.isEmpty()) {
                    ObjectNode echo = element.deepCopy();
                    echo.set("ValidationErrors", ItemJson.validationErrors(errors));
                    failed.add(echo);
                    continue;
                }
                String reportType = report == null || report.isBlank() ? null : report.strip().toUpperCase(Locale.ROOT);
                if (existing == null) {
                    saves.add(() -> {
                        TaxRate created = org.createTaxRate(finalName, reportType, components);
                        if (status != null && !status.equalsIgnoreCase("ACTIVE")) {
                            created = created.withStatus(status.strip().toUpperCase(Locale.ROOT));
                            org.updateTaxRate(created);
                        }
                        return created;
                    });
                } else {
                    List<OrgSettings.Component> newComponents = components == null || components.isEmpty() ? existing.components() : components;
                    saves.add(() -> {
                        TaxRate updated = new TaxRate(existing.taxType(), finalName,
                                reportType == null ? existing.reportTaxType() : reportType, OrgSettings.effectiveRate(newComponents),
                                existing.canApplyToRevenue(), existing.canApplyToExpenses(), existing.canApplyToAssets(),
                                existing.canApplyToLiabilities(), existing.canApplyToEquity(),
                                status == null ? existing.status() : status.strip().toUpperCase(Locale.ROOT),
                                newComponents.stream().map(OrgSettings.Component::rate).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add),
                                newComponents);
                        org.updateTaxRate(updated);
                        return updated;
                    });
                }
            }
            if (!failed.isEmpty()) return XeroErrors.validation(failed);
            ObjectNode envelope = XeroJson.envelope(clock.instant());
            ArrayNode array = envelope.putArray("TaxRates");
            saves.forEach(save -> array.add(render(save.get())));
            return SandboxResponse.json(200, envelope);
        }
    }

    /** The TaxComponents of an element; null when the element has none. Problems go to {@code errors}. */
    private static List<OrgSettings.Component> components(ObjectNode element, OrgSettings org, List<String> errors) {
        tools.jackson.databind.JsonNode node = element.get("TaxComponents");
        if (node == null || node.isNull()) return null;
        List<tools.jackson.databind.JsonNode> list = new java.util.ArrayList<>();
        if (node.isArray()) node.forEach(list::add);
        else if (node.isObject() && node.has("TaxComponent")) {
            tools.jackson.databind.JsonNode inner = node.get("TaxComponent");
            if (inner.isArray()) inner.forEach(list::add); else list.add(inner);
        } else if (node.isObject()) list.add(node);
        else throw new XeroApiException(XeroInput.wrongType("TaxComponents"));
        List<OrgSettings.Component> components = new java.util.ArrayList<>();
        for (tools.jackson.databind.JsonNode c : list) {
            if (!(c instanceof ObjectNode component)) throw new XeroApiException(XeroInput.wrongType("TaxComponent"));
            XeroInput.checkElements(component, COMPONENT_ELEMENTS, java.util.Set.of());
            String name = XeroInput.text("Name", component.get("Name"));
            java.math.BigDecimal rate = XeroInput.decimal("Rate", component.get("Rate"));
            Boolean compound = XeroInput.bool("IsCompound", component.get("IsCompound"));
            Boolean nonRecoverable = XeroInput.bool("IsNonRecoverable", component.get("IsNonRecoverable"));
            if (name == null || name.isBlank()) errors.add("The tax component name is required."); // unverified
            if (rate == null) errors.add("The tax component rate is required."); // unverified
            else if (rate.signum() < 0) errors.add("The tax component rate must not be negative."); // unverified
            if (Boolean.TRUE.equals(nonRecoverable) && !"CA".equals(org.countryCode())) {
                errors.add("Non-recoverable rates are only applicable to Canadian organisations."); // spec wording
            }
            if (name != null && rate != null && rate.signum() >= 0) {
                // "Tax Rate (up to 4dp)": more decimals are rounded (unverified)
                components.add(new OrgSettings.Component(name.strip(), rate.setScale(4, java.math.RoundingMode.HALF_UP),
                        Boolean.TRUE.equals(compound)));
            }
        }
        return components;
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
        o.put("CountryCode", org.countryCode());
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
        if (t.reportTaxType() != null) n.put("ReportTaxType", t.reportTaxType());
        n.put("CanApplyToAssets", t.canApplyToAssets());
        n.put("CanApplyToEquity", t.canApplyToEquity());
        n.put("CanApplyToExpenses", t.canApplyToExpenses());
        n.put("CanApplyToLiabilities", t.canApplyToLiabilities());
        n.put("CanApplyToRevenue", t.canApplyToRevenue());
        n.put("DisplayTaxRate", XeroJson.scaled(t.displayRate(), 4));
        n.put("EffectiveRate", XeroJson.scaled(t.rate(), 4));
        n.put("Status", t.status());
        ArrayNode components = n.putArray("TaxComponents");
        for (OrgSettings.Component c : t.components()) {
            ObjectNode component = components.addObject();
            component.put("Name", c.name());
            component.put("Rate", XeroJson.scaled(c.rate(), 4));
            component.put("IsCompound", c.compound());
            component.put("IsNonRecoverable", false);
        }
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
        f.put("DisplayTaxRate", Field.decimal(TaxRate::displayRate));
        return new Schema<>("TaxRate", f);
    }

    private static Schema<Map.Entry<String, String>> currencySchema() {
        Map<String, Field<Map.Entry<String, String>>> f = new LinkedHashMap<>();
        f.put("Code", Field.string(Map.Entry::getKey));
        f.put("Description", Field.string(Map.Entry::getValue));
        return new Schema<>("Currency", f);
    }
}
