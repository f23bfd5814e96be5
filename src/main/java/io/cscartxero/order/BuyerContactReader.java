package io.cscartxero.order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The buyer step's reader: reads the run's orders page by page in order_id order and returns only the contacts
 * Xero does not have yet — registered customers without a link (built as customerExportJob builds them), and one
 * contact per guest e-mail without a link — each once per run. So every chunk the writer gets is a full batch of
 * contacts to send, however many orders share a buyer or are already linked.
 * <p>
 * Restart: the saved position is the highest order_id all of whose buyers were returned before the last commit; the
 * links of those buyers commit in the same transaction, so a restart reads on from there and skips them.
 */
class BuyerContactReader implements ItemStreamReader<ContactSyncItem> {

    static final String POSITION_KEY = "buyerReader.afterOrderId";

    /** A contact to send, with the first order (in order_id order) that needs it. */
    private record Pending(long orderId, ContactSyncItem contact) {
    }

    private final NamedParameterJdbcTemplate cscart;
    private final String pageQuery;
    private final Map<String, Object> parameters;
    private final OrderContactFactory factory;
    private final SyncLinkRepository links;
    private final String tenant;
    private final int pageSize;
    private final Deque<Pending> buffer = new ArrayDeque<>();
    private final Set<String> returned = new HashSet<>();   // link keys returned in this execution
    private final boolean enabled;
    private long readUpTo;
    private boolean exhausted;

    /**
     * @param pageQuery the run's orders after {@code :afterOrderId}, in order_id order, at most {@code :pageSize}
     * @param parameters the query's filter parameters
     * @param enabled false for a dry run, which sends nothing: then no contact is read
     */
    BuyerContactReader(NamedParameterJdbcTemplate cscart, String pageQuery, Map<String, Object> parameters,
            OrderContactFactory factory, SyncLinkRepository links, String tenant, int pageSize, boolean enabled) {
        this.enabled = enabled;
        this.cscart = cscart;
        this.pageQuery = pageQuery;
        this.parameters = parameters;
        this.factory = factory;
        this.links = links;
        this.tenant = tenant;
        this.pageSize = pageSize;
    }

    /** The page query over a from clause of orders (as the invoice step's reader uses). */
    static String pageQuery(String fromClause) {
        return "SELECT * FROM " + fromClause + " WHERE c.order_id > :afterOrderId ORDER BY c.order_id LIMIT :pageSize";
    }

    @Override
    public void open(ExecutionContext context) {
        readUpTo = context.containsKey(POSITION_KEY) ? context.getLong(POSITION_KEY) : 0;
        buffer.clear();
        returned.clear();
        exhausted = !enabled;
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(POSITION_KEY, buffer.isEmpty() ? readUpTo : buffer.peek().orderId() - 1);
    }

    @Override
    public void close() {
        buffer.clear();
    }

    @Override
    public ContactSyncItem read() {
        while (buffer.isEmpty() && !exhausted) {
            readPage();
        }
        Pending next = buffer.poll();
        return next == null ? null : next.contact();
    }

    private void readPage() {
        Map<String, Object> page = new HashMap<>(parameters);
        page.put("afterOrderId", readUpTo);
        page.put("pageSize", pageSize);
        List<OrderRow> orders = cscart.query(pageQuery, page, CsCartOrderQueries.ROW_MAPPER);
        if (orders.isEmpty()) {
            exhausted = true;
            return;
        }
        Map<String, Long> customersOfGuests = OrderBuyer.customersOfGuests(factory, orders);
        Set<Long> customerIds = new LinkedHashSet<>();
        for (OrderRow order : orders) {
            Long userId = OrderBuyer.customerOf(order, customersOfGuests);
            if (userId != null && !returned.contains(customerKey(userId))) {
                customerIds.add(userId);
            }
        }
        Map<String, SyncLink> customerLinks = links.findByCscartIds(tenant, ContactSyncItem.CUSTOMER_ENTITY,
                customerIds.stream().map(String::valueOf).toList());
        List<Long> unlinked = customerIds.stream().filter(id -> !isLinked(customerLinks.get(Long.toString(id)))).toList();
        Map<Long, ContactSyncItem> customers = factory.forCustomers(unlinked);

        // buyers known only from their order: guests, and customers whose account is gone or is no customer account
        Map<String, OrderRow> guests = new HashMap<>();
        for (OrderRow order : orders) {
            Long userId = OrderBuyer.customerOf(order, customersOfGuests);
            boolean isCustomer = userId != null && (returned.contains(customerKey(userId))
                    || isLinked(customerLinks.get(Long.toString(userId))) || customers.containsKey(userId));
            if (!isCustomer) {
                guests.putIfAbsent(OrderBuyer.guestKey(order), order);
            }
        }
        Map<String, SyncLink> guestLinks = links.findByCscartIds(tenant, ContactSyncItem.GUEST_ENTITY, guests.keySet());

        for (OrderRow order : orders) {
            Long userId = OrderBuyer.customerOf(order, customersOfGuests);
            if (userId != null && customers.containsKey(userId)) {
                if (returned.add(customerKey(userId))) {
                    buffer.add(new Pending(order.orderId(), customers.get(userId)));
                }
                continue;
            }
            String guestKey = OrderBuyer.guestKey(order);
            if (guests.get(guestKey) == order && !isLinked(guestLinks.get(guestKey)) && returned.add("guest:" + guestKey)) {
                buffer.add(new Pending(order.orderId(), factory.forGuest(guestKey, order.email(), order.firstname(), order.lastname(),
                        order.company(), order.phone(), order.billing(), order.shipping())));
            }
        }
        readUpTo = orders.get(orders.size() - 1).orderId();
        if (orders.size() < pageSize) {
            exhausted = true;
        }
    }

    private static boolean isLinked(SyncLink link) {
        return link != null && link.state() == SyncLink.State.SYNCED && link.xeroId() != null;
    }

    private static String customerKey(long userId) {
        return "customer:" + userId;
    }
}
