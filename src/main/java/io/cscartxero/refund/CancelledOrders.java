package io.cscartxero.refund;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.php.PhpArray;
import io.cscartxero.cscart.php.PhpFormatException;
import io.cscartxero.cscart.php.PhpUnserializer;
import io.cscartxero.cscart.php.PhpValue;
import io.cscartxero.sync.SyncLinkRepository;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The full cancellations a run credits: invoiced orders (an {@code INVOICE} link) with no credit note yet (no
 * {@code CREDIT_NOTE} link) that were paid — a {@code PAYMENT} link (paymentExportJob), or a status change into a
 * paid status in CS-Cart's {@code logs} — and are now in a refund status. Refund statuses come from
 * {@code status_data}: order statuses that give the stock back ({@code inventory='I'}) and are not paid
 * ({@code payment_received} not {@code 'Y'}); in a default install F, D, B and I. {@code statuses=} overrides them.
 * <p>
 * CS-Cart logs a status change ({@code type='orders'}, {@code action='status'}) with PHP-serialized content holding
 * the order id ({@code id}) and the translated status names ("Open -&gt; Paid"); a change from or into a status
 * with {@code payment_received='Y'} (its name in any language) shows the order was paid.
 */
final class CancelledOrders {

    static final String INVOICE = "INVOICE";
    static final String PAYMENT = "PAYMENT";

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties tables;
    private final SyncLinkRepository links;
    private final String tenant;

    CancelledOrders(NamedParameterJdbcTemplate cscart, CsCartProperties tables, SyncLinkRepository links,
            String tenant) {
        this.cscart = cscart;
        this.tables = tables;
        this.links = links;
        this.tenant = tenant;
    }

    /** Order statuses whose status_data says the order is cancelled or refunded. */
    List<String> refundStatuses() {
        return cscart.queryForList("SELECT s.status FROM " + tables.table("statuses") + " s WHERE s.type = 'O'"
                + " AND EXISTS (SELECT 1 FROM " + tables.table("status_data") + " d WHERE d.status_id = s.status_id"
                + " AND d.param = 'inventory' AND d.value = 'I')"
                + " AND NOT EXISTS (SELECT 1 FROM " + tables.table("status_data") + " d WHERE d.status_id = s.status_id"
                + " AND d.param = 'payment_received' AND d.value = 'Y') ORDER BY s.status", Map.of(), String.class);
    }

    /** The ids, ascending, of the orders to credit. */
    List<Long> find(List<String> statuses, List<Long> orderIds, LocalDate since, ZoneId zone) {
        if (statuses.isEmpty()) return List.of();
        Map<String, Object> params = new HashMap<>(Map.of("statuses", statuses));
        String sql = "SELECT order_id FROM " + tables.table("orders") + " WHERE status IN (:statuses)" + tables.storefrontCondition("company_id");
        if (since != null) {
            sql += " AND timestamp >= :since";
            params.put("since", since.atStartOfDay(zone).toEpochSecond());
        }
        if (orderIds != null) {
            if (orderIds.isEmpty()) return List.of();
            sql += " AND order_id IN (:ids)";
            params.put("ids", orderIds);
        }
        Set<String> inStatus = new HashSet<>();
        cscart.query(sql, params, rs -> {
            inStatus.add(rs.getString(1));
        });
        Set<String> invoiced = new HashSet<>(links.cscartIdsInXero(tenant, INVOICE));
        inStatus.retainAll(invoiced);
        // credited already; a refused one (REJECTED link) is tried again
        links.findSynced(tenant, RefundExportJobConfiguration.ENTITY).forEach(l -> inStatus.remove(l.cscartId()));
        if (inStatus.isEmpty()) return List.of();
        Set<String> paid = new HashSet<>(links.cscartIdsInXero(tenant, PAYMENT));
        paid.retainAll(inStatus);
        Set<String> unknown = new HashSet<>(inStatus);
        unknown.removeAll(paid);
        if (!unknown.isEmpty()) paid.addAll(paidInLogs(unknown));
        return paid.stream().map(Long::valueOf).sorted().toList();
    }

    /** Those of the orders whose status log shows a change into a paid status. */
    private Set<String> paidInLogs(Set<String> orderIds) {
        Set<String> paidNames = new HashSet<>(cscart.queryForList("SELECT sd.description FROM "
                + tables.table("status_descriptions") + " sd JOIN " + tables.table("statuses") + " s"
                + " ON s.status_id = sd.status_id AND s.type = 'O' JOIN " + tables.table("status_data") + " d"
                + " ON d.status_id = s.status_id AND d.param = 'payment_received' AND d.value = 'Y'", Map.of(),
                String.class).stream().map(String::strip).toList());
        Set<String> found = new HashSet<>();
        if (paidNames.isEmpty()) return found;
        cscart.query("SELECT content FROM " + tables.table("logs") + " WHERE type = 'orders' AND action = 'status'",
                Map.of(), rs -> {
                    byte[] content = rs.getBytes(1);
                    if (content == null) return;
                    PhpArray data;
                    try {
                        PhpValue value = PhpUnserializer.parse(content);
                        if (!(value instanceof PhpArray array)) return;
                        data = array;
                    } catch (PhpFormatException e) {
                        return; // not a status change we can read
                    }
                    String id = data.getString("id");
                    if (id == null) id = data.getString("order_id");
                    String change = data.getString("status");
                    if (id == null || change == null || !orderIds.contains(id.strip())) return;
                    int arrow = change.indexOf("->");
                    if (arrow >= 0 && (paidNames.contains(change.substring(0, arrow).strip())
                            || paidNames.contains(change.substring(arrow + 2).strip()))) {
                        found.add(id.strip());
                    }
                });
        return found;
    }
}
