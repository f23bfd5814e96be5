package io.cscartxero.bookkeeping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cscartxero.xero.model.LineItemTracking;

/**
 * The revenue account and the tracking of a sold line, from one organisation's {@link SalesBooking}: the account of
 * the product ({@code xero.revenue-accounts.product.<id>}), else of its main category or the nearest ancestor mapped
 * ({@code xero.revenue-accounts.category.<id>}, walking {@code id_path} up), else of the storefront
 * ({@code xero.revenue-accounts.storefront.<company_id>}: the order's, for an item the product's), else
 * {@code xero.revenue-account-code}. Tracking: per configured category, the line's value (storefront, vendor, payment
 * method, billing country of the order; top or leaf main category of the product) → {@code options.<value>} or the
 * value's name in CS-Cart → the option in Xero ({@link TrackingOptions}). With neither mappings nor tracking it reads
 * nothing and every line is on the default account, untracked.
 */
public final class LineBooking {

    /** An account and why it was chosen (for {@code check}). */
    public record Account(String code, String why) {
    }

    private final SalesBooking booking;
    private final StoreCatalog catalog;
    private final TrackingOptions options;

    public LineBooking(SalesBooking booking, StoreCatalog catalog, TrackingOptions options) {
        this.booking = booking;
        this.catalog = catalog;
        this.options = options;
    }

    public SalesBooking booking() {
        return booking;
    }

    public TrackingOptions options() {
        return options;
    }

    /** The revenue account of an order line selling {@code productId}. */
    public String orderLineAccount(long orderId, long productId) {
        if (!booking.mapsAccounts()) {
            return booking.defaultRevenueAccount();
        }
        long company = booking.byStorefront().isEmpty() ? 0 : catalog.order(orderId).companyId();
        return account(productId, company).code();
    }

    /** The revenue account of the item of {@code productId} (its SalesDetails): the product's own storefront. */
    public String itemAccount(long productId) {
        if (!booking.mapsAccounts()) {
            return booking.defaultRevenueAccount();
        }
        return account(productId, booking.byStorefront().isEmpty() ? 0 : catalog.product(productId).companyId()).code();
    }

    /** The account of a product sold in storefront {@code companyId} (0: unknown), and why. */
    public Account account(long productId, long companyId) {
        String byProduct = booking.byProduct().get(productId);
        if (byProduct != null) {
            return new Account(byProduct, "product " + productId);
        }
        if (!booking.byCategory().isEmpty()) {
            long main = catalog.product(productId).mainCategory();
            StoreCatalog.Category category = catalog.categories().get(main);
            List<Long> path = category == null ? (main == 0 ? List.of() : List.of(main)) : category.path();
            for (int i = path.size() - 1; i >= 0; i--) {
                String code = booking.byCategory().get(path.get(i));
                if (code != null) {
                    return new Account(code, path.get(i) == main ? "main category " + main : "category " + path.get(i)
                            + " above main category " + main);
                }
            }
        }
        String byStorefront = booking.byStorefront().get(companyId);
        if (byStorefront != null) {
            return new Account(byStorefront, "storefront " + companyId);
        }
        return new Account(booking.defaultRevenueAccount(), "default");
    }

    /**
     * The tracking of a line of {@code orderId}; {@code productId} is the line's product (for shipping, discount and
     * other lines: the order's first product). Null when nothing is tracked.
     */
    public List<LineItemTracking> tracking(long orderId, long productId) {
        if (!booking.tracks()) {
            return null;
        }
        List<LineItemTracking> entries = new ArrayList<>(SalesBooking.MAX_TRACKING);
        for (TrackingDimension d : booking.tracking()) {
            String option = options.option(d, wantedOption(d, orderId, productId));
            if (option != null) {
                entries.add(LineItemTracking.of(d.name(), option));
            }
        }
        return entries.isEmpty() ? null : entries;
    }

    /** The option a line wants before Xero is asked: the mapped name, else CS-Cart's name of the value; null: no value. */
    public String wantedOption(TrackingDimension d, long orderId, long productId) {
        return optionFor(d, value(d, orderId, productId));
    }

    /** The option wanted for a value (an id or country code): {@code options.<value>}, else CS-Cart's name; null: none. */
    public String optionFor(TrackingDimension d, String value) {
        if (value == null) {
            return null;
        }
        String mapped = d.options().get(value);
        if (mapped == null && d.source() == TrackingDimension.Source.BILLING_COUNTRY) {
            mapped = d.options().get(value.toLowerCase(Locale.ROOT));
        }
        if (mapped != null) {
            return mapped.isBlank() ? null : mapped;
        }
        return nameOf(d.source(), value);
    }

    /** The line's value for a category: an id or a country code; null when the order or product has none. */
    public String value(TrackingDimension d, long orderId, long productId) {
        switch (d.source()) {
            case STOREFRONT, VENDOR -> {
                long company = catalog.order(orderId).companyId();
                return company == 0 ? null : Long.toString(company);
            }
            case PAYMENT_METHOD -> {
                long payment = catalog.order(orderId).paymentId();
                return payment == 0 ? null : Long.toString(payment);
            }
            case BILLING_COUNTRY -> {
                String country = catalog.order(orderId).billingCountry();
                return country.isBlank() ? null : country.toUpperCase(Locale.ROOT);
            }
            case CATEGORY_LEAF, CATEGORY_TOP -> {
                long main = productId == 0 ? 0 : catalog.product(productId).mainCategory();
                if (main == 0) {
                    return null;
                }
                if (d.source() == TrackingDimension.Source.CATEGORY_LEAF) {
                    return Long.toString(main);
                }
                StoreCatalog.Category category = catalog.categories().get(main);
                return Long.toString(category == null ? main : category.top());
            }
            default -> throw new IllegalStateException(d.source().name());
        }
    }

    /** CS-Cart's name of a value; the id itself when it has none. */
    public String nameOf(TrackingDimension.Source source, String value) {
        String name = switch (source) {
            case STOREFRONT, VENDOR -> catalog.companies().get(Long.parseLong(value));
            case PAYMENT_METHOD -> catalog.paymentMethods().get(Long.parseLong(value));
            case CATEGORY_LEAF, CATEGORY_TOP -> {
                StoreCatalog.Category c = catalog.categories().get(Long.parseLong(value));
                yield c == null ? null : c.name();
            }
            case BILLING_COUNTRY -> value;
        };
        String clean = name == null ? "" : TrackingOptions.optionName(name);
        return clean.isEmpty() ? source.key() + " " + value : clean;
    }
}
