package io.cscartxero.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.cscartxero.bookkeeping.LineBooking;
import io.cscartxero.bookkeeping.SalesBooking;
import io.cscartxero.bookkeeping.StoreCatalog;
import io.cscartxero.bookkeeping.TrackingDimension;
import io.cscartxero.bookkeeping.TrackingOptions;
import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroProperties;
import io.cscartxero.xero.XeroTrackingCategories;
import io.cscartxero.xero.model.TrackingCategory;
import io.cscartxero.xero.model.TrackingOption;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The tracking plan: per configured category ({@code xero.tracking.<n>.*}) whether Xero has it (or it will be created
 * by the first run, or cannot be: two active categories already), then one line per value found in the store
 * (storefronts and vendors of the orders, payment methods and billing countries used by orders, main categories of
 * products) with the option it gets and whether that option is in Xero or will be created; values beyond Xero's ~100
 * options get a ✗ naming the fallback. Reads Xero ({@code GET /TrackingCategories}) and the store; writes nothing.
 */
@Component
@Order(FirstRunCheck.TRACKING_PLAN)
class TrackingPlanCheck implements FirstRunCheck {

    private static final String SUBJECT = "tracking";
    /** Value lines shown per category; the rest is summed up. */
    static final int MAX_VALUE_LINES = 30;

    private final XeroProperties xero;
    private final XeroTrackingCategories trackingCategories;

    TrackingPlanCheck(XeroProperties xero, XeroTrackingCategories trackingCategories) {
        this.xero = xero;
        this.trackingCategories = trackingCategories;
    }

    @Override
    public String subject() {
        return SUBJECT;
    }

