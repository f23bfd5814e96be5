package io.cscartxero.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Xero TaxType each CS-Cart tax (or pair of taxes on one line) at each rate will use, and why: one entry per
 * combination seen on the orders of a run (or of the store) and per rate in CS-Cart's {@code tax_rates}. Built once
 * before a run sends anything ({@link TaxPlanService}); shown by the {@code taxes} and {@code check} commands.
 *
 * @param entries       in CS-Cart tax id order
 * @param createMissing {@code xero.tax-rates.create-missing}
 */
public record TaxPlan(List<Entry> entries, boolean createMissing) {

    /** How an entry got its TaxType. */
    public enum Resolution {
        /** an explicit {@code xero.tax-types.*} line */
        MAPPED("mapped", false),
        /** a rate the connector created in an earlier run (remembered, or found by its name) */
        CREATED_EARLIER("created earlier", false),
        /** the one ACTIVE revenue rate in Xero with this effective rate (components preferred) */
        MATCHED("matched", false),
        /** created in Xero by this run */
        CREATED("created", false),
        /** read-only plan with create-missing: a run would create it */
        WOULD_CREATE("would be created", false),
        /** dry run: Xero is not asked; the rate is taken from CS-Cart */
        NOT_CHECKED("not checked (dry run)", false),
        /** no mapping and no single match, and create-missing is off */
        NONE("none", true),
        /** the explicit mapping names a TaxType Xero does not have, or of another rate */
        MAPPING_WRONG("mapping does not fit", true),
        /** taxes over three or more priorities, which one Xero rate cannot compound */
        NOT_EXPRESSIBLE("cannot be expressed in Xero", true);

        private final String text;
        private final boolean problem;

        Resolution(String text, boolean problem) {
            this.text = text;
            this.problem = problem;
        }

        public String text() {
            return text;
        }

        public boolean problem() {
            return problem;
        }
    }

    /**
     * @param combo        the taxes and their rates
     * @param orders       orders in scope that apply this combination to a line (0: only in CS-Cart's tax_rates)
     * @param destinations CS-Cart destinations that have this rate (single taxes only)
     * @param taxType      the Xero TaxType lines will carry; null when there is none
     * @param xeroName     the Xero rate's name (or the name it would be created with)
     * @param xeroRate     its effective rate
     * @param why          one sentence for the operator
     * @param lines        property lines that would fix a problem (or pin the choice), ready to paste
     */
    public record Entry(TaxCombo combo, long orders, List<String> destinations, Resolution resolution, String taxType,
            String xeroName, BigDecimal xeroRate, String why, List<String> lines) {

        public Entry {
            destinations = List.copyOf(destinations);
            lines = List.copyOf(lines);
        }

        /** A problem that stops a run: the combination is on an order of the run. */
        public boolean blocking() {
            return resolution.problem() && orders > 0;
        }
    }

    public TaxPlan {
        entries = List.copyOf(entries);
    }

    /** True when every combination on the run's orders has a usable TaxType. */
    public boolean ok() {
        return entries.stream().noneMatch(Entry::blocking);
    }

    /** Rate key ("6@12", "8@8.875+9@2.5") → TaxType, for the entries that have one. */
    public Map<String, String> taxTypesByRateKey() {
        Map<String, String> types = new HashMap<>();
        entries.stream().filter(e -> e.taxType() != null).forEach(e -> types.put(e.combo().key(), e.taxType()));
        return types;
    }

    /** TaxType → effective rate, for the entries that have one. */
    public Map<String, BigDecimal> ratesByTaxType() {
        Map<String, BigDecimal> rates = new HashMap<>();
        entries.stream().filter(e -> e.taxType() != null && e.xeroRate() != null).forEach(e -> rates.put(e.taxType(), e.xeroRate()));
        return rates;
    }

    public List<Entry> created() {
        return entries.stream().filter(e -> e.resolution() == Resolution.CREATED).toList();
    }

    /**
     * One message for everything that stops a run: each combination with its reason, then the lines to add. Empty when
     * {@link #ok()}.
     */
    public String problems() {
        List<Entry> blocking = entries.stream().filter(Entry::blocking).toList();
        if (blocking.isEmpty()) {
            return "";
        }
        StringBuilder message = new StringBuilder("Taxes: " + blocking.size() + " CS-Cart tax rate"
                + (blocking.size() == 1 ? "" : "s") + " on the orders of this run " + (blocking.size() == 1 ? "has" : "have")
                + " no Xero tax type:");
        Set<String> lines = new LinkedHashSet<>();
        boolean creatable = false;
        for (Entry e : blocking) {
            message.append("\n  - CS-Cart tax ").append(e.combo().label()).append(" (").append(e.orders()).append(" order")
                    .append(e.orders() == 1 ? "" : "s").append("): ").append(e.why());
            lines.addAll(e.lines());
            creatable |= e.resolution() == Resolution.NONE;
        }
        message.append("\nAdd to the configuration:");
        for (String line : lines) {
            message.append("\n    ").append(line);
        }
        if (creatable && !createMissing) {
            message.append("\nor let the connector create the missing rates in Xero:\n    xero.tax-rates.create-missing=true");
        }
        return message.toString();
    }

    /** One line for {@code check}: "12 tax rates: 5 matched, 2 mapped, 1 would be created" or the problem count. */
    public String summary() {
        Map<Resolution, Long> counts = new LinkedHashMap<>();
        entries.stream().filter(e -> e.orders() > 0).forEach(e -> counts.merge(e.resolution(), 1L, Long::sum));
        long used = counts.values().stream().mapToLong(Long::longValue).sum();
        String parts = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().text())
                .collect(java.util.stream.Collectors.joining(", "));
        long blocking = entries.stream().filter(Entry::blocking).count();
        return used + " tax rate" + (used == 1 ? "" : "s") + " on orders" + (used == 0 ? "" : ": " + parts)
                + (blocking == 0 ? "" : " — " + blocking + " without a Xero tax type (run `taxes` for the lines to add)");
    }

    /** Entries grouped by their first tax id, for listing per CS-Cart tax. */
    public Map<String, List<Entry>> byTax() {
        Map<String, List<Entry>> grouped = new LinkedHashMap<>();
        for (Entry e : entries) {
            grouped.computeIfAbsent(e.combo().taxes().get(0).taxId(), k -> new ArrayList<>()).add(e);
        }
        return grouped;
    }
}
