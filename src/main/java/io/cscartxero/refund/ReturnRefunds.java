package io.cscartxero.refund;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.RmaReturns;
import io.cscartxero.cscart.RmaReturns.RefundReturn;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The refunds of RMA returns ({@link RmaReturns}): completed refund returns of invoiced orders without a
 * {@code CREDIT_NOTE} link yet (key {@code R} + return id), each with the order's earlier returns that are (or are
 * being) credited and the order's total now; and the links of returns that are no longer completed (reverted).
 * Whether a return is already in the invoice (an order first invoiced after CS-Cart had lowered it) is what the
 * invoice's link recorded when orderExportJob sent it ({@link RmaReturns.InInvoice}); links written before that was
 * recorded leave it to the writer's total comparison.
 */
class ReturnRefunds {

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties tables;
    private final RmaReturns rma;
    private final SyncLinkRepository links;
    private final String tenant;

    ReturnRefunds(NamedParameterJdbcTemplate cscart, CsCartProperties tables, SyncLinkRepository links, String tenant) {
        this.cscart = cscart;
        this.tables = tables;
        this.rma = new RmaReturns(cscart, tables);
        this.links = links;
        this.tenant = tenant;
    }

    /** The returns to credit, by ascending return id; only those of these orders when not null. */
    List<RefundItem> find(List<Long> orderIds) {
        List<RefundReturn> all = rma.completedRefunds(orderIds);
        if (all.isEmpty()) return List.of();
        Map<String, SyncLink> invoices = links.findByCscartIds(tenant, CancelledOrders.INVOICE,
                all.stream().map(r -> Long.toString(r.orderId())).distinct().toList());
        Map<String, SyncLink> done = links.findByCscartIds(tenant, RefundExportJobConfiguration.ENTITY,
                all.stream().map(r -> RefundItem.returnKey(r.returnId())).toList());
        Map<Long, BigDecimal> totals = totals(all.stream().map(RefundReturn::orderId).distinct().toList());
        Map<Long, List<RefundReturn>> credited = new HashMap<>();
        List<RefundItem> items = new ArrayList<>();
        for (RefundReturn r : all) {
            SyncLink invoice = invoices.get(Long.toString(r.orderId()));
            SyncLink link = done.get(RefundItem.returnKey(r.returnId()));
            // the returns the invoice already reflects, as its link recorded when it was sent (null: not recorded)
            Set<Long> reflected = invoice == null ? null : RmaReturns.InInvoice.of(invoice.fieldValues());
            boolean linkedInInvoice = link != null && link.xeroId() == null && link.state() == SyncLink.State.SYNCED;
            boolean inInvoice = reflected != null ? reflected.contains(r.returnId()) : linkedInInvoice;
            // a return linked "in invoice" that the invoice no longer reflects (reverted, the invoice grown back,
            // completed again) is credited now
            boolean pending = link == null || link.state() != SyncLink.State.SYNCED
                    || (linkedInInvoice && reflected != null && !inInvoice);
            List<RefundReturn> before = credited.computeIfAbsent(r.orderId(), k -> new ArrayList<>());
            if (invoice != null && invoice.xeroId() != null && pending) {
                items.add(new RefundItem(RefundItem.returnKey(r.returnId()), r.orderId(), invoice, r,
                        List.copyOf(before), totals.get(r.orderId()), reflected == null ? null : inInvoice));
            }
            if (!inInvoice) before.add(r);
        }
        return items;
    }

    /** The order's refund returns credited by a credit note (for a full cancellation after them). */
    List<RefundReturn> credited(long orderId) {
        List<RefundReturn> returns = rma.completedRefunds(List.of(orderId));
        if (returns.isEmpty()) return List.of();
        Map<String, SyncLink> done = links.findByCscartIds(tenant, RefundExportJobConfiguration.ENTITY,
                returns.stream().map(r -> RefundItem.returnKey(r.returnId())).toList());
        return returns.stream().filter(r -> {
            SyncLink l = done.get(RefundItem.returnKey(r.returnId()));
            return l != null && l.state() == SyncLink.State.SYNCED && l.xeroId() != null;
        }).toList();
    }

    /** CREDIT_NOTE links of returns that are no longer completed refunds, by return id. */
    List<SyncLink> reverted() {
        Map<Long, SyncLink> byReturn = new LinkedHashMap<>();
        links.findAll(tenant, RefundExportJobConfiguration.ENTITY).values().stream()
                .filter(l -> l.cscartId().startsWith("R") && l.state() == SyncLink.State.SYNCED)
                .forEach(l -> byReturn.put(Long.valueOf(l.cscartId().substring(1)), l));
        if (byReturn.isEmpty()) return List.of();
        if (!rma.installed()) return List.of();
        return rma.notCompleted(byReturn.keySet()).stream().map(byReturn::get).toList();
    }

    private Map<Long, BigDecimal> totals(Collection<Long> orderIds) {
        Map<Long, BigDecimal> totals = new HashMap<>();
        List<Long> ids = List.copyOf(orderIds);
        for (int i = 0; i < ids.size(); i += 1000) {
            cscart.query("SELECT order_id, total FROM " + tables.table("orders") + " WHERE order_id IN (:ids)",
                    Map.of("ids", ids.subList(i, Math.min(ids.size(), i + 1000))),
                    rs -> {
                        totals.put(rs.getLong(1), rs.getBigDecimal(2));
                    });
        }
        return totals;
    }
}
