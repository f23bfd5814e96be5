package io.cscartxero.tax;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The CS-Cart taxes applied together to one invoice line, each at the rate it was charged: what one Xero TaxType has
 * to stand for. Sorted by tax id (numerically when the ids are numbers), so the same taxes give the same key.
 */
public record TaxCombo(List<AppliedTax> taxes) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Xero's rates come with 4 decimals (8.2500), CS-Cart's with 3; a compound rate can have more. */
    public static final BigDecimal RATE_TOLERANCE = new BigDecimal("0.0001");

    public TaxCombo {
        if (taxes.isEmpty()) {
            throw new IllegalArgumentException("a tax combination needs at least one tax");
        }
        taxes = taxes.stream().sorted(Comparator.comparing(AppliedTax::taxId, TaxCombo::compareIds)).toList();
    }

    public static TaxCombo of(AppliedTax... taxes) {
        return new TaxCombo(List.of(taxes));
    }

    /** "6@12" for one tax, "8@8.875+9@2.5" for two: the form of {@code xero.tax-types.<key>}. */
    public String key() {
        return taxes.stream().map(AppliedTax::key).collect(Collectors.joining("+"));
    }

    /** "8+9": the ids alone, the form of {@code xero.tax-types.[8+9]}. */
    public String idsKey() {
        return taxes.stream().map(AppliedTax::taxId).collect(Collectors.joining("+"));
    }

    /** The property line that maps this combination: {@code xero.tax-types.6@12} or {@code xero.tax-types.[8@8.875+9@2.5]}. */
    public String property() {
        return "xero.tax-types." + (taxes.size() == 1 ? key() : "[" + key() + "]");
    }

    /** Prices include the taxes (all of them: an order mixing both is never invoiced). */
    public boolean inclusive() {
        return taxes.stream().allMatch(AppliedTax::included);
    }

    /** The rate the line is taxed at, as {@link #combinedRate(Collection, boolean)} computes it. */
    public BigDecimal combinedRate() {
        return combinedRate(taxes.stream().map(t -> Map.entry(t.priority(), t.rate())).toList(), inclusive());
    }

    /**
     * Σ rates of one priority; taxes added to the price compound across priorities (a higher priority is computed
     * on the price plus the lower ones, as CS-Cart's fn_calculate_tax_rates does), included ones just add.
     *
     * @param priorityAndRate (priority, rate in percent) per tax
     */
    public static BigDecimal combinedRate(Collection<Map.Entry<Integer, BigDecimal>> priorityAndRate, boolean inclusive) {
        if (inclusive) {
            return priorityAndRate.stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        Map<Integer, BigDecimal> byPriority = new TreeMap<>();
        priorityAndRate.forEach(t -> byPriority.merge(t.getKey(), t.getValue(), BigDecimal::add));
        BigDecimal factor = BigDecimal.ONE;
        for (BigDecimal rate : byPriority.values()) {
            factor = factor.multiply(BigDecimal.ONE.add(rate.divide(HUNDRED, MathContext.DECIMAL128)));
        }
        return factor.subtract(BigDecimal.ONE).multiply(HUNDRED);
    }

    /** Whether two rates are the same for Xero (4 decimals). */
    public static boolean sameRate(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.subtract(b).abs().compareTo(RATE_TOLERANCE) <= 0;
    }

    /**
     * The components of a Xero rate standing for these taxes: one per tax, named after it, compound when the tax is
     * added to the price at a higher priority than the lowest one (Xero computes a compound component on the amount
     * plus the non-compound components).
     */
    public List<Component> components() {
        int lowest = taxes.stream().mapToInt(AppliedTax::priority).min().orElse(0);
        List<Component> components = new ArrayList<>();
        for (AppliedTax t : taxes) {
            components.add(new Component(t.name().isBlank() ? "Tax " + t.taxId() : t.name(), t.rate(),
                    !inclusive() && t.priority() > lowest));
        }
        return components;
    }

    /**
     * The rate Xero computes from {@link #components()}: Σ simple + Σ compound × (1 + Σ simple / 100). Differs from
     * {@link #combinedRate()} only for three or more priorities, which one Xero rate cannot express.
     */
    public BigDecimal xeroEffectiveRate() {
        return effectiveRate(components());
    }

    public static BigDecimal effectiveRate(List<Component> components) {
        BigDecimal simple = components.stream().filter(c -> !c.compound()).map(Component::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal compound = components.stream().filter(Component::compound).map(Component::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        return simple.add(compound.multiply(BigDecimal.ONE.add(simple.divide(HUNDRED, MathContext.DECIMAL128))));
    }

    /** Xero's limit on a tax rate's name is not documented; 50 is the sandbox's (unverified). */
    static final int MAX_RATE_NAME = 50;

    /**
     * "VAT 12%", "Sales Tax 8.875% + County Tax 2.5%": the name of a Xero rate created for these taxes, at most 50
     * characters (cut the same way every time: the name is how a rerun finds a rate an earlier run created).
     */
    public String rateName() {
        String name = components().stream().map(c -> c.name() + " " + plain(c.rate()) + "%").collect(Collectors.joining(" + "));
        return name.length() <= MAX_RATE_NAME ? name : name.substring(0, MAX_RATE_NAME - 1).strip() + "…";
    }

    /** "6 (VAT) at 12 %", "8 (Sales Tax) at 8.875 % + 9 (County Tax) at 2.5 %". */
    public String label() {
        return taxes.stream().map(AppliedTax::label).collect(Collectors.joining(" + "));
    }

    /** One component of a Xero tax rate. */
    public record Component(String name, BigDecimal rate, boolean compound) {
    }

    /** 12.000 → "12", 8.8750 → "8.875". */
    public static String plain(BigDecimal rate) {
        BigDecimal stripped = rate.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped).toPlainString();
    }

    /** Numbers numerically, before other text. */
    static int compareIds(String a, String b) {
        boolean an = isNumber(a);
        boolean bn = isNumber(b);
        if (an && bn) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        if (an != bn) {
            return an ? -1 : 1;
        }
        return a.compareTo(b);
    }

    /** 1 to 18 ASCII digits (a long): what {@code \\d{1,18}} matched, without a regular expression per comparison. */
    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
