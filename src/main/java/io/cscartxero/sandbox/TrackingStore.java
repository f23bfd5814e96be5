package io.cscartxero.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One organisation's tracking categories and options, with Xero's limits (developer.xero.com/documentation/api/
 * accounting/trackingcategories; the spec's TrackingCategory, TrackingOption, LineItemTracking): names ≤ 100 characters,
 * unique ignoring case (categories among those not deleted, options within their category), at most
 * {@value #MAX_ACTIVE} ACTIVE categories (4 in all), at most {@value #MAX_OPTIONS} options per category (Xero calls it a
 * soft limit). Refusal wordings are the sandbox's own ("unverified"): Xero's are not published.
 *
 * <p>Lines of invoices and credit notes name a category and option by id or by name ({@link #resolve}): at most two
 * entries, each an ACTIVE category and one of its ACTIVE options, else a validation error (also the sandbox's wording;
 * third-party reports say Xero sometimes drops an unknown name instead — refusing makes a wrong name visible).
 */
final class TrackingStore {

    static final int MAX_ACTIVE = 2;
    static final int MAX_CATEGORIES = 4;
    static final int MAX_OPTIONS = 100;
    static final int MAX_NAME = 100;
    static final int MAX_PER_LINE = 2;

    static final class Category {
        final String id = XeroJson.newId();
        String name;
        String status = "ACTIVE";
        final List<Option> options = new ArrayList<>();

        Category(String name) {
            this.name = name;
        }
    }

    static final class Option {
        final String id = XeroJson.newId();
        String name;
        String status = "ACTIVE";

        Option(String name) {
            this.name = name;
        }
    }

    private final List<Category> categories = new ArrayList<>();

    synchronized void clear() {
        categories.clear();
    }

    synchronized List<Category> all() {
        return List.copyOf(categories);
    }

    synchronized Category byId(String id) {
        return categories.stream().filter(c -> c.id.equalsIgnoreCase(id) && !"DELETED".equals(c.status)).findFirst().orElse(null);
    }

    private Category activeByName(String name) {
        return categories.stream().filter(c -> "ACTIVE".equals(c.status) && c.name.equalsIgnoreCase(name.strip())).findFirst().orElse(null);
    }

    /** Creates a category; the errors say why not (empty: created). */
    synchronized List<String> create(String name, List<Category> created) {
        List<String> errors = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) errors.add("Tracking category name is required."); // unverified
        if (n.length() > MAX_NAME) errors.add("Tracking category name must not exceed 100 characters."); // unverified
        if (!n.isEmpty() && categories.stream().anyMatch(c -> !"DELETED".equals(c.status) && c.name.equalsIgnoreCase(n))) {
            errors.add("A tracking category with the name '" + n + "' already exists."); // unverified
        }
        if (activeCount() >= MAX_ACTIVE) {
            errors.add("You can only have " + MAX_ACTIVE + " active tracking categories."); // unverified
        } else if (categories.stream().filter(c -> !"DELETED".equals(c.status)).count() >= MAX_CATEGORIES) {
            errors.add("You can only have " + MAX_CATEGORIES + " tracking categories."); // unverified
        }
        if (errors.isEmpty()) {
            Category c = new Category(n);
            categories.add(c);
            created.add(c);
        }
        return errors;
    }

    private long activeCount() {
        return categories.stream().filter(c -> "ACTIVE".equals(c.status)).count();
    }

    /** Renames or archives / re-activates a category. */
    synchronized List<String> update(Category c, String name, String status) {
        List<String> errors = new ArrayList<>();
        if (name != null && !name.strip().equalsIgnoreCase(c.name)) {
            String n = name.strip();
            if (n.isEmpty() || n.length() > MAX_NAME) errors.add("Tracking category name must be 1 to 100 characters."); // unverified
            if (categories.stream().anyMatch(o -> o != c && !"DELETED".equals(o.status) && o.name.equalsIgnoreCase(n))) {
                errors.add("A tracking category with the name '" + n + "' already exists."); // unverified
            }
        }
        String s = status == null ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !List.of("ACTIVE", "ARCHIVED").contains(s)) errors.add("Status must be ACTIVE or ARCHIVED."); // unverified
        if ("ACTIVE".equals(s) && !"ACTIVE".equals(c.status) && activeCount() >= MAX_ACTIVE) {
            errors.add("You can only have " + MAX_ACTIVE + " active tracking categories."); // unverified
        }
        if (errors.isEmpty()) {
            if (name != null) c.name = name.strip();
            if (s != null) c.status = s;
        }
        return errors;
    }

    synchronized List<String> addOption(Category c, String name, List<Option> created) {
        List<String> errors = new ArrayList<>();
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) errors.add("Tracking option name is required."); // unverified
        if (n.length() > MAX_NAME) errors.add("Tracking option name must not exceed 100 characters."); // unverified
        if (!n.isEmpty() && c.options.stream().anyMatch(o -> !"DELETED".equals(o.status) && o.name.equalsIgnoreCase(n))) {
            errors.add("A tracking option with the name '" + n + "' already exists."); // unverified
        }
        if (c.options.stream().filter(o -> !"DELETED".equals(o.status)).count() >= MAX_OPTIONS) {
            errors.add("A tracking category can have at most " + MAX_OPTIONS + " options."); // unverified
        }
        if (errors.isEmpty()) {
            Option o = new Option(n);
            c.options.add(o);
            created.add(o);
        }
        return errors;
    }

    synchronized void archiveOption(Category c, String optionName) {
        c.options.stream().filter(o -> o.name.equalsIgnoreCase(optionName)).forEach(o -> o.status = "ARCHIVED");
    }

    /**
     * A line's Tracking as Xero stores it: each entry's category and option resolved (by id, else by name) to ACTIVE
     * ones, rendered with TrackingCategoryID, Name, Option and TrackingOptionID. Problems are added to {@code errors}.
     */
    synchronized ArrayNode resolve(ArrayNode sent, List<String> errors) {
        ArrayNode out = XeroJson.array();
        if (sent == null || sent.isEmpty()) return out;
        if (sent.size() > MAX_PER_LINE) {
            errors.add("A line item can have at most " + MAX_PER_LINE + " tracking categories."); // unverified
        }
        List<String> seen = new ArrayList<>();
        for (JsonNode entry : sent) {
            if (!entry.isObject()) {
                errors.add("Tracking must be a list of tracking categories."); // unverified
                continue;
            }
            String categoryId = text(entry, "TrackingCategoryID");
            String name = text(entry, "Name");
            Category c = categoryId != null ? byId(categoryId) : name != null ? activeByName(name) : null;
            if (c == null || !"ACTIVE".equals(c.status)) {
                errors.add("Tracking category '" + (name != null ? name : categoryId == null ? "" : categoryId)
                        + "' does not exist or is not active."); // unverified
                continue;
            }
            if (seen.contains(c.id)) {
                errors.add("Tracking category '" + c.name + "' is used more than once on a line item."); // unverified
                continue;
            }
            seen.add(c.id);
            String optionId = text(entry, "TrackingOptionID");
            String optionName = text(entry, "Option");
            Option o = c.options.stream().filter(x -> "ACTIVE".equals(x.status)
                    && (optionId != null ? x.id.equalsIgnoreCase(optionId) : optionName != null && x.name.equalsIgnoreCase(optionName.strip())))
                    .findFirst().orElse(null);
            if (o == null) {
                errors.add("Tracking option '" + (optionName != null ? optionName : optionId == null ? "" : optionId)
                        + "' does not exist or is not active in tracking category '" + c.name + "'."); // unverified
                continue;
            }
            ObjectNode n = out.addObject();
            n.put("Name", c.name);
            n.put("Option", o.name);
            n.put("TrackingCategoryID", c.id);
            n.put("TrackingOptionID", o.id);
        }
        return out;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        return v == null || v.isNull() || v.asString("").isBlank() ? null : v.asString("");
    }

    static ObjectNode render(Category c, boolean includeArchived) {
        ObjectNode n = XeroJson.object();
        n.put("Name", c.name);
        n.put("Status", c.status);
        n.put("TrackingCategoryID", c.id);
        ArrayNode options = n.putArray("Options");
        for (Option o : c.options) {
            if ("DELETED".equals(o.status) || (!includeArchived && !"ACTIVE".equals(o.status))) continue;
            options.add(render(o));
        }
        return n;
    }

    static ObjectNode render(Option o) {
        ObjectNode n = XeroJson.object();
        n.put("TrackingOptionID", o.id);
        n.put("Name", o.name);
        n.put("Status", o.status);
        n.put("HasValidationErrors", false);
        n.put("IsDeleted", "DELETED".equals(o.status));
        n.put("IsArchived", "ARCHIVED".equals(o.status));
        n.put("IsActive", "ACTIVE".equals(o.status));
        return n;
    }
}
