package io.cscartxero.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.cscartxero.tax.CreatedTaxRates.Created;
import io.cscartxero.tax.TaxPlan.Entry;
import io.cscartxero.tax.TaxPlan.Resolution;
import io.cscartxero.xero.model.TaxRate;

/**
 * Resolves each CS-Cart tax combination to a Xero TaxType, in this order:
 * <ol>
 * <li>an explicit {@code xero.tax-types.*} line (the most specific one), whose Xero rate must still equal the
 *     CS-Cart rate;</li>
 * <li>a rate the connector created earlier for it (remembered in the connector database) that is still ACTIVE, or
 *     an ACTIVE rate at this rate carrying the name the connector gives such a rate ("VAT 12%": created by an
 *     earlier run that died before remembering it);</li>
 * <li>the one ACTIVE Xero rate that can apply to revenue with this effective rate; among several, the one whose
 *     components have the CS-Cart taxes' rates;</li>
 * <li>with {@code xero.tax-rates.create-missing}: a new rate, one component per tax (compound for a tax added at a
 *     higher priority), created through {@link Creator} for the combinations on the run's orders — or, for a
 *     read-only plan, "would be created";</li>
 * <li>else a problem naming the lines to add (the candidates Xero has, when there are several).</li>
 * </ol>
 * Pure apart from the two callbacks; the same inputs give the same plan.
 */
public final class TaxPlanner {

    /** Creates one rate in Xero and returns it as Xero answered (with its TaxType). */
    @FunctionalInterface
    public interface Creator {
        TaxRate create(TaxCombo combo, TaxRate request);
    }

    /**
     * @param onOrders       rate key → combination seen on the orders in scope
     * @param orderCounts    rate key → how many orders
     * @param inCsCart       rate key → single-tax combination from CS-Cart's tax_rates
     * @param destinations   rate key → the destinations that have that rate
     * @param xeroRates      the organisation's rates; null for a dry run (Xero is not asked)
     * @param created        rate key → what the connector created earlier
     */
    public record Input(Map<String, TaxCombo> onOrders, Map<String, Long> orderCounts, Map<String, TaxCombo> inCsCart,
            Map<String, List<String>> destinations, TaxTypeRules rules, List<TaxRate> xeroRates, Map<String, Created> created,
            boolean createMissing) {
    }

    private final Input in;
    private final Creator creator;
    private final java.util.function.Consumer<Created> remember;

    /**
     * @param creator  null for a read-only plan (the {@code taxes} and {@code check} commands)
     * @param remember told of every rate created or found by name, to be remembered for the next run
     */
    public TaxPlanner(Input in, Creator creator, java.util.function.Consumer<Created> remember) {
        this.in = in;
        this.creator = creator;
        this.remember = remember;
    }

    public TaxPlan plan() {
        Map<String, TaxCombo> all = new LinkedHashMap<>(in.onOrders());
        in.inCsCart().forEach(all::putIfAbsent);
        List<TaxCombo> combos = new ArrayList<>(all.values());
        combos.sort(Comparator.comparing((TaxCombo c) -> c.taxes().get(0).taxId(), TaxCombo::compareIds)
                .thenComparing(c -> c.taxes().size()).thenComparing(c -> c.combinedRate()).thenComparing(c -> c.key()));
        List<Entry> entries = new ArrayList<>();
        for (TaxCombo combo : combos) {
            entries.add(resolve(combo, in.orderCounts().getOrDefault(combo.key(), 0L),
                    in.destinations().getOrDefault(combo.key(), List.of())));
        }
        return new TaxPlan(entries, in.createMissing());
    }

