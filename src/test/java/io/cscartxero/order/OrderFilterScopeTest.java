package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cscartxero.cscart.InvoicedOrderScope;

/**
 * orderExportJob's filter is reconcileJob's {@link InvoicedOrderScope} plus the export-only parts, with the SQL it had
 * before the two were one (so that what the export sends and what the reconciliation expects cannot drift).
 */
class OrderFilterScopeTest {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    private static final LocalDate SINCE = LocalDate.of(2026, 3, 1);

    @Test
    void byStatusesTheWhereAndParametersAreTheScopes() {
        var filter = new CsCartOrderQueries.Filter(List.of("P", "C"), SINCE, List.of(), ZONE, null);
        var scope = new InvoicedOrderScope(List.of("P", "C"), SINCE, null, ZONE);

        assertThat(filter.where()).isEqualTo(scope.where())
                .isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.status IN (:statuses) AND o.timestamp >= :since");
        assertThat(filter.parameters()).isEqualTo(scope.parameters())
                .containsEntry("since", SINCE.atStartOfDay(ZONE).toEpochSecond());
    }

    @Test
    void explicitOrdersReplaceTheStatusesAndChangedAfterIsAdded() {
        var filter = new CsCartOrderQueries.Filter(List.of("P"), null, List.of(7L, 9L), ZONE, 1_700_000_000L);

        assertThat(filter.where()).isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.order_id IN (:orderIds)"
                + " AND GREATEST(o.updated_at, o.timestamp) >= :changedAfter");
        assertThat(filter.parameters()).isEqualTo(Map.of("statuses", List.of("P"), "orderIds", List.of(7L, 9L),
                "changedAfter", 1_700_000_000L));
    }

    @Test
    void aReportPeriodEndsAtTheStoresNextMidnight() {
        var scope = new InvoicedOrderScope(List.of("P"), SINCE, LocalDate.of(2026, 3, 31), ZONE);

        assertThat(scope.where()).endsWith(" AND o.timestamp >= :since AND o.timestamp < :untilExclusive");
        assertThat(scope.parameters()).containsEntry("untilExclusive", LocalDate.of(2026, 4, 1).atStartOfDay(ZONE).toEpochSecond());
    }
}
