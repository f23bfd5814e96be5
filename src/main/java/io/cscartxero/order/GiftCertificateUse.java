package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.Objects;

/** A gift certificate redeemed on the order ({@code order_data} type U): {@code cost} came off the total. */
public record GiftCertificateUse(String code, BigDecimal cost) {

    public GiftCertificateUse {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(cost, "cost");
    }
}
