package io.cscartxero.order;

import io.cscartxero.customer.CsCartCustomer;

/** An order's row: who bought (a customer, or a guest with user_id 0), when, and its money. */
public record OrderRow(long orderId, long userId, String status, long placedAt, String email, String firstname,
        String lastname, String company, String phone, CsCartCustomer.PostalAddress billing,
        CsCartCustomer.PostalAddress shipping, OrderMoney money) {

    public boolean isGuest() {
        return userId == 0;
    }
}
