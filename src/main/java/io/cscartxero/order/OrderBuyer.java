package io.cscartxero.order;

import java.util.Collection;
import java.util.Map;

import io.cscartxero.contact.OrderContactFactory;

/**
 * Who an order's contact belongs to, as both steps of the order export see it: a registered customer (the order's
 * user, or the customer whose e-mail — trimmed, any case — a guest order carries), else the buyer known only from the
 * order (a guest; also a deleted customer or an administrator who bought), one per e-mail, one per order without one.
 */
final class OrderBuyer {

    private OrderBuyer() {
    }

    /** The customers of the given orders' guest e-mails (one CS-Cart query), keyed by normalised e-mail. */
    static Map<String, Long> customersOfGuests(OrderContactFactory factory, Collection<OrderRow> orders) {
        return factory.customersByEmail(orders.stream().filter(OrderRow::isGuest).map(OrderRow::email).toList());
    }

    /** The customer whose contact the order uses, or null for a guest who is no customer. */
    static Long customerOf(OrderRow order, Map<String, Long> customersOfGuests) {
        return order.isGuest() ? customersOfGuests.get(OrderContactFactory.normalisedEmail(order.email())) : Long.valueOf(order.userId());
    }

    /** The link key of the buyer known only from the order. */
    static String guestKey(OrderRow order) {
        return OrderContactFactory.guestLinkKey(order.email(), order.orderId());
    }

    /**
     * The buyer as the invoice's payload hash knows it: the customer, or the guest's normalised e-mail (the order
     * when it has none). A buyer who changes makes the invoice change.
     */
    static String contactKey(OrderRow order) {
        if (!order.isGuest()) {
            return "customer:" + order.userId();
        }
        return order.email().isBlank() ? "guest-order:" + order.orderId() : "guest:" + order.email().strip().toLowerCase();
    }
}
