package io.cscartxero.refund;

import java.util.List;

import io.cscartxero.cscart.CsCartProperties;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What refundExportJob treats as a refund, for {@code check}: the order statuses of a full cancellation. */
public final class RefundPlan {

    private RefundPlan() {
    }

    /** Order statuses whose cancelled paid orders are credited (status_data), less {@code sync.void-on-status}. */
    public static List<String> refundStatuses(NamedParameterJdbcTemplate cscart, CsCartProperties tables,
            List<String> voidOnStatus) {
        return new CancelledOrders(cscart, tables, null, null).refundStatuses().stream()
                .filter(s -> !voidOnStatus.contains(s)).toList();
    }
}
