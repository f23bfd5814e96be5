package io.cscartxero.order;

import java.util.List;
import java.util.Objects;

/**
 * Everything the invoice is computed from: the order row's money, its lines, and what {@code order_data} says about
 * taxes (T), redeemed gift certificates (U) and the chosen shipping (L).
 *
 * @param shippingName names of the chosen shipping methods, empty when unknown
 */
public record CsCartOrder(long orderId, OrderMoney money, List<OrderLine> lines, List<OrderTax> taxes,
        List<GiftCertificateUse> giftCertificates, String shippingName) {

    public CsCartOrder {
        Objects.requireNonNull(money, "money");
        lines = List.copyOf(lines);
        taxes = List.copyOf(taxes);
        giftCertificates = List.copyOf(giftCertificates);
        shippingName = shippingName == null ? "" : shippingName;
    }
}
