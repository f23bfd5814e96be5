package io.cscartxero.bookkeeping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.xero.PreflightException;
import io.cscartxero.xero.XeroApiException;
import io.cscartxero.xero.XeroTrackingCategories;
import io.cscartxero.xero.model.TrackingCategory;
import io.cscartxero.xero.model.TrackingOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured tracking categories and their options as they are in Xero, made to exist once per run: one
 * {@code GET /TrackingCategories} when the run first needs them, one {@code PUT /TrackingCategories} per category Xero
 * lacks and one {@code PUT /TrackingCategories/{id}/Options} per option it lacks, each remembered for the run. Xero's
 * limits: two ACTIVE categories per organisation (a third cannot be created: the run stops before anything is sent,
 * naming the category), about 100 options per category (beyond: the line gets the fallback option, or goes without
 * the category, with one error line in the log per option). Names are compared as Xero does, ignoring case. Without
 * {@code apply} (a dry run) nothing is asked of Xero and every wanted option is taken as it is.
 */
public final class TrackingOptions {

    private static final Logger log = LoggerFactory.getLogger(TrackingOptions.class);

    /** Xero's limit on category and option names. */
    public static final int MAX_NAME = 100;
    /** Xero's limits: ACTIVE categories per organisation, options per category (a soft limit, "about 100"). */
    public static final int MAX_ACTIVE_CATEGORIES = 2;
    public static final int MAX_OPTIONS = 100;

    private final XeroTrackingCategories api;
    private final List<TrackingDimension> dimensions;
    private final boolean apply;
    private boolean prepared;
    /** category name (lower case) → the category as Xero has it */
    private final Map<String, TrackingCategory> categories = new HashMap<>();
    /** category name (lower case) → option name (lower case) → option name as in Xero (ACTIVE options) */
    private final Map<String, Map<String, String>> options = new HashMap<>();
    /** category name (lower case) → option names (lower case) Xero has but not as ACTIVE */
    private final Map<String, Set<String>> inactive = new HashMap<>();
    /** wanted options that could not get one of their own, reported once each */
    private final Set<String> reported = new HashSet<>();
    private int categoriesCreated;
    private int optionsCreated;
    private int reads;

    public TrackingOptions(XeroTrackingCategories api, List<TrackingDimension> dimensions, boolean apply) {
        this.api = api;
        this.dimensions = List.copyOf(dimensions);
        this.apply = apply;
    }