    private Entry resolve(TaxCombo combo, long orders, List<String> destinations) {
        BigDecimal rate = combo.combinedRate();
        TaxTypeRules.Rule rule = in.rules().find(combo);
        if (in.xeroRates() == null) {
            Created earlier = in.created().get(combo.key());
            // a placeholder TaxType where a run would match or create one: the dry-run report shows which lines need it
            String type = rule != null ? rule.taxType() : earlier != null ? earlier.taxType() : "NEW:" + combo.key();
            return new Entry(combo, orders, destinations, Resolution.NOT_CHECKED, type, null, rate,
                    "a dry run does not ask Xero; lines are computed at the CS-Cart rate", List.of());
        }
        Map<String, TaxRate> byType = new HashMap<>();
        in.xeroRates().forEach(r -> byType.putIfAbsent(r.taxType(), r));
        if (rule != null) {
            return mapped(combo, orders, destinations, rule, byType.get(rule.taxType()), rate);
        }
        Created earlier = in.created().get(combo.key());
        if (earlier != null) {
            TaxRate xero = byType.get(earlier.taxType());
            if (usable(xero, rate)) {
                return found(combo, orders, destinations, Resolution.CREATED_EARLIER, xero,
                        "created by the connector in an earlier run");
            }
        }
        List<TaxRate> candidates = in.xeroRates().stream().filter(r -> usable(r, rate)).toList();
        String name = combo.rateName();
        TaxRate ours = candidates.stream().filter(r -> r.name() != null && r.name().strip().equalsIgnoreCase(name)).findFirst().orElse(null);
        if (ours != null) {
            // carries the name the connector gives such a rate: created by an earlier run (which may have died before
            // remembering it)
            remember.accept(new Created(combo.key(), ours.taxType(), ours.name()));
            return found(combo, orders, destinations, Resolution.CREATED_EARLIER, ours,
                    "the Xero rate named \"" + ours.name() + "\" (the name the connector gives it)");
        }
        if (candidates.size() == 1) {
            return found(combo, orders, destinations, Resolution.MATCHED, candidates.get(0),
                    "the only ACTIVE revenue tax rate in Xero at " + TaxCombo.plain(rate(rate)) + " %");
        }
        List<TaxRate> sameComponents = candidates.stream().filter(r -> componentsMatch(r, combo)).toList();
        if (sameComponents.size() == 1) {
            return found(combo, orders, destinations, Resolution.MATCHED, sameComponents.get(0),
                    "the only ACTIVE revenue tax rate in Xero at " + TaxCombo.plain(rate(rate)) + " % whose components are these taxes' rates");
        }
        TaxRate named = in.xeroRates().stream().filter(r -> r.name() != null && r.name().strip().equalsIgnoreCase(name))
                .findFirst().orElse(null);
        List<String> candidateLines = candidates.stream().map(r -> combo.property() + "=" + r.taxType() + "    # " + r.name()).toList();
        String ambiguity = candidates.isEmpty() ? "Xero has no ACTIVE revenue tax rate at " + TaxCombo.plain(rate(rate)) + " %"
                : "Xero has " + candidates.size() + " ACTIVE revenue tax rates at " + TaxCombo.plain(rate(rate)) + " % ("
                        + candidates.stream().map(r -> r.taxType() + " \"" + r.name() + "\"").collect(Collectors.joining(", "))
                        + "), so which one is meant must be said";
        if (!TaxCombo.sameRate(combo.xeroEffectiveRate(), rate)) {
            return new Entry(combo, orders, destinations, Resolution.NOT_EXPRESSIBLE, null, null, null, ambiguity
                    + "; these taxes compound over more than two priorities, which one Xero rate cannot express: create a rate of "
                    + TaxCombo.plain(rate(rate)) + " % in Xero and map it", candidates.isEmpty()
                            ? List.of(combo.property() + "=<TaxType>") : candidateLines);
        }
        if (named != null) {
            return new Entry(combo, orders, destinations, Resolution.NONE, null, null, null, ambiguity + "; a Xero rate named \""
                    + named.name() + "\" exists but is " + describe(named) + ", so the connector cannot create one by that name",
                    candidates.isEmpty() ? List.of(combo.property() + "=<TaxType>") : candidateLines);
        }
        if (in.createMissing()) {
            TaxRate request = new TaxRate(name, null, null, null, null, null, null, combo.components().stream()
                    .map(c -> new TaxRate.TaxComponent(c.name(), c.rate().stripTrailingZeros(), c.compound(), null)).toList());
            if (creator == null || orders == 0) { // only rates an order of the run needs are created
                return new Entry(combo, orders, destinations, Resolution.WOULD_CREATE, null, name, rate(combo.xeroEffectiveRate()),
                        ambiguity + "; the next run creates \"" + name + "\"", List.of());
            }
            TaxRate createdRate = creator.create(combo, request);
            remember.accept(new Created(combo.key(), createdRate.taxType(), name));
            BigDecimal effective = createdRate.effectiveRate() != null ? createdRate.effectiveRate() : rate(combo.xeroEffectiveRate());
            return new Entry(combo, orders, destinations, Resolution.CREATED, createdRate.taxType(), name, effective,
                    ambiguity + "; created \"" + name + "\"", List.of());
        }
        List<String> lines = candidates.isEmpty() ? List.of(combo.property() + "=<TaxType>") : candidateLines;
        return new Entry(combo, orders, destinations, Resolution.NONE, null, null, null, ambiguity, lines);
    }

