package io.cscartxero.bookkeeping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroProperties;

/**
 * Where one organisation books sales: the default revenue account, the revenue accounts by product, category and
 * storefront, and up to two tracking categories. Today it is made from the flat {@code xero.*} keys
 * ({@link #of(XeroProperties)}); it is a value on purpose, so that a tenant's own settings (a storefront with its own
 * organisation) can later replace it whole for that tenant's runs.
 *
 * @param defaultRevenueAccount {@code xero.revenue-account-code}
 * @param byProduct             product_id → account code
 * @param byCategory            category_id → account code (also for the categories below it)
 * @param byStorefront          company_id → account code
 * @param tracking              the tracking categories in index order (0, 1 or 2)
 */
public record SalesBooking(String defaultRevenueAccount, Map<Long, String> byProduct, Map<Long, String> byCategory,
        Map<Long, String> byStorefront, List<TrackingDimension> tracking) {

    /** Xero allows two tracking entries per line and two active categories per organisation. */
    public static final int MAX_TRACKING = 2;

    public SalesBooking {
        byProduct = Map.copyOf(byProduct);
        byCategory = Map.copyOf(byCategory);
        byStorefront = Map.copyOf(byStorefront);
        tracking = List.copyOf(tracking);
    }

    /** @throws PreflightException naming the property when a key or value is unusable */
    public static SalesBooking of(XeroProperties xero) {
        XeroProperties.RevenueAccounts accounts = xero.revenueAccounts();
        List<TrackingDimension> dimensions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, XeroProperties.Tracking> e : new java.util.TreeMap<>(xero.tracking()).entrySet()) {
            int index;
            try {
                index = Integer.parseInt(e.getKey().strip());
            } catch (NumberFormatException ex) {
                index = -1;
            }
            if (index < 1 || index > MAX_TRACKING) {
                throw new PreflightException("xero.tracking." + e.getKey() + " is not a tracking category: use xero.tracking.1.* and"
                        + " xero.tracking.2.* (Xero allows two tracking categories per line)");
            }
            XeroProperties.Tracking t = e.getValue();
            String property = "xero.tracking." + index;
            if (t.name() == null || t.name().isBlank()) {
                throw new PreflightException(property + ".name is not set (the Xero tracking category, e.g. Channel)");
            }
            String name = TrackingOptions.optionName(t.name());
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new PreflightException(property + ".name '" + name + "' is the name of the other tracking category");
            }
            TrackingDimension.Source source;
            try {
                source = TrackingDimension.Source.of(t.source());
            } catch (IllegalArgumentException ex) {
                throw new PreflightException(property + ".source must be one of storefront, category-top, category-leaf, vendor,"
                        + " payment-method, billing-country (is '" + t.source() + "')");
            }
            dimensions.add(new TrackingDimension(index, name, source, t.options(), t.fallback()));
        }
        dimensions.sort(Comparator.comparingInt(TrackingDimension::index));
        return new SalesBooking(xero.revenueAccountCode().strip(), ids(accounts.product(), "xero.revenue-accounts.product"),
                ids(accounts.category(), "xero.revenue-accounts.category"), ids(accounts.storefront(), "xero.revenue-accounts.storefront"),
                dimensions);
    }

    private static Map<Long, String> ids(Map<String, String> mapped, String property) {
        Map<Long, String> out = new java.util.HashMap<>();
        mapped.forEach((key, code) -> {
            long id;
            try {
                id = Long.parseLong(key.strip());
            } catch (NumberFormatException e) {
                throw new PreflightException(property + "." + key + ": '" + key + "' is not an id");
            }
            if (code == null || code.isBlank()) {
                throw new PreflightException(property + "." + key + " is blank (an account code, e.g. 200)");
            }
            out.put(id, code.strip());
        });
        return out;
    }

    /** Whether any line could be on another account than the default. */
    public boolean mapsAccounts() {
        return !byProduct.isEmpty() || !byCategory.isEmpty() || !byStorefront.isEmpty();
    }

    public boolean tracks() {
        return !tracking.isEmpty();
    }

    /** Whether a line's account or tracking needs the product's main category. */
    public boolean needsCategories() {
        return !byCategory.isEmpty() || tracking.stream().anyMatch(d -> d.source().perProduct());
    }

    /** Every revenue account code a line may use (for the pre-flight: each must be ACTIVE), the default first. */
    public List<String> revenueAccountCodes() {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(defaultRevenueAccount);
        codes.addAll(new java.util.TreeMap<>(byProduct).values());
        codes.addAll(new java.util.TreeMap<>(byCategory).values());
        codes.addAll(new java.util.TreeMap<>(byStorefront).values());
        return List.copyOf(codes);
    }
}
