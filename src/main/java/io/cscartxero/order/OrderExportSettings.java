package io.cscartxero.order;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.sync.BookkeepingProperties;
import io.cscartxero.sync.PreflightException;
import io.cscartxero.sync.XeroPreflight;
import io.cscartxero.xero.XeroOrganisation;
import io.cscartxero.xero.model.Currency;
import io.cscartxero.xero.model.TaxRate;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one order export run needs from both sides, settled when the first order is processed (a run with no order
 * to send makes no call): the store's primary currency,
 * the invoice calculator (accounts and tax mapping with Xero's rates) and — unless it is a dry run, which must not
 * call Xero — the pre-flight: currency enabled in the organisation, every account ACTIVE, every tax type known.
 * A dry run takes the rates from CS-Cart's own tax_rates instead.
 */
class OrderExportSettings {   // a class, not a record: step-scoped beans are proxied by subclassing

    private final String currency;
    private final ZoneId zone;
    private final InvoiceCalculator calculator;

    OrderExportSettings(String currency, ZoneId zone, InvoiceCalculator calculator) {
        this.currency = currency;
        this.zone = zone;
        this.calculator = calculator;
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

    static OrderExportSettings resolve(JdbcTemplate cscart, CsCartOrderQueries queries, BookkeepingProperties bookkeeping,
            XeroOrganisation organisation, XeroPreflight preflight, ZoneId zone, boolean dryRun) {
        List<String> primary = cscart.queryForList(queries.primaryCurrencyQuery(), String.class);
        if (primary.size() != 1) {
            throw new PreflightException("The CS-Cart store has " + primary.size() + " primary currencies (currencies.is_primary='Y'); expected one");
        }
        String currency = primary.get(0);
        InvoiceAccounts accounts = new InvoiceAccounts(bookkeeping.revenueAccountCode(), bookkeeping.shippingAccountCode(),
                bookkeeping.surchargeAccountCode(), bookkeeping.discountAccountCode(), bookkeeping.giftCertificateAccountCode(),
                bookkeeping.roundingAccountCode());
        Set<String> taxTypes = new LinkedHashSet<>(bookkeeping.taxTypes().values());
        taxTypes.add(bookkeeping.untaxedTaxType());
        Map<String, BigDecimal> rates = new HashMap<>();
        if (dryRun) {
            Map<String, BigDecimal> cscartRates = new HashMap<>();
            cscart.query(queries.taxRatesQuery(), rs -> {
                cscartRates.put(rs.getString(1), rs.getBigDecimal(2));
            });
            bookkeeping.taxTypes().forEach((ids, type) -> rates.put(type, java.util.Arrays.stream(ids.split("\\+"))
                    .map(id -> cscartRates.getOrDefault(id.strip(), BigDecimal.ZERO)).reduce(BigDecimal.ZERO, BigDecimal::add)));
            rates.put(bookkeeping.untaxedTaxType(), BigDecimal.ZERO);
        } else {
            List<String> problems = new ArrayList<>();
            if (organisation.currencies().stream().map(Currency::code).noneMatch(currency::equals)) {
                problems.add("the store's primary currency " + currency + " is not enabled in the Xero organisation");
            }
            if (!problems.isEmpty()) {
                throw new PreflightException("Xero pre-flight failed: " + String.join("; ", problems));
            }
            preflight.check(List.of(accounts.revenue(), accounts.shipping(), accounts.surcharge(), accounts.discount(),
                    accounts.giftCertificate(), accounts.rounding()), taxTypes);
            for (TaxRate rate : organisation.taxRates()) {
                if (taxTypes.contains(rate.taxType())) {
                    rates.put(rate.taxType(), rate.effectiveRate() == null ? BigDecimal.ZERO : rate.effectiveRate());
                }
            }
        }
        try {
            return new OrderExportSettings(currency, zone, new InvoiceCalculator(accounts,
                    new TaxMapping(bookkeeping.taxTypes(), rates, bookkeeping.untaxedTaxType())));
        } catch (IllegalArgumentException e) {
            throw new PreflightException("Tax mapping (xero.tax-types) is not usable: " + e.getMessage());
        }
    }
}