    private Entry mapped(TaxCombo combo, long orders, List<String> destinations, TaxTypeRules.Rule rule, TaxRate xero,
            BigDecimal rate) {
        String line = combo.property() + "=<TaxType>";
        if (xero == null) {
            return new Entry(combo, orders, destinations, Resolution.MAPPING_WRONG, null, null, null, rule.property() + "="
                    + rule.taxType() + " names a tax type the Xero organisation does not have", List.of(line));
        }
        if (!xero.isActive()) {
            return new Entry(combo, orders, destinations, Resolution.MAPPING_WRONG, null, xero.name(), null, rule.property()
                    + "=" + rule.taxType() + " names a Xero tax rate that is " + xero.status(), List.of(line));
        }
        if (!TaxCombo.sameRate(xero.effectiveRate(), rate)) {
            String rateLine = combo.property() + "=<TaxType of " + TaxCombo.plain(rate(rate)) + " %>";
            return new Entry(combo, orders, destinations, Resolution.MAPPING_WRONG, null, xero.name(), null,
                    "CS-Cart tax " + combo.label() + " is " + TaxCombo.plain(rate(rate)) + " % but its Xero tax type "
                            + xero.taxType() + " (" + rule.property() + ") is " + TaxCombo.plain(rate(xero.effectiveRate())) + " %",
                    List.of(rateLine));
        }
        return new Entry(combo, orders, destinations, Resolution.MAPPED, xero.taxType(), xero.name(), xero.effectiveRate(),
                rule.property() + "=" + rule.taxType(), List.of());
    }

    private static Entry found(TaxCombo combo, long orders, List<String> destinations, Resolution how, TaxRate xero, String why) {
        return new Entry(combo, orders, destinations, how, xero.taxType(), xero.name(), xero.effectiveRate(), why,
                List.of(combo.property() + "=" + xero.taxType()));
    }

    private static boolean usable(TaxRate r, BigDecimal rate) {
        return r != null && r.isActive() && r.revenue() && TaxCombo.sameRate(r.effectiveRate(), rate);
    }

    /** The rate's components are exactly the CS-Cart taxes' rates (in any order). */
    static boolean componentsMatch(TaxRate r, TaxCombo combo) {
        if (r.taxComponents().size() != combo.taxes().size()) {
            return false;
        }
        List<BigDecimal> xero = r.taxComponents().stream().map(c -> c.rate() == null ? BigDecimal.ZERO : c.rate())
                .map(BigDecimal::stripTrailingZeros).sorted().toList();
        List<BigDecimal> cscart = combo.taxes().stream().map(t -> t.rate().stripTrailingZeros()).sorted().toList();
        for (int i = 0; i < xero.size(); i++) {
            if (xero.get(i).compareTo(cscart.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static String describe(TaxRate r) {
        return r.isActive() ? (r.revenue() ? "at " + TaxCombo.plain(rate(r.effectiveRate())) + " %" : "not usable on revenue")
                : Objects.toString(r.status(), "not ACTIVE").toUpperCase(Locale.ROOT);
    }

    /** Rates shown with at most 4 decimals, as Xero shows them. */
    private static BigDecimal rate(BigDecimal r) {
        return r == null ? BigDecimal.ZERO : r.setScale(4, java.math.RoundingMode.HALF_UP);
    }
}
