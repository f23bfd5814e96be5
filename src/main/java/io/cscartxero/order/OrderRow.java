package io.cscartxero.order;

import io.cscartxero.contact.CsCartCustomer;

/**
 * An order's row: who bought (a customer, or a guest with user_id 0), when, and its money; {@code problem} says
 * why the row cannot be invoiced (e.g. a NULL amount), else null.
 */
public record OrderRow(long orderId, long userId, String status, long placedAt, String email, String firstname,
        String lastname, String company, String phone, CsCartCustomer.PostalAddress billing,
        CsCartCustomer.PostalAddress shipping, OrderMoney money, String problem) {

    public boolean isGuest() {
        return userId == 0;
    }
}
