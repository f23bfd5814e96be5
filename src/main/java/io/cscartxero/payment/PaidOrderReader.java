package io.cscartxero.payment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.sync.ErrorLog;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The paid orders to pay in Xero, in order id order: the orders (filter as the other jobs: statuses, since, orderIds,
 * changedAfter) whose status is a paid one ({@link PaidStatuses}), whose invoice the order export linked, that have no
 * payment link yet, and whose payment method is mapped to an account. The list is settled when the step opens (one
 * query on orders, one on the log), so every chunk is full; the restart position is the last order handed out (and
 * orders paid before are left out anyway by their links).
 * <p>
 * Orders of methods mapped to no account are not read: the run lists them once, one log line and one {@code Warning:}
 * row per payment method (entity {@value #METHOD_ENTITY}, CS-Cart id = payment_id), not one per order.
 */
class PaidOrderReader implements ItemStreamReader<PaidOrder> {

    static final String METHOD_ENTITY = "PAYMENT_METHOD";
    static final String INVOICE_ENTITY = "INVOICE";
    private static final String POSITION = "paidOrderReader.lastOrderId";
    private static final Logger log = LoggerFactory.getLogger(PaidOrderReader.class);

    /** Which orders, as given to the job. */
    record Filter(List<String> statuses, LocalDate since, List<Long> orderIds, Long changedAfter, ZoneId zone) {
    }

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartProperties properties;
    private final SyncLinkRepository links;
    private final String tenant;
    private final Filter filter;
    private final LongFunction<String> accountOf;
    private final Map<Long, String> methodNames;
    private final ErrorLog errorLog;
    private final StepExecution step;
    private List<PaidOrder> settled;
    private Iterator<PaidOrder> next;
    private long lastOrderId = -1;

    PaidOrderReader(NamedParameterJdbcTemplate cscart, CsCartProperties properties, SyncLinkRepository links, String tenant,
            Filter filter, LongFunction<String> accountOf, Map<Long, String> methodNames, ErrorLog errorLog, StepExecution step) {
        this.cscart = cscart;
        this.properties = properties;
        this.links = links;
        this.tenant = tenant;
        this.filter = filter;
        this.accountOf = accountOf;
        this.methodNames = methodNames;
        this.errorLog = errorLog;
        this.step = step;
    }

    /** How many orders this execution of the step reads (settles the list: the progress log asks before the first read). */
    long size() {
        return orders().size();
    }

    private List<PaidOrder> orders() {
        if (settled == null) {
            // a restarted step execution starts with the context its last chunk committed
            ExecutionContext context = step == null ? new ExecutionContext() : step.getExecutionContext();
            lastOrderId = context.containsKey(POSITION) ? context.getLong(POSITION) : -1;
            settled = settle(lastOrderId);
        }
        return settled;
    }

    @Override
    public void open(ExecutionContext context) {
        long after = context.containsKey(POSITION) ? context.getLong(POSITION) : -1;
        if (settled == null || after != lastOrderId) {
            lastOrderId = after;
            settled = settle(after);
        }
        next = settled.iterator();
    }

    @Override
    public PaidOrder read() {
        if (next == null || !next.hasNext()) {
            return null;
        }
        PaidOrder order = next.next();
        lastOrderId = order.orderId();
        return order;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(POSITION, lastOrderId);
    }

    /** The orders to pay after {@code after}, and the unmapped methods reported. */
    List<PaidOrder> settle(long after) {
        PaidStatuses paid = PaidStatuses.read(cscart, properties);
        List<String> statuses = filter.statuses().isEmpty() ? List.copyOf(paid.statuses())
                : filter.statuses().stream().filter(paid.statuses()::contains).toList();
        if (!filter.statuses().isEmpty() && statuses.size() < filter.statuses().size()) {
            log.warn("paymentExportJob: only paid statuses are paid; statuses {} ignored (paid: {})",
                    filter.statuses().stream().filter(s -> !paid.statuses().contains(s)).toList(), paid.statuses());
        }
        if (statuses.isEmpty()) {
            log.warn("paymentExportJob: no order status has payment_received=Y in status_data; nothing to pay");
            return List.of();
        }
        Map<String, SyncLink> invoices = links.findAll(tenant, INVOICE_ENTITY);
        Set<String> alreadyPaid = new HashSet<>();
        links.findAll(tenant, PaymentWriter.ENTITY).values().forEach(l -> alreadyPaid.add(l.cscartId()));

        List<Row> rows = new ArrayList<>();
        cscart.query(query(), parameters(statuses, after), rs -> {
            rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)));
        });
        Map<Long, List<Long>> unmapped = new TreeMap<>();
        List<Row> payable = new ArrayList<>();
        for (Row row : rows) {
            SyncLink invoice = invoices.get(Long.toString(row.orderId()));
            if (invoice == null || invoice.xeroId() == null || alreadyPaid.contains(Long.toString(row.orderId()))) {
                continue;
            }
            if (accountOf.apply(row.paymentId()) == null) {
                unmapped.computeIfAbsent(row.paymentId(), k -> new ArrayList<>()).add(row.orderId());
            } else {
                payable.add(row);
            }
        }
        reportUnmapped(unmapped);
        Set<Long> ids = new HashSet<>();
        payable.forEach(r -> ids.add(r.orderId()));
        Map<Long, Long> loggedPaid = StatusLog.firstPaid(cscart, properties, ids, paid);
        List<PaidOrder> orders = new ArrayList<>(payable.size());
        for (Row row : payable) {
            SyncLink invoice = invoices.get(Long.toString(row.orderId()));
            Long at = loggedPaid.get(row.orderId());
            LocalDate paidOn = Instant.ofEpochSecond(at != null ? at : row.timestamp()).atZone(filter.zone()).toLocalDate();
            orders.add(new PaidOrder(row.orderId(), row.paymentId(), row.status(), invoice.xeroId(), invoice.xeroKey(),
                    accountOf.apply(row.paymentId()), paidOn, at != null));
        }
        log.info("paymentExportJob: {} paid orders to pay in Xero ({} dated by the status log, the others by the order date)",
                orders.size(), loggedPaid.size());
        return orders;
    }

    private record Row(long orderId, long paymentId, String status, long timestamp) {
    }

    private void reportUnmapped(Map<Long, List<Long>> unmapped) {
        if (unmapped.isEmpty()) {
            return;
        }
        List<String> summary = new ArrayList<>();
        for (Map.Entry<Long, List<Long>> e : unmapped.entrySet()) {
            String name = methodNames.getOrDefault(e.getKey(), "unknown method");
            List<Long> orders = e.getValue();
            summary.add(e.getKey() + " (" + name + "): " + orders.size());
            String message = "Warning: " + orders.size() + " paid order" + (orders.size() == 1 ? "" : "s") + " of payment method "
                    + e.getKey() + " (" + name + ") left unpaid in Xero: no account mapped (set xero.payment-accounts."
                    + e.getKey() + "=<account code> or xero.payment-account)";
            String sample = "orders " + String.join(", ", orders.stream().limit(20).map(String::valueOf).toList())
                    + (orders.size() > 20 ? ", … (" + orders.size() + ")" : "");
            if (step != null && errorLog != null) {
                errorLog.record(ErrorLog.Entry.of(step, METHOD_ENTITY, Long.toString(e.getKey()), null, message, sample));
            }
        }
        log.warn("paymentExportJob: paid orders left unpaid, their payment method has no account (method: orders): {}",
                String.join("; ", summary));
    }

    private String query() {
        StringBuilder sql = new StringBuilder("SELECT o.order_id, o.payment_id, o.status, o.timestamp FROM ")
                .append(properties.table("orders")).append(" o WHERE o.is_parent_order <> 'Y' AND o.status IN (:statuses)")
                .append(properties.storefrontCondition("o.company_id"))
                .append(" AND o.order_id > :after");
        if (filter.orderIds() != null && !filter.orderIds().isEmpty()) {
            sql.append(" AND o.order_id IN (:orderIds)");
        }
        if (filter.since() != null) {
            sql.append(" AND o.timestamp >= :since");
        }
        if (filter.changedAfter() != null) {
            sql.append(" AND GREATEST(o.updated_at, o.timestamp) >= :changedAfter");
        }
        return sql.append(" ORDER BY o.order_id").toString();
    }

    private Map<String, Object> parameters(List<String> statuses, long after) {
        Map<String, Object> params = new HashMap<>();
        params.put("statuses", statuses);
        params.put("after", after);
        if (filter.orderIds() != null && !filter.orderIds().isEmpty()) {
            params.put("orderIds", filter.orderIds());
        }
        if (filter.since() != null) {
            params.put("since", filter.since().atStartOfDay(filter.zone()).toEpochSecond());
        }
        if (filter.changedAfter() != null) {
            params.put("changedAfter", filter.changedAfter());
        }
        return params;
    }
}
