package io.cscartxero.contact;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.sync.PayloadHash;
import io.cscartxero.xero.model.Contact;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Contacts for the order export: a registered customer's contact exactly as customerExportJob builds it, and one
 * contact per distinct guest e-mail (orders with user_id 0), built from the order's copy of the buyer's details. A
 * guest whose e-mail belongs to a customer is that customer ({@link #customersByEmail}).
 */
public class OrderContactFactory {

    private final NamedParameterJdbcTemplate cscart;
    private final CsCartCustomerQueries queries;
    private ContactNames names;
    private final Set<String> guestNames = new HashSet<>();

    public OrderContactFactory(NamedParameterJdbcTemplate cscart, CsCartProperties properties) {
        this.cscart = cscart;
        this.queries = new CsCartCustomerQueries(properties);
    }

    /** Contacts of registered customers (one query); ids without a users row are absent from the map. */
    public Map<Long, ContactSyncItem> forCustomers(List<Long> userIds) {
        Map<Long, ContactSyncItem> contacts = new HashMap<>();
        if (userIds.isEmpty()) {
            return contacts;
        }
        ContactNames unique = names();
        var filter = new CsCartCustomerQueries.Filter(userIds, null);
        cscart.query("SELECT * FROM " + queries.fromClause(filter), filter.parameters(), rs -> {
            CsCartCustomer c = CsCartCustomerQueries.ROW_MAPPER.mapRow(rs, 0);
            contacts.put(c.userId(), CustomerContactMapper.toItem(c, unique));
        });
        return contacts;
    }

    /**
     * The customers whose e-mail the given addresses are, compared trimmed and case-insensitively (as {@link
     * #normalisedEmail}); keys are the normalised addresses. Several customers with one address (CS-Cart can be set
     * to allow it): the lowest user_id, the same customer that keeps a shared name. One query.
     */
    public Map<String, Long> customersByEmail(Collection<String> emails) {
        Set<String> wanted = new HashSet<>();
        emails.stream().map(OrderContactFactory::normalisedEmail).filter(e -> !e.isEmpty()).forEach(wanted::add);
        Map<String, Long> customers = new HashMap<>();
        if (wanted.isEmpty()) {
            return customers;
        }
        cscart.query(queries.customersByEmailQuery(), Map.of("emails", wanted), rs -> {
            String email = normalisedEmail(rs.getString("email"));
            if (wanted.contains(email)) {
                customers.merge(email, rs.getLong("user_id"), Math::min);
            }
        });
        return customers;
    }

    /** An e-mail as guests and customers are matched: without surrounding blanks, in lower case. */
    public static String normalisedEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The link key of a buyer known only from an order: a hash of the normalised e-mail (case and spaces ignored), so
     * all of one guest's orders share a contact; without an e-mail nothing identifies the buyer: one per order.
     */
    public static String guestLinkKey(String email, long orderId) {
        String normalised = normalisedEmail(email);
        return normalised.isEmpty() ? "order-" + orderId : PayloadHash.sha256(normalised).substring(0, 40);
    }

    public ContactSyncItem forGuest(String key, String email, String firstname, String lastname, String company, String phone,
            CsCartCustomer.PostalAddress billing, CsCartCustomer.PostalAddress shipping) {
        CsCartCustomer asCustomer = new CsCartCustomer(0, 0, "A", email, firstname, lastname, company, phone, "", 0, billing, shipping);
        String baseName = ContactNames.baseName(0, company, firstname, lastname, email);
        Contact contact = CustomerContactMapper.toContact(asCustomer, ContactNames.truncate(baseName, ContactNames.MAX_NAME), null);
        contact = new Contact(null, "cscart-guest-" + (key.length() > 16 ? key.substring(0, 16) : key), null, contact.name(), contact.firstName(),
                contact.lastName(), contact.emailAddress(), contact.addresses(), contact.phones(), null, null, null, null);
        String suffix = email.isBlank() ? " (" + key + ")" : " (" + email.strip() + ")";
        // a name a customer's contact or an earlier guest of this run already has would be refused: the suffix up front
        // saves the call that would learn it (Xero's refusal still renames the others, e.g. contacts made outside the store)
        if (names().isCustomerName(baseName) || !guestNames.add(ContactNames.nameKey(baseName))) {
            contact = contact.withName(ContactNames.withSuffix(baseName, suffix));
        }
        return new ContactSyncItem(ContactSyncItem.GUEST_ENTITY, key, baseName, suffix, contact, PayloadHash.of(contact));
    }

    private ContactNames names() {
        if (names == null) {
            names = ContactNames.read(cscart.getJdbcOperations(), queries);
        }
        return names;
    }
}
