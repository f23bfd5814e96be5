package io.cscartxero.tax;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettingsService;
import io.cscartxero.infra.DataSourcesConfiguration;
import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.XeroTaxRates;
import io.cscartxero.xero.model.TaxRate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the {@link TaxPlan} for a set of tax combinations (those on a run's orders, which the order package scans;
 * this package knows no feature) plus CS-Cart's own tax rates: reads the explicit mapping, CS-Cart's taxes, Xero's
 * rates and what the connector created earlier, and — for a run with {@code xero.tax-rates.create-missing=true} —
 * creates the missing rates in Xero, each once.
 */
@Component
public class TaxPlanService {

    /** What the plan may do. */
    public enum Mode {
        /** before a run sends anything: may create missing rates (when configured) */
        APPLY,
        /** {@code taxes}, {@code check}: reads Xero, writes nothing */
        READ_ONLY,
        /** a dry run: Xero is not asked at all */
        DRY_RUN
    }

    /** Countries whose Xero requires a ReportTaxType on a new rate; US and Global organisations do not accept one. */
    static final Set<String> REPORT_TAX_TYPE_COUNTRIES = Set.of("AU", "NZ", "GB");

    private static final Logger log = LoggerFactory.getLogger(TaxPlanService.class);

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties properties;
    private final ConfigurableEnvironment environment;
    private final XeroTaxRates xero;
    private final XeroProperties xeroProperties;
    private final CreatedTaxRates created;
    private final boolean createMissing;
    private final StoreSettingsService storeSettings;

    public TaxPlanService(@Qualifier(DataSourcesConfiguration.CSCART) NamedParameterJdbcTemplate cscart,
            CsCartProperties properties,
            ConfigurableEnvironment environment, XeroTaxRates xero, XeroProperties xeroProperties, CreatedTaxRates created,
            StoreSettingsService storeSettings) {
        this.storeSettings = storeSettings;
        this.cscart = cscart;
        this.properties = properties;
        this.environment = environment;
        this.xero = xero;
        this.xeroProperties = xeroProperties;
        this.created = created;
        this.createMissing = xeroProperties.taxRates().createMissing();
    }

    public boolean createMissing() {
        return createMissing;
    }

    /** The explicit {@code xero.tax-types.*} lines. @throws PreflightException when one is malformed */
    public TaxTypeRules rules() {
        try {
            return TaxTypeRules.from(environment);
        } catch (IllegalArgumentException e) {
            throw new PreflightException("Tax mapping is not usable: " + e.getMessage());
        }
    }

    /**
     * @param combos      rate key → combination on the orders in scope
     * @param orderCounts rate key → how many orders
     */
    public TaxPlan plan(Map<String, TaxCombo> combos, Map<String, Long> orderCounts, Mode mode) {
        TaxTypeRules rules = rules();
        CsCartTaxes store = CsCartTaxes.read(cscart.getJdbcTemplate(), properties.withLanguage(storeSettings.settings().language()));
        Map<String, TaxCombo> onOrders = new LinkedHashMap<>();
        combos.forEach((key, combo) -> onOrders.put(key, store.named(combo)));
        // a tax without a tax_descriptions row is named as the orders name it
        Map<String, String> orderNames = new HashMap<>();
        onOrders.values().forEach(c -> c.taxes().forEach(t -> {
            if (!t.name().isBlank()) {
                orderNames.putIfAbsent(t.taxId(), t.name());
            }
        }));
        Map<String, TaxCombo> inCsCart = new LinkedHashMap<>();
        store.rates().forEach((key, combo) -> inCsCart.put(key, new TaxCombo(combo.taxes().stream()
                .map(t -> t.name().isBlank() && orderNames.containsKey(t.taxId()) ? t.withName(orderNames.get(t.taxId())) : t).toList())));
        String tenant = xeroProperties.tenantKey();
        Map<String, CreatedTaxRates.Created> earlier = created.all(tenant);
        List<TaxRate> xeroRates = mode == Mode.DRY_RUN ? null : xero.all();
        TaxPlanner.Input input = new TaxPlanner.Input(onOrders, orderCounts, inCsCart, store.destinations(), rules, xeroRates,
                earlier, createMissing);
        TaxPlanner.Creator creator = mode == Mode.APPLY ? new Creating() : null;
        // only a run remembers: the read-only commands write nothing, not even to the connector database
        return new TaxPlanner(input, creator, mode == Mode.APPLY ? c -> created.remember(tenant, c) : c -> { }).plan();
    }

    /** Creates rates in Xero: asks the organisation's country once, never creates one name twice in a plan. */
    private final class Creating implements TaxPlanner.Creator {
        private String reportTaxType;
        private boolean countryKnown;
        private final Map<String, TaxRate> byName = new HashMap<>();

        @Override
        public TaxRate create(TaxCombo combo, TaxRate request) {
            TaxRate done = byName.get(request.name().toLowerCase(java.util.Locale.ROOT));
            if (done != null) {
                return done;
            }
            if (!countryKnown) {
                String country = xero.countryCode().toUpperCase(java.util.Locale.ROOT);
                reportTaxType = REPORT_TAX_TYPE_COUNTRIES.contains(country) ? "OUTPUT" : null;
                countryKnown = true;
            }
            TaxRate withReport = new TaxRate(request.name(), null, null, null, null, reportTaxType, null, request.taxComponents());
            try {
                TaxRate answered = xero.create(withReport);
                log.info("Created Xero tax rate {} \"{}\" ({} %) for CS-Cart tax {}", answered.taxType(), answered.name(),
                        answered.effectiveRate(), combo.label());
                byName.put(request.name().toLowerCase(java.util.Locale.ROOT), answered);
                return answered;
            } catch (XeroApiException.Validation | XeroApiException.BadRequest e) {
                throw new PreflightException("Xero refused to create the tax rate \"" + request.name() + "\" for CS-Cart tax "
                        + combo.label() + ": " + e.getMessage() + ". Create it in Xero and map it: " + combo.property() + "=<TaxType>");
            }
        }
    }
}
