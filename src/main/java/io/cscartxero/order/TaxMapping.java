package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which Xero TaxType stands for which CS-Cart taxes at which rates, and the rate Xero will apply for it.
 *
 * @param taxTypes       CS-Cart tax id → Xero TaxType whatever the rate; a line taxed by several taxes is looked up by
 *                       their ids sorted and joined with '+' ("3+5"), so a combined Xero rate can be configured for it
 *                       (the keys are normalised, "5+3" works too)
 * @param ratesByTaxType Xero TaxType → its rate in percent, as {@code GET /TaxRates} reports it (EffectiveRate)
 * @param untaxedTaxType the TaxType of lines no tax applies to (e.g. NONE); its rate must be 0
 * @param byRateKey      the resolved tax plan: rate key ("6@12", "8@8.875+9@2.5", see {@link io.cscartxero.tax.TaxCombo#key})
 *                       → Xero TaxType; looked up first
 */
public record TaxMapping(Map<String, String> taxTypes, Map<String, BigDecimal> ratesByTaxType, String untaxedTaxType,
        Map<String, String> byRateKey) {

    public TaxMapping(Map<String, String> taxTypes, Map<String, BigDecimal> ratesByTaxType, String untaxedTaxType) {
        this(taxTypes, ratesByTaxType, untaxedTaxType, Map.of());
    }

    /** The mapping a resolved tax plan gives: every combination it resolved, with the rates Xero has for them. */
    public static TaxMapping of(io.cscartxero.tax.TaxPlan plan, Map<String, BigDecimal> otherRates, String untaxedTaxType) {
        Map<String, BigDecimal> rates = new HashMap<>(otherRates);
        rates.putAll(plan.ratesByTaxType());
        return new TaxMapping(Map.of(), rates, untaxedTaxType, plan.taxTypesByRateKey());
    }

    public TaxMapping {
        byRateKey = byRateKey == null ? Map.of() : Map.copyOf(byRateKey);
        for (Map.Entry<String, String> e : byRateKey.entrySet()) {
            if (!ratesByTaxType.containsKey(e.getValue())) {
                throw new IllegalArgumentException("CS-Cart tax " + e.getKey() + " resolves to Xero tax type " + e.getValue()
                        + ", which has no known rate");
            }
        }
        if (untaxedTaxType == null || untaxedTaxType.isBlank()) {
            throw new IllegalArgumentException("the tax type for untaxed lines is not set");
        }
        Map<String, String> normalised = new HashMap<>();
        for (Map.Entry<String, String> e : taxTypes.entrySet()) {
            String ids = e.getKey();
            String type = e.getValue();
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("CS-Cart tax " + ids + " is mapped to no Xero tax type");
            }
            if (!ratesByTaxType.containsKey(type)) {
                throw new IllegalArgumentException("CS-Cart tax " + ids + " is mapped to Xero tax type " + type
                        + ", which has no known rate");
            }
            normalised.put(key(Arrays.asList(ids.split("\\+"))), type);
        }
        BigDecimal untaxedRate = ratesByTaxType.get(untaxedTaxType);
        if (untaxedRate != null && untaxedRate.signum() != 0) {
            throw new IllegalArgumentException("the untaxed tax type " + untaxedTaxType + " has a rate of " + untaxedRate + " %");
        }
        taxTypes = Map.copyOf(normalised);
        ratesByTaxType = Map.copyOf(ratesByTaxType);
    }

    /** "3+5" for taxes 5 and 3: ids sorted numerically when they are numbers, else as text. */
    public static String key(Collection<String> taxIds) {
        return taxIds.stream().map(String::strip).distinct()
                .sorted(Comparator.comparing((String id) -> !id.matches("\\d{1,18}"))
                        .thenComparing(id -> id.matches("\\d{1,18}") ? Long.parseLong(id) : 0L)
                        .thenComparing(Comparator.naturalOrder()))
                .collect(Collectors.joining("+"));
    }

    /** The Xero TaxType for lines taxed by exactly these CS-Cart taxes (a {@link #key} or a single id), or null. */
    public String taxTypeFor(String key) {
        return taxTypes.get(key);
    }

    /** The Xero TaxType the plan resolved for lines taxed by exactly these taxes at these rates ("6@12"), or null. */
    public String taxTypeForRates(String rateKey) {
        return byRateKey.get(rateKey);
    }

    /** The rate of a Xero TaxType in percent; 0 for the untaxed type when no rate was given for it. */
    public BigDecimal rateOf(String taxType) {
        BigDecimal rate = ratesByTaxType.get(taxType);
        if (rate == null && Objects.equals(taxType, untaxedTaxType)) {
            return BigDecimal.ZERO;
        }
        return rate;
    }
}
