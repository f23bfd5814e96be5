package io.cscartxero.order;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import io.cscartxero.bookkeeping.LineBooking;
import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.bookkeeping.StoreCatalog;
import io.cscartxero.bookkeeping.TrackingOptions;
import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.StoreSettings;
import io.cscartxero.tax.TaxPlan;
import io.cscartxero.tax.TaxPlanService;
import io.cscartxero.xero.BookkeepingProperties;
import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroOrganisation;
import io.cscartxero.xero.XeroPreflight;
import io.cscartxero.xero.XeroTrackingCategories;
import io.cscartxero.xero.model.Currency;
import io.cscartxero.xero.model.TaxRate;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one order export run needs from both sides, settled when the first order is processed (a run with no order
 * to send makes no call): the store's primary currency (its {@link StoreSettings}, as every job reads them), the tax
 * plan for every tax combination on the run's orders (mapped, matched, created — or one message naming the lines to
 * add, exit code 2, before any invoice is sent), the invoice calculator and — unless it is a dry run, which must not
 * call Xero — the pre-flight: currency enabled in the organisation, every account ACTIVE, the untaxed tax type known.
 * A dry run computes lines at CS-Cart's rates.
 */
class OrderExportSettings {   // a class, not a record: step-scoped beans are proxied by subclassing

    private static final Logger log = LoggerFactory.getLogger(OrderExportSettings.class);

    private final String currency;
    private final ZoneId zone;
    private final InvoiceCalculator calculator;
    private final TaxPlan taxPlan;

    OrderExportSettings(String currency, ZoneId zone, InvoiceCalculator calculator, TaxPlan taxPlan) {
        this.currency = currency;
        this.zone = zone;
        this.calculator = calculator;
        this.taxPlan = taxPlan;
    }

    String currency() {
        return currency;
    }

    ZoneId zone() {
        return zone;
    }

    InvoiceCalculator calculator() {
        return calculator;
    }

    TaxPlan taxPlan() {
        return taxPlan;
    }

    static OrderExportSettings resolve(DataSource cscartDataSource, CsCartProperties properties, CsCartOrderQueries.Filter scope,
            BookkeepingProperties bookkeeping, XeroOrganisation organisation, XeroPreflight preflight, TaxPlanService taxPlans,
            StoreSettings store, boolean dryRun) {
        return resolve(cscartDataSource, properties, scope, bookkeeping, organisation, preflight, taxPlans, store, dryRun, null, null);
    }

    /**
     * @param sales    where lines are booked (accounts by product, category, storefront; tracking); null: the default
     *                 revenue account, untracked
     * @param tracking the Xero tracking categories (null when {@code sales} tracks nothing)
     */
    static OrderExportSettings resolve(DataSource cscartDataSource, CsCartProperties properties, CsCartOrderQueries.Filter scope,
            BookkeepingProperties bookkeeping, XeroOrganisation organisation, XeroPreflight preflight, TaxPlanService taxPlans,
            StoreSettings store, boolean dryRun, SalesBooking sales, XeroTrackingCategories tracking) {
        String currency = store.currency();
        if (currency == null) {
            throw new PreflightException("The CS-Cart store has no primary currency or several (currencies.is_primary='Y'); expected one"
                    + " (the check command names them)");
        }
        ZoneId zone = store.zone();
        InvoiceAccounts accounts = new InvoiceAccounts(bookkeeping.revenueAccountCode(), bookkeeping.shippingAccountCode(),
                bookkeeping.surchargeAccountCode(), bookkeeping.discountAccountCode(), bookkeeping.giftCertificateAccountCode(),
                bookkeeping.roundingAccountCode());
        if (!dryRun && organisation.currencies().stream().map(Currency::code).noneMatch(currency::equals)) {
            throw new PreflightException("Xero pre-flight failed: the store's primary currency " + currency
                    + " is not enabled in the Xero organisation");
        }
        long started = System.nanoTime();
        OrderTaxCombos.Scan scan = OrderTaxCombos.scan(cscartDataSource, properties, scope);
        log.info("Tax plan: {} tax combination(s) on {} taxed order(s) in scope, read in {} ms", scan.combos().size(), scan.orders(),
                (System.nanoTime() - started) / 1_000_000);
        TaxPlan plan = taxPlans.plan(scan.combos(), scan.orderCounts(), dryRun ? TaxPlanService.Mode.DRY_RUN : TaxPlanService.Mode.APPLY);
        if (!plan.ok()) {
            throw new PreflightException(plan.problems());
        }
        plan.created().forEach(e -> log.info("Tax plan: CS-Cart tax {} → new Xero tax rate {} \"{}\"", e.combo().label(),
                e.taxType(), e.xeroName()));
        LineBooking lineBooking = null;
        if (sales != null && (sales.mapsAccounts() || sales.tracks())) {
            lineBooking = new LineBooking(sales, new StoreCatalog(new NamedParameterJdbcTemplate(cscartDataSource), properties,
                    store.language()), new TrackingOptions(tracking, sales.tracking(), !dryRun));
        }
        List<String> accountCodes = new ArrayList<>(List.of(accounts.revenue(), accounts.shipping(), accounts.surcharge(),
                accounts.discount(), accounts.giftCertificate(), accounts.rounding()));
        if (lineBooking != null) {
            sales.revenueAccountCodes().stream().filter(c -> !accountCodes.contains(c)).forEach(accountCodes::add);
        }
        Map<String, BigDecimal> rates = new HashMap<>();
        if (dryRun) {
            rates.put(bookkeeping.untaxedTaxType(), BigDecimal.ZERO);
        } else {
            preflight.check(accountCodes, Set.of(bookkeeping.untaxedTaxType()));
            for (TaxRate rate : organisation.taxRates()) {
                if (rate.taxType().equals(bookkeeping.untaxedTaxType())) {
                    rates.put(rate.taxType(), rate.effectiveRate() == null ? BigDecimal.ZERO : rate.effectiveRate());
                }
            }
        }
        if (lineBooking != null && sales.tracks() && !dryRun) {
            // the categories (and fallback options) exist before the first invoice; a third active one stops the run here
            TrackingOptions options = lineBooking.options();
            options.prepare();
            int[] calls = options.calls();
            log.info("Tracking: {} categor(ies) configured; {} read(s), {} categor(ies) created in Xero", sales.tracking().size(),
                    calls[0], calls[1]);
        }
        try {
            return new OrderExportSettings(currency, zone, new InvoiceCalculator(accounts,
                    TaxMapping.of(plan, rates, bookkeeping.untaxedTaxType()), lineBooking), plan);
        } catch (IllegalArgumentException e) {
            throw new PreflightException("Tax mapping (xero.tax-types) is not usable: " + e.getMessage());
        }
    }
}
