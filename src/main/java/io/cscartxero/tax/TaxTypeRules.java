package io.cscartxero.tax;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The merchant's explicit {@code xero.tax-types.*} lines. A key names CS-Cart tax ids joined with '+', each optionally
 * with the rate it was charged at: {@code 6} (tax 6 at any rate), {@code 6@12} (tax 6 at 12 %), {@code [8+9]},
 * {@code [8@8.875+9@2.5]} (a line taxed by both, at these rates). The most specific rule wins: the one naming the
 * most rates.
 *
 * <p>Spring's binder drops '@' from a map key that is not in brackets ({@code 6@12} would bind as {@code 612}), so
 * the rules are read from the property names themselves when the environment is at hand.
 */
public final class TaxTypeRules {

    /** {@code xero.tax-types.6@12}, {@code xero.tax-types.[8+9]}, {@code xero.taxTypes[6]}, {@code XERO_TAXTYPES_6}. */
    private static final Pattern PROPERTY = Pattern.compile("(?i)^xero(?:\\.tax-?types|_tax_?types)(?:[._](.+)|(\\[.+]))$");
    private static final Pattern PART = Pattern.compile("\\s*([A-Za-z0-9_-]+)\\s*(?:@\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%?)?\\s*");

    /** One line: the taxes (rate null = any rate) → a Xero TaxType. */
    public record Rule(String key, Map<String, BigDecimal> rates, String taxType) {

        /** How many rates it names: a rule naming the rate wins over one that does not. */
        int specificity() {
            return (int) rates.values().stream().filter(r -> r != null).count();
        }

        boolean matches(TaxCombo combo) {
            if (combo.taxes().size() != rates.size()) {
                return false;
            }
            for (AppliedTax t : combo.taxes()) {
                if (!rates.containsKey(t.taxId())) {
                    return false;
                }
                BigDecimal rate = rates.get(t.taxId());
                if (rate != null && rate.compareTo(t.rate()) != 0) {
                    return false;
                }
            }
            return true;
        }

        public String property() {
            return "xero.tax-types." + (rates.size() == 1 && !key.contains("+") ? key : "[" + key + "]");
        }
    }

    private final List<Rule> rules;

    private TaxTypeRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static TaxTypeRules none() {
        return new TaxTypeRules(List.of());
    }

    /** @throws IllegalArgumentException naming the line when a key or a value is malformed */
    public static TaxTypeRules of(Map<String, String> keyToTaxType) {
        List<Rule> rules = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        keyToTaxType.forEach((rawKey, taxType) -> {
            Rule rule = parse(rawKey, taxType);
            if (seen.add(rule.key())) {
                rules.add(rule);
            }
        });
        rules.sort(Comparator.comparing(Rule::key));
        return new TaxTypeRules(rules);
    }

    /** The {@code xero.tax-types.*} lines of every property source (command line, files, environment variables). */
    public static TaxTypeRules from(ConfigurableEnvironment environment) {
        Map<String, String> found = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    Matcher m = PROPERTY.matcher(name);
                    if (m.matches() && !found.containsKey(key(m))) {
                        Object value = enumerable.getProperty(name); // the first source wins, as in Spring
                        found.put(key(m), value == null ? "" : environment.resolvePlaceholders(value.toString()));
                    }
                }
            }
        }
        return of(found);
    }

    private static String key(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    static Rule parse(String rawKey, String taxType) {
        String key = rawKey.strip();
        if (key.startsWith("[") && key.endsWith("]")) {
            key = key.substring(1, key.length() - 1);
        }
        String property = "xero.tax-types." + rawKey.strip();
        if (taxType == null || taxType.isBlank()) {
            throw new IllegalArgumentException(property + " is empty: give the Xero TaxType (e.g. OUTPUT or TAX001)");
        }
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        for (String part : key.split("\\+", -1)) {
            Matcher m = PART.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException(property + " is not understood: write a CS-Cart tax id, optionally with "
                        + "the rate it was charged at (6, 6@12, [8+9], [8@8.875+9@2.5])");
            }
            if (rates.containsKey(m.group(1))) {
                throw new IllegalArgumentException(property + " names tax " + m.group(1) + " twice");
            }
            rates.put(m.group(1), m.group(2) == null ? null : new BigDecimal(m.group(2)));
        }
        List<String> ids = new ArrayList<>(rates.keySet());
        ids.sort(TaxCombo::compareIds);
        Map<String, BigDecimal> sorted = new LinkedHashMap<>();
        ids.forEach(id -> sorted.put(id, rates.get(id)));
        String canonical = ids.stream().map(id -> sorted.get(id) == null ? id : id + "@" + TaxCombo.plain(sorted.get(id)))
                .collect(Collectors.joining("+"));
        return new Rule(canonical, sorted, taxType.strip());
    }

    /** The most specific rule for these taxes at these rates, or null. */
    public Rule find(TaxCombo combo) {
        Rule best = null;
        for (Rule rule : rules) {
            if (rule.matches(combo) && (best == null || rule.specificity() > best.specificity())) {
                best = rule;
            }
        }
        return best;
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }
}
