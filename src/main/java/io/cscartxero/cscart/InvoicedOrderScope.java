package io.cscartxero.cscart;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The orders that should have a Xero invoice, as orderExportJob selects them: not a Multi-Vendor parent (its children
 * are invoiced), not incomplete ({@code N}), a status of {@code sync.order-statuses}, guests included, placed on or
 * after {@code since} and, for a report period, on or before {@code until} (days in the store's time zone), of the
 * storefronts {@code cscart.storefronts} (several storefronts → several Xero organisations). The same WHERE
 * orderExportJob uses: {@code order/CsCartOrderQueries.Filter} builds on this one and adds its export-only parts
 * (orderIds, changedAfter), so that the two cannot drift (kept here so that the reconciliation needs no feature package).
 *
 * @param until       inclusive; null: up to now
 * @param storefronts {@link CsCartProperties#storefronts()}: the orders' {@code company_id}s; empty: every storefront.
 *                    Required (not null), so that a query cannot forget them: build with {@link #of}
 */
public record InvoicedOrderScope(List<String> statuses, LocalDate since, LocalDate until, ZoneId zone, List<Long> storefronts) {

    public InvoicedOrderScope {
        storefronts = List.copyOf(Objects.requireNonNull(storefronts, "storefronts (empty: every storefront)"));
    }

    /** The scope of the storefronts these settings sync ({@code cscart.storefronts}). */
    public static InvoicedOrderScope of(CsCartProperties cscart, List<String> statuses, LocalDate since, LocalDate until, ZoneId zone) {
        return new InvoicedOrderScope(statuses, since, until, zone, cscart.storefronts());
    }

    /** The WHERE on {@code orders o}; parameters from {@link #parameters()}. */
    public String where() {
        return where("o.status IN (:statuses)");
    }

    /**
     * The same WHERE for explicit orders: {@code :orderIds} (a parameter of the caller) instead of the statuses, which
     * are still bound by {@link #parameters()} but unused; the storefronts still apply.
     */
    public String whereOrderIds() {
        return where("o.order_id IN (:orderIds)");
    }

    private String where(String which) {
        // Multi-Vendor parents duplicate their children; 'N' orders were never placed
        StringBuilder where = new StringBuilder("o.is_parent_order <> 'Y' AND o.status <> 'N' AND ").append(which);
        if (since != null) {
            where.append(" AND o.timestamp >= :since");
        }
        if (until != null) {
            where.append(" AND o.timestamp < :untilExclusive");
        }
        // company ids (Long: the text cannot carry SQL), in the text: the statement is the same for every page
        return where.append(CsCartProperties.storefrontCondition("o.company_id", storefronts)).toString();
    }

    /** The named parameters of {@link #where()}; the storefronts are part of its text (numbers, see above). */
    public Map<String, Object> parameters() {
        Map<String, Object> params = new HashMap<>();
        params.put("statuses", statuses);
        if (since != null) {
            params.put("since", since.atStartOfDay(zone).toEpochSecond());
        }
        if (until != null) {
            params.put("untilExclusive", until.plusDays(1).atStartOfDay(zone).toEpochSecond());
        }
        return params;
    }
}
