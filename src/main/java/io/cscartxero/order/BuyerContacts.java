package io.cscartxero.order;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.cscartxero.contact.ContactSyncItem;
import io.cscartxero.contact.OrderContactFactory;
import io.cscartxero.sync.SyncLink;
import io.cscartxero.sync.SyncLinkRepository;

/**
 * The invoice step's view of the buyers: each order's ContactID from the links the buyer step (or customerExportJob)
 * saved — one CS-Cart query for guests' e-mails and two link look-ups per chunk, never a Xero call. An order whose
 * buyer has no contact gets the reason instead.
 */
class BuyerContacts {

    /** Per order id: its buyer's ContactID, or why there is none. */
    record Resolved(Map<Long, String> contactIds, Map<Long, String> problems) {
    }

    private final OrderContactFactory factory;
    private final SyncLinkRepository links;
    private final String tenant;

    BuyerContacts(OrderContactFactory factory, SyncLinkRepository links, String tenant) {
        this.factory = factory;
        this.links = links;
        this.tenant = tenant;
    }

    Resolved resolve(Collection<OrderRow> orders) {
        Map<String, Long> customersOfGuests = OrderBuyer.customersOfGuests(factory, orders);
        Set<String> customerIds = new LinkedHashSet<>();
        Set<String> guestKeys = new LinkedHashSet<>();
        for (OrderRow order : orders) {
            Long userId = OrderBuyer.customerOf(order, customersOfGuests);
            if (userId != null) {
                customerIds.add(Long.toString(userId));
            }
            guestKeys.add(OrderBuyer.guestKey(order));
        }
        Map<String, SyncLink> customerLinks = links.findByCscartIds(tenant, ContactSyncItem.CUSTOMER_ENTITY, customerIds);
        Map<String, SyncLink> guestLinks = links.findByCscartIds(tenant, ContactSyncItem.GUEST_ENTITY, guestKeys);
        Map<Long, String> contactIds = new HashMap<>();
        Map<Long, String> problems = new HashMap<>();
        for (OrderRow order : orders) {
            Long userId = OrderBuyer.customerOf(order, customersOfGuests);
            // a customer's own link first; a buyer whose account is gone (no customer link at all) is known by the order
            SyncLink link = userId == null ? null : customerLinks.get(Long.toString(userId));
            if (link == null) {
                link = guestLinks.get(OrderBuyer.guestKey(order));
            }
            if (link != null && link.state() == SyncLink.State.SYNCED && link.xeroId() != null) {
                contactIds.put(order.orderId(), link.xeroId());
            } else if (link != null) {
                problems.put(order.orderId(), "Xero rejected the contact (see the " + link.entity() + " " + link.cscartId()
                        + " row of this run's buyer step)");
            } else {
                problems.put(order.orderId(), "the buyer step has not created it");
            }
        }
        return new Resolved(contactIds, problems);
    }
}
