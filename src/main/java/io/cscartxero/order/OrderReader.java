package io.cscartxero.order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads orders through one paging query and, for each chunk's worth of orders, their lines and order data with
 * one query each — never a query per order. It reads exactly one chunk ahead of the writer and the step commits
 * at the same boundary, so the delegate's saved key position is always the position of the last committed order.
 */
class OrderReader implements ItemStreamReader<SourceOrder> {

    private final JdbcPagingItemReader<OrderRow> orders;
    private final NamedParameterJdbcTemplate cscart;
    private final CsCartOrderQueries queries;
    private final Map<Long, String> itemCodes;
    private final int chunkSize;
    private final Deque<SourceOrder> buffer = new ArrayDeque<>();

    OrderReader(JdbcPagingItemReader<OrderRow> orders, NamedParameterJdbcTemplate cscart, CsCartOrderQueries queries,
            Map<Long, String> itemCodes, int chunkSize) {
        this.orders = orders;
        this.cscart = cscart;
        this.queries = queries;
        this.itemCodes = itemCodes;
        this.chunkSize = chunkSize;
    }

    @Override
    public void open(ExecutionContext context) {
        orders.open(context);
    }

    @Override
    public void update(ExecutionContext context) {
        orders.update(context);
    }

    @Override
    public void close() {
        orders.close();
    }

    @Override
    public SourceOrder read() throws Exception {
        if (buffer.isEmpty()) {
            fill();
        }
        return buffer.poll();
    }

    private void fill() throws Exception {
        Map<Long, OrderRow> rows = new LinkedHashMap<>();
        for (OrderRow row; rows.size() < chunkSize && (row = orders.read()) != null;) {
            rows.put(row.orderId(), row);
        }
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> ids = Map.of("ids", List.copyOf(rows.keySet()));
        Map<Long, List<OrderLine>> lines = new HashMap<>();
        Map<Long, String> problems = new HashMap<>();
        cscart.query(queries.linesQuery(), ids, rs -> {
            long orderId = rs.getLong("order_id");
            long itemId = rs.getLong("item_id");
            try {
                if (rs.getBigDecimal("price") == null) {
                    throw new InvalidOrderDataException(orderId, "order line " + itemId + " has no price (NULL)");
                }
                String description = OrderDataParser.productText(orderId, itemId, rs.getBytes("extra")).description();
                long productId = rs.getLong("product_id");
                lines.computeIfAbsent(orderId, k -> new ArrayList<>()).add(new OrderLine(itemId, productId,
                        rs.getString("product_code"), description, rs.getBigDecimal("price"), rs.getLong("amount"), itemCodes.get(productId)));
            } catch (InvalidOrderDataException e) {
                problems.putIfAbsent(orderId, e.getMessage());
            }
        });
        Map<Long, Map<String, byte[]>> data = new HashMap<>();
        cscart.query(queries.orderDataQuery(), ids, rs -> {
            data.computeIfAbsent(rs.getLong("order_id"), k -> new HashMap<>()).put(rs.getString("type"), rs.getBytes("data"));
        });
        for (OrderRow row : rows.values()) {
            buffer.add(assemble(row, lines.getOrDefault(row.orderId(), List.of()), data.getOrDefault(row.orderId(), Map.of()),
                    problems.get(row.orderId())));
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