    /** A name as Xero takes it: blanks and control characters collapsed, at most 100 characters. */
    public static String optionName(String raw) {
        String s = raw == null ? "" : raw.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        if (s.length() > MAX_NAME) {
            int end = Character.isHighSurrogate(s.charAt(MAX_NAME - 1)) ? MAX_NAME - 1 : MAX_NAME;
            s = s.substring(0, end).strip();
        }
        return s;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * Reads Xero's categories (once) and creates the configured ones it lacks, and their fallback options.
     *
     * @throws PreflightException when a category cannot be had (a third active one, archived, refused); nothing is sent
     */
    public synchronized void prepare() {
        if (prepared || dimensions.isEmpty()) {
            prepared = true;
            return;
        }
        prepared = true;
        if (!apply) {
            return;
        }
        List<TrackingCategory> all = api.all();
        reads++;
        for (TrackingCategory c : all) {
            if (c.active()) {
                remember(c);
            }
        }
        long active = all.stream().filter(TrackingCategory::active).count();
        List<String> problems = new ArrayList<>();
        for (TrackingDimension d : dimensions) {
            if (categories.containsKey(key(d.name()))) {
                continue;
            }
            TrackingCategory archived = all.stream().filter(c -> !c.active() && key(c.name()).equals(key(d.name()))).findFirst().orElse(null);
            if (archived != null && "ARCHIVED".equalsIgnoreCase(archived.status())) {
                problems.add(d.property() + ".name: the tracking category '" + d.name() + "' is archived in Xero; restore it in"
                        + " Xero (Settings → Tracking categories) or choose another name");
                continue;
            }
            if (active >= MAX_ACTIVE_CATEGORIES) {
                problems.add(d.property() + ".name: Xero has no tracking category '" + d.name() + "' and already has "
                        + MAX_ACTIVE_CATEGORIES + " active ones (" + String.join(", ", categories.values().stream()
                                .map(TrackingCategory::name).sorted().toList()) + "), its limit; use one of them as "
                        + d.property() + ".name or archive one in Xero");
                continue;
            }
            try {
                TrackingCategory created = api.createCategory(d.name());
                categoriesCreated++;
                active++;
                remember(created);
                log.info("Tracking: created the Xero tracking category '{}' ({})", created.name(), d.property());
            } catch (XeroApiException.Validation e) {
                problems.add(d.property() + ".name: Xero refused to create the tracking category '" + d.name() + "': "
                        + String.join("; ", e.messages()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PreflightException("Tracking categories are not usable:\n  " + String.join("\n  ", problems));
        }
        for (TrackingDimension d : dimensions) {
            if (d.fallback() != null && ensure(d, d.fallback()) == null) {
                throw new PreflightException(d.property() + ".fallback: the option '" + d.fallback() + "' of '" + d.name()
                        + "' is not in Xero and cannot be created (see the log)");
            }
        }
    }

    private void remember(TrackingCategory c) {
        String k = key(c.name());
        categories.put(k, c);
        Map<String, String> active = options.computeIfAbsent(k, x -> new HashMap<>());
        Set<String> other = inactive.computeIfAbsent(k, x -> new HashSet<>());
        for (TrackingOption o : c.options()) {
            if (o.active()) {
                active.put(key(o.name()), o.name());
            } else {
                other.add(key(o.name()));
            }
        }
    }

    /**
     * The option a line of this category gets for {@code wanted} (already an option name): Xero's own spelling of it,
     * created when missing; else the fallback; else null (the line goes without this category).
     */
    public synchronized String option(TrackingDimension d, String wanted) {
        prepare();
        String name = wanted == null ? "" : optionName(wanted);
        if (name.isEmpty()) {
            return d.fallback();
        }
        if (!apply) {
            return name;
        }
        String got = ensure(d, name);
        return got != null ? got : d.fallback();
    }

    /** The option's name in Xero, creating it when missing; null when Xero cannot have it. */
    private String ensure(TrackingDimension d, String name) {
        String category = key(d.name());
        Map<String, String> known = options.computeIfAbsent(category, x -> new HashMap<>());
        String existing = known.get(key(name));
        if (existing != null) {
            return existing;
        }
        String id = d.name() + "/" + key(name);
        if (inactive.getOrDefault(category, Set.of()).contains(key(name))) {
            reportOnce(id, "Tracking: the option '" + name + "' of '" + d.name() + "' is archived in Xero; lines that want it get "
                    + fallbackText(d) + " (restore it in Xero)");
            return null;
        }
        if (known.size() >= MAX_OPTIONS) {
            reportOnce(id, "Tracking: '" + d.name() + "' already has " + known.size() + " options, Xero's limit of about "
                    + MAX_OPTIONS + "; lines that want '" + name + "' get " + fallbackText(d) + " (map values to fewer options with "
                    + d.property() + ".options.<value>=<option>)");
            return null;
        }
        if (reported.contains(id)) {
            return null;
        }
        try {
            TrackingOption created = api.createOption(categories.get(category).trackingCategoryID(), name);
            optionsCreated++;
            known.put(key(created.name() == null ? name : created.name()), created.name() == null ? name : created.name());
            known.putIfAbsent(key(name), created.name() == null ? name : created.name());
            return known.get(key(name));
        } catch (XeroApiException.Validation e) {
            reportOnce(id, "Tracking: Xero refused the option '" + name + "' of '" + d.name() + "' (" + String.join("; ", e.messages())
                    + "); lines that want it get " + fallbackText(d));
            return null;
        }
    }

    private void reportOnce(String id, String message) {
        if (reported.add(id)) {
            log.error(message);
        }
    }

    private static String fallbackText(TrackingDimension d) {
        return d.fallback() == null ? "no '" + d.name() + "' option (set " + d.property() + ".fallback)" : "the fallback option '"
                + d.fallback() + "'";
    }

    /** Calls made so far: reads of the category list, categories and options created. */
    public synchronized int[] calls() {
        return new int[] {reads, categoriesCreated, optionsCreated};
    }

    /** The options that could not get their own option (for the run's summary). */
    public synchronized Set<String> unplaced() {
        return Set.copyOf(reported);
    }
}
