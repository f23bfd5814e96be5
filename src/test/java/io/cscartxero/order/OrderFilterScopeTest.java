package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.InvoicedOrderScope;

/**
 * orderExportJob's filter is reconcileJob's {@link InvoicedOrderScope} plus the export-only parts, with the SQL it had
 * before the two were one (so that what the export sends and what the reconciliation expects cannot drift).
 */
class OrderFilterScopeTest {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    private static final LocalDate SINCE = LocalDate.of(2026, 3, 1);
    private static final CsCartProperties ALL = new CsCartProperties("cscart_", null, null, null);
    private static final CsCartProperties STOREFRONTS_3_1 = new CsCartProperties("cscart_", null, null, null, null, null, List.of(3L, 1L));

    @Test
    void byStatusesTheWhereAndParametersAreTheScopes() {
        var filter = new CsCartOrderQueries.Filter(List.of("P", "C"), SINCE, List.of(), ZONE, null);
        var scope = InvoicedOrderScope.of(ALL, List.of("P", "C"), SINCE, null, ZONE);

        assertThat(filter.where(ALL)).isEqualTo(scope.where())
                .isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.status IN (:statuses) AND o.timestamp >= :since");
        assertThat(filter.parameters()).isEqualTo(scope.parameters())
                .containsEntry("since", SINCE.atStartOfDay(ZONE).toEpochSecond());
    }

    @Test
    void explicitOrdersReplaceTheStatusesAndChangedAfterIsAdded() {
        var filter = new CsCartOrderQueries.Filter(List.of("P"), null, List.of(7L, 9L), ZONE, 1_700_000_000L);

        assertThat(filter.where(ALL)).isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.order_id IN (:orderIds)"
                + " AND GREATEST(o.updated_at, o.timestamp) >= :changedAfter");
        assertThat(filter.parameters()).isEqualTo(Map.of("statuses", List.of("P"), "orderIds", List.of(7L, 9L),
                "changedAfter", 1_700_000_000L));
    }

    @Test
    void aReportPeriodEndsAtTheStoresNextMidnight() {
        var scope = InvoicedOrderScope.of(ALL, List.of("P"), SINCE, LocalDate.of(2026, 3, 31), ZONE);

        assertThat(scope.where()).endsWith(" AND o.timestamp >= :since AND o.timestamp < :untilExclusive");
        assertThat(scope.parameters()).containsEntry("untilExclusive", LocalDate.of(2026, 4, 1).atStartOfDay(ZONE).toEpochSecond());
    }

    @Test
    void theStorefrontsOfTheSettingsAreInTheScopesPartBeforeTheExportOnlyParts() {
        var filter = new CsCartOrderQueries.Filter(List.of("P"), SINCE, List.of(), ZONE, 1_700_000_000L).withRequeued(List.of(5L));
        var scope = InvoicedOrderScope.of(STOREFRONTS_3_1, List.of("P"), SINCE, null, ZONE);

        assertThat(filter.where(STOREFRONTS_3_1)).isEqualTo(scope.where()
                + " AND (GREATEST(o.updated_at, o.timestamp) >= :changedAfter OR o.order_id IN (:requeued))")
                .contains(" AND o.company_id IN (3, 1) AND (GREATEST");
        // every statement of the export (and of its tax plan) is built on that WHERE
        var queries = new CsCartOrderQueries(STOREFRONTS_3_1);
        assertThat(List.of(queries.countQuery(filter), queries.pageQuery(filter), queries.fromClause(filter),
                OrderExportJobConfiguration.buyerCountQuery(STOREFRONTS_3_1, filter)))
                .allSatisfy(sql -> assertThat(sql).contains(filter.where(STOREFRONTS_3_1)));
        assertThat(new CsCartOrderQueries(ALL).countQuery(filter)).doesNotContain("company_id");
        assertThat(filter.parameters()).isEqualTo(Map.of("statuses", List.of("P"), "since", SINCE.atStartOfDay(ZONE).toEpochSecond(),
                "changedAfter", 1_700_000_000L, "requeued", List.of(5L)));
    }
}
