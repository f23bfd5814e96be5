package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The one WHERE of "the orders that should have a Xero invoice" carries the storefront restriction
 * ({@code cscart.storefronts}) itself, so that no query built on it can forget it.
 */
class InvoicedOrderScopeTest {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");
    private static final LocalDate SINCE = LocalDate.of(2026, 3, 1);
    private static final LocalDate UNTIL = LocalDate.of(2026, 3, 31);

    private static CsCartProperties storefronts(Long... ids) {
        return new CsCartProperties("cscart_", null, null, null, null, null, List.of(ids));
    }

    @Test
    void everyStorefrontAddsNoCondition() {
        var scope = InvoicedOrderScope.of(storefronts(), List.of("P", "C"), SINCE, null, ZONE);

        assertThat(scope.storefronts()).isEmpty();
        assertThat(scope.where()).isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.status IN (:statuses)"
                + " AND o.timestamp >= :since");
        assertThat(scope.whereOrderIds()).isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.order_id IN (:orderIds)"
                + " AND o.timestamp >= :since");
        assertThat(scope.parameters()).isEqualTo(Map.of("statuses", List.of("P", "C"), "since", SINCE.atStartOfDay(ZONE).toEpochSecond()));
    }

    @Test
    void theStorefrontsOfTheSettingsRestrictBothWheresAndNeedNoParameter() {
        var scope = InvoicedOrderScope.of(storefronts(2L, 1L), List.of("P"), SINCE, UNTIL, ZONE);

        assertThat(scope.storefronts()).containsExactly(2L, 1L);
        assertThat(scope.where()).isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.status IN (:statuses)"
                + " AND o.timestamp >= :since AND o.timestamp < :untilExclusive AND o.company_id IN (2, 1)");
        assertThat(scope.whereOrderIds()).isEqualTo("o.is_parent_order <> 'Y' AND o.status <> 'N' AND o.order_id IN (:orderIds)"
                + " AND o.timestamp >= :since AND o.timestamp < :untilExclusive AND o.company_id IN (2, 1)");
        // the same condition the other storefront queries append, and the same parameters as without storefronts
        assertThat(scope.where()).endsWith(storefronts(2L, 1L).storefrontCondition("o.company_id"));
        assertThat(scope.parameters()).isEqualTo(Map.of("statuses", List.of("P"), "since", SINCE.atStartOfDay(ZONE).toEpochSecond(),
                "untilExclusive", UNTIL.plusDays(1).atStartOfDay(ZONE).toEpochSecond()));
    }

    @Test
    void theStorefrontsCannotBeLeftOut() {
        assertThatThrownBy(() -> new InvoicedOrderScope(List.of("P"), null, null, ZONE, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("storefronts");
        // a copy: the scope does not change with the list it was given
        var ids = new java.util.ArrayList<>(List.of(3L));
        var scope = new InvoicedOrderScope(List.of("P"), null, null, ZONE, ids);
        ids.add(4L);
        assertThat(scope.where()).endsWith(" AND o.company_id IN (3)");
    }
}