    @Override
    public List<CheckLine> check(CheckContext context) {
        SalesBooking booking;
        try {
            booking = SalesBooking.of(xero);
        } catch (PreflightException e) {
            return List.of(CheckLine.fail(SUBJECT, e.getMessage(), "correct the property"));
        }
        if (!booking.tracks()) {
            return List.of(CheckLine.ok(SUBJECT, "none: no xero.tracking.* category configured, invoice lines are not tracked"));
        }
        if (context.storeTablesUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.storeTablesUnavailable().get()));
        }
        if (context.xeroUnavailable().isPresent()) {
            return List.of(CheckLine.notChecked(SUBJECT, context.xeroUnavailable().get()));
        }
        List<TrackingCategory> inXero = trackingCategories.all();
        long active = inXero.stream().filter(TrackingCategory::active).count();
        StoreCatalog catalog = new StoreCatalog(context.cscart(), context.cscartProperties(), context.storeSettings().settings().language());
        LineBooking lines = new LineBooking(booking, catalog, null);
        List<CheckLine> out = new ArrayList<>();
        for (TrackingDimension d : booking.tracking()) {
            String subject = d.property() + " '" + d.name() + "' (" + d.source().key() + ")";
            TrackingCategory category = inXero.stream().filter(c -> c.name() != null && c.name().equalsIgnoreCase(d.name())).findFirst()
                    .orElse(null);
            Set<String> options = new HashSet<>();
            if (category != null && category.active()) {
                category.options().stream().filter(TrackingOption::active).forEach(o -> options.add(key(o.name())));
                out.add(CheckLine.ok(subject, "in Xero, ACTIVE, " + options.size() + " active option(s)"));
            } else if (category != null) {
                out.add(CheckLine.fail(subject, "is " + category.status() + " in Xero", "restore it in Xero or choose another name"));
                continue;
            } else if (active >= TrackingOptions.MAX_ACTIVE_CATEGORIES) {
                out.add(CheckLine.fail(subject, "not in Xero, and Xero already has " + active + " active tracking categories, its limit",
                        "use one of them as " + d.property() + ".name or archive one in Xero"));
                continue;
            } else {
                active++;
                out.add(CheckLine.ok(subject, "not in Xero yet: the first order export creates it (PUT /TrackingCategories)"));
            }
            if (d.fallback() != null) {
                out.add(CheckLine.ok(subject + " fallback", "'" + d.fallback() + "' " + (options.contains(key(d.fallback()))
                        ? "is in Xero" : "will be created")));
            }
            Map<String, Long> values = values(context, d, catalog);
            int shown = 0;
            int created = 0;
            int beyond = 0;
            Map<String, Boolean> newOptions = new LinkedHashMap<>();
            for (Map.Entry<String, Long> v : values.entrySet()) {
                String wanted = lines.optionFor(d, v.getKey());
                String option = wanted == null ? null : TrackingOptions.optionName(wanted);
                String what = d.source().key() + " " + v.getKey() + " (" + v.getValue() + (d.source().perProduct() ? " products" : " orders") + ")";
                CheckLine line;
                if (option == null || option.isEmpty()) {
                    line = d.fallback() == null ? CheckLine.fail(subject, what + " has no option", "map it: " + d.property() + ".options."
                            + v.getKey() + "=<option>, or set " + d.property() + ".fallback")
                            : CheckLine.ok(subject, what + " → fallback '" + d.fallback() + "'");
                } else if (options.contains(key(option)) || newOptions.containsKey(key(option))) {
                    line = CheckLine.ok(subject, what + " → '" + option + "' (in Xero" + (newOptions.containsKey(key(option)) ? " after the first run)" : ")"));
                } else if (options.size() + newOptions.size() >= TrackingOptions.MAX_OPTIONS) {
                    beyond++;
                    line = CheckLine.fail(subject, what + " → '" + option + "' would be option " + (options.size() + newOptions.size() + 1)
                            + ", beyond Xero's ~" + TrackingOptions.MAX_OPTIONS, d.fallback() == null ? "set " + d.property()
                            + ".fallback or map values to fewer options" : "its lines get '" + d.fallback() + "'; map values to fewer options");
                } else {
                    created++;
                    newOptions.put(key(option), true);
                    line = CheckLine.ok(subject, what + " → '" + option + "' (not in Xero yet: created by the first run)");
                }
                if (shown < MAX_VALUE_LINES || !line.ok()) {
                    out.add(line);
                    shown++;
                }
            }
            out.add(CheckLine.ok(subject, values.size() + " value(s) in the store, " + created + " option(s) to create, " + beyond
                    + " beyond Xero's limit" + (values.size() > shown ? " (" + (values.size() - shown) + " more value lines not shown)" : "")));
        }
        return out;
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** The values of the store for this category with how many orders (products) have each, most used first. */
    private static Map<String, Long> values(CheckContext context, TrackingDimension d, StoreCatalog catalog) {
        String orders = context.cscartProperties().table("orders");
        String where = " WHERE is_parent_order <> 'Y' AND status <> 'N'" + context.cscartProperties().storefrontCondition("company_id");
        Map<String, Long> counts = new TreeMap<>();
        switch (d.source()) {
            case STOREFRONT, VENDOR -> context.cscart().query("SELECT company_id, COUNT(*) FROM " + orders + where + " GROUP BY company_id",
                    Map.of(), rs -> {
                        counts.merge(Long.toString(rs.getLong(1)), rs.getLong(2), Long::sum);
                    });
            case PAYMENT_METHOD -> context.cscart().query("SELECT payment_id, COUNT(*) FROM " + orders + where + " GROUP BY payment_id",
                    Map.of(), rs -> {
                        counts.merge(Long.toString(rs.getLong(1)), rs.getLong(2), Long::sum);
                    });
            case BILLING_COUNTRY -> context.cscart().query("SELECT b_country, COUNT(*) FROM " + orders + where + " GROUP BY b_country",
                    Map.of(), rs -> {
                        String c = rs.getString(1) == null ? "" : rs.getString(1).strip().toUpperCase(Locale.ROOT);
                        counts.merge(c, rs.getLong(2), Long::sum);
                    });
            case CATEGORY_LEAF, CATEGORY_TOP -> context.cscart().query("SELECT category_id, COUNT(*) FROM "
                    + context.cscartProperties().table("products_categories") + " WHERE link_type = 'M' GROUP BY category_id", Map.of(), rs -> {
                        long id = rs.getLong(1);
                        StoreCatalog.Category c = catalog.categories().get(id);
                        long value = d.source() == TrackingDimension.Source.CATEGORY_TOP && c != null ? c.top() : id;
                        counts.merge(Long.toString(value), rs.getLong(2), Long::sum);
                    });
            default -> { }
        }
        counts.remove("0");
        counts.remove("");
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
