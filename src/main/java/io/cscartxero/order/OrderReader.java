package io.cscartxero.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cscartxero.cscart.RmaReturns;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads orders in keyset-paged pages of {@code pageSize} orders (order_id ascending) and, for each page, their lines
 * and order data with one query each — three queries per page (with the RMA add-on three more: its refund returns
 * before and after), never a query per order. Pages are larger than an export's chunks (a round trip to the store
 * costs more than the rows it carries, see BENCHMARKS.md "Issue 11"); the
 * restart position is the id of the last order handed to the step, so what the step commits with a chunk is
 * exactly where a restarted execution continues, however far ahead the reader has read.
 * <p>While the step processes a chunk, the next pages are read on a thread of the reader's own and parsed (PHP unserialize
 * of the order data and line extras) on all cores: the store's round trips and the parsing overlap with the step's invoice
 * computation, writing and commits instead of adding to them. Reading ahead changes nothing of the restart position
 * (the last order handed out); {@link #close()} drops the pages read ahead.
 */
class OrderReader implements ItemStreamReader<SourceOrder> {

    /** Restart position: the last order id returned by {@link #read()}. */
    static final String LAST_ORDER_ID = "orderReader.last.order.id";
    /** The position as the previous reader (a {@code JdbcPagingItemReader} named orderReader) saved it. */
    private static final String LEGACY_START_AFTER = "orderReader.start.after";

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartOrderQueries queries;
    private final CsCartOrderQueries.Filter filter;
    private final Map<Long, String> itemCodes;
    private final int pageSize;
    /** The RMA add-on's refund returns, read around each page (null: not read, every order has none). */
    private final RmaReturns returns;
    private final Deque<SourceOrder> buffer = new ArrayDeque<>();
    /** The last order id read from the store (end of the buffered page), null before the first page. */
    private Long pageEnd;
    /** The last order id returned to the step. */
    private Long lastReturned;
    private boolean exhausted;
    /** Reads the next pages ahead; created by {@link #open}, stopped by {@link #close}. */
    private ExecutorService prefetcher;
    /** The pages being read ahead, in order (the first after {@link #pageEnd}). */
    private final Deque<Future<Page>> ahead = new ArrayDeque<>();
    /**
     * Pages read ahead: a dry run two, so that its chunk of two pages ({@link DryRunOrSendStep#DRY_RUN_CHUNK}) finds
     * both read instead of waiting for the second; an export one (Xero, not the store, sets its pace).
     */
    private final int pagesAhead;

    /** One page: the orders assembled, the last order id read (null if none) and whether it was the last page. */
    private record Page(List<SourceOrder> orders, Long end, boolean last) {
    }

    OrderReader(NamedParameterJdbcTemplate cscart, CsCartOrderQueries queries, CsCartOrderQueries.Filter filter,
            Map<Long, String> itemCodes, int pageSize) {
        this(cscart, queries, filter, itemCodes, pageSize, null, 1);
    }

    /** @param pagesAhead pages read ahead on the reader's own thread (1 or more) */
    OrderReader(NamedParameterJdbcTemplate cscart, CsCartOrderQueries queries, CsCartOrderQueries.Filter filter,
            Map<Long, String> itemCodes, int pageSize, RmaReturns returns, int pagesAhead) {
        this.pagesAhead = Math.max(1, pagesAhead);
        this.returns = returns;
        this.cscart = cscart;
        this.queries = queries;
        this.filter = filter;
        this.itemCodes = itemCodes;
        this.pageSize = pageSize;
    }

    @Override
    public void open(ExecutionContext context) {
        stopPrefetch();
        buffer.clear();
        exhausted = false;
        lastReturned = null;
        if (context.containsKey(LAST_ORDER_ID)) {
            lastReturned = context.getLong(LAST_ORDER_ID);
        } else if (context.get(LEGACY_START_AFTER) instanceof Map<?, ?> startAfter && startAfter.get("order_id") instanceof Number n) {
            lastReturned = n.longValue(); // one page per chunk then: the page's last key is the last committed order
        }
        pageEnd = lastReturned;
        prefetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "orderReader-prefetch");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void update(ExecutionContext context) {
        if (lastReturned != null) {
            context.putLong(LAST_ORDER_ID, lastReturned);
        }
    }

    @Override
    public void close() {
        stopPrefetch();
        buffer.clear();
    }

    @Override
    public SourceOrder read() {
        if (buffer.isEmpty() && !exhausted) {
            Page page = nextPage();
            buffer.addAll(page.orders());
            exhausted = page.last();
            if (page.end() != null) {
                pageEnd = page.end();
            }
            if (exhausted) {
                stopReadingAhead();
            }
            while (!exhausted && prefetcher != null && ahead.size() < pagesAhead) {
                readAhead();
            }
        }
        SourceOrder next = buffer.poll();
        if (next != null) {
            lastReturned = next.row().orderId();
        }
        return next;
    }

    /**
     * Queues the page after the last one queued (after {@link #pageEnd} when none is): the prefetcher has one thread,
     * so the page before it has been read when it starts, and it starts after that page's end (nothing after a last page).
     */
    private void readAhead() {
        Future<Page> previous = ahead.peekLast();
        Long after = pageEnd;
        ahead.add(prefetcher.submit(() -> {
            Long start = after;
            if (previous != null) {
                Page before = previous.get();
                if (before.last()) {
                    return new Page(List.of(), null, true);
                }
                start = before.end();
            }
            return fetch(start);
        }));
    }

    /** The page after {@link #pageEnd}: the one read ahead, else read now (first page, or read without {@link #open}). */
    private Page nextPage() {
        Future<Page> pending = ahead.poll();
        if (pending == null) {
            return fetch(pageEnd);
        }
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            stopReadingAhead();   // the pages after it were queued on it: never hand them out after a page not read
            throw new IllegalStateException("Interrupted while reading orders after " + pageEnd, e);
        } catch (CancellationException e) {
            stopReadingAhead();
            return fetch(pageEnd);
        } catch (ExecutionException e) {
            stopReadingAhead();
            // the store's error as if read on this thread (a failed query fails the step the same way)
            throw ExecutionFailures.unchecked(e);
        }
    }

    private void stopReadingAhead() {
        ahead.forEach(f -> f.cancel(true));
        ahead.clear();
    }

    private void stopPrefetch() {
        stopReadingAhead();
        if (prefetcher != null) {
            prefetcher.shutdownNow();
            prefetcher = null;
        }
    }

    /**
     * Reads and assembles the {@link #pageSize} orders after {@code after} (null: from the first): three queries, and
     * with the RMA add-on two before (the page's bound, its returns) and one after them: an order's completed refund returns are known (what CS-Cart
     * had lowered the rows read by) when they were the same before and after, else null (they changed meanwhile).
     * <p>The per-row and per-order work is in methods of their own, not in this method's loops: it runs once per page,
     * too rarely for the JIT to compile it (the launcher runs C1 only), and a loop body here ran interpreted for most of
     * a 100,000-order back-fill (a sixth of this thread's time, issue 11).
     */
    private Page fetch(Long after) {
        long start = after != null ? after : -1L;
        // without the RMA add-on (or refund statuses) no order has refund returns: nothing to read around the page
        boolean refunds = returns != null && returns.refundsPossible();
        Map<Long, List<Long>> returnsBefore = refunds ? returnsBefore(start) : null;
        Map<String, Object> params = new HashMap<>(filter.parameters());
        params.put("limit", pageSize);
        params.put("after", start);
        Map<Long, OrderRow> rows = new LinkedHashMap<>();
        cscart.query(queries.pageQuery(filter), params, rs -> {
            OrderRow row = CsCartOrderQueries.INVOICE_ROW_MAPPER.mapRow(rs, rows.size());
            rows.put(row.orderId(), row);
        });
        boolean last = rows.size() < pageSize;
        if (rows.isEmpty()) {
            return new Page(List.of(), null, true);
        }
        List<Long> orderIds = List.copyOf(rows.keySet());
        Map<String, Object> ids = Map.of("ids", orderIds);
        Lines lines = new Lines();
        cscart.query(queries.linesQuery(), ids, lines);
        Map<Long, Map<String, byte[]>> data = new HashMap<>();
        cscart.query(queries.orderDataQuery(), ids, (RowCallbackHandler) rs -> addData(data, rs.getLong(1), rs.getString(2), rs.getBytes(3)));
        Map<Long, List<Long>> returnsAfter = refunds ? returns.completedRefundIds(orderIds) : null;
        // the PHP unserialize of every order's data and lines, on all cores (in the page's order): one thread alone
        // was the dry run's slowest stage (issue 11)
        List<SourceOrder> orders = rows.values().parallelStream()
                .map(row -> order(row, lines, data, returnsBefore, returnsAfter)).toList();
        return new Page(orders, orderIds.get(orderIds.size() - 1), last);
    }

    /**
     * The completed refund returns of the orders of the page after {@code after}, read before its rows: bounded by the
     * page's last order id as the store has it now (one small query), not every return after the page start. An order
     * the page ends up with beyond that bound (the store changed in between) has no returns here; if it has some
     * after its rows were read, they differ and are not known — as for any change meanwhile.
     */
    private Map<Long, List<Long>> returnsBefore(long after) {
        Map<String, Object> params = new HashMap<>(filter.parameters());
        params.put("limit", pageSize);
        params.put("after", after);
        Long upTo = cscart.queryForObject(queries.pageEndQuery(filter), params, Long.class);
        return upTo == null ? Map.of() : returns.completedRefundIds(after, upTo);
    }

    /** One order of the page, assembled from its row, lines and data, with its refund returns when they are known. */
    private static SourceOrder order(OrderRow row, Lines lines, Map<Long, Map<String, byte[]>> data,
            Map<Long, List<Long>> returnsBefore, Map<Long, List<Long>> returnsAfter) {
        Long orderId = row.orderId();
        List<OrderLine> orderLines = new ArrayList<>();
        String lineProblem = null;
        for (Lines.Raw line : lines.of(orderId)) {
            try {
                orderLines.add(line.parsed());
            } catch (InvalidOrderDataException e) {
                lineProblem = lineProblem != null ? lineProblem : e.getMessage();
            }
        }
        SourceOrder order = assemble(row, orderLines, data.getOrDefault(orderId, Map.of()), lineProblem);
        if (returnsAfter == null) {
            return order;
        }
        List<Long> before = returnsBefore.getOrDefault(orderId, List.of());
        List<Long> now = returnsAfter.getOrDefault(orderId, List.of());
        return order.withRefundReturns(before.equals(now) ? List.copyOf(now) : null);
    }

    private static void addData(Map<Long, Map<String, byte[]>> data, long orderId, String type, byte[] value) {
        data.computeIfAbsent(orderId, k -> new HashMap<>(4)).put(type, value);
    }

    /** The page's order lines by order as read, their PHP {@code extra} unparsed ({@link #order} parses it on any thread). */
    private final class Lines implements RowCallbackHandler {
        private final Map<Long, List<Raw>> byOrder = new HashMap<>();

        /** One order line as the store has it (price null: CS-Cart always writes one, so the order cannot be invoiced). */
        private record Raw(long orderId, long itemId, long productId, String productCode, java.math.BigDecimal price,
                long amount, byte[] extra, String itemCode) {

            OrderLine parsed() {
                if (price == null) {
                    throw new InvalidOrderDataException(orderId, "order line " + itemId + " has no price (NULL)");
                }
                String description = OrderDataParser.productText(orderId, itemId, extra).description();
                return new OrderLine(itemId, productId, productCode, description, price, amount, itemCode);
            }
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            long orderId = rs.getLong(1);
            long productId = rs.getLong(3);
            byOrder.computeIfAbsent(orderId, k -> new ArrayList<>()).add(new Raw(orderId, rs.getLong(2), productId,
                    rs.getString(4), rs.getBigDecimal(5), rs.getLong(6), rs.getBytes(7), itemCodes.get(productId)));
        }

        List<Raw> of(Long orderId) {
            return byOrder.getOrDefault(orderId, List.of());
        }
    }

    private static SourceOrder assemble(OrderRow row, List<OrderLine> lines, Map<String, byte[]> data, String lineProblem) {
        String problem = row.problem() != null ? row.problem() : lineProblem;
        if (problem != null) {
            return new SourceOrder(row, null, problem);
        }
        try {
            var taxes = data.containsKey("T") ? OrderDataParser.taxes(row.orderId(), data.get("T")) : List.<OrderTax>of();
            var certificates = data.containsKey("U") ? OrderDataParser.giftCertificates(row.orderId(), data.get("U"))
                    : List.<GiftCertificateUse>of();
            String shipping = data.containsKey("L") ? OrderDataParser.shippingName(row.orderId(), data.get("L")) : "";
            return new SourceOrder(row, new CsCartOrder(row.orderId(), row.money(), lines, taxes, certificates, shipping), null);
        } catch (InvalidOrderDataException | IllegalArgumentException | NullPointerException e) {
            return new SourceOrder(row, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
