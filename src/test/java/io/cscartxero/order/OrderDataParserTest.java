package io.cscartxero.order;

import static io.cscartxero.order.Php.a;
import static io.cscartxero.order.Php.b;
import static io.cscartxero.order.Php.bytes;
import static io.cscartxero.order.Php.i;
import static io.cscartxero.order.Php.n;
import static io.cscartxero.order.Php.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cscartxero.cscart.php.PhpString;

class OrderDataParserTest {

    /** order_data T of demo order 51 (CS-Cart ULT 4.20.1 demo.sql), verbatim. */
    static final String DEMO_51_T = "a:1:{i:6;a:8:{s:9:\"rate_type\";s:1:\"P\";s:10:\"rate_value\";s:6:\"10.000\";"
            + "s:18:\"price_includes_tax\";s:1:\"Y\";s:9:\"regnumber\";s:7:\"1234242\";s:8:\"priority\";i:0;"
            + "s:12:\"tax_subtotal\";d:14.359999999999999;s:11:\"description\";s:3:\"VAT\";s:7:\"applies\";a:3:{"
            + "s:1:\"P\";d:11.81;s:1:\"S\";d:2.5499999999999998;s:5:\"items\";a:2:{s:1:\"S\";a:1:{i:0;a:1:{i:1;b:1;}}"
            + "s:1:\"P\";a:1:{s:10:\"3592732382\";b:1;}}}}}";

    /** order_data L of demo order 51, shortened to the keys read (the real one has 15). */
    static final String DEMO_51_L = "a:1:{i:0;a:4:{s:11:\"shipping_id\";s:1:\"1\";s:8:\"shipping\";"
            + "s:22:\"Custom shipping method\";s:13:\"delivery_time\";s:8:\"3-5 days\";s:4:\"rate\";d:28;}}";

    /** order_details.extra of a demo order-28 line: the product name in UTF-8 (® is 2 bytes), options trimmed to the keys read. */
    static final String DEMO_EXTRA_WITH_OPTIONS = "a:4:{s:15:\"product_options\";a:2:{i:13;s:2:\"48\";i:14;s:2:\"49\";}"
            + "s:7:\"product\";s:59:\"Apple® - iPad® with Retina® display Wi-Fi - 32GB - White\";s:10:\"base_price\";d:499;"
            + "s:21:\"product_options_value\";a:2:{"
            + "i:0;a:4:{s:11:\"option_type\";s:1:\"C\";s:5:\"value\";s:2:\"48\";s:11:\"option_name\";s:15:\"3G Connectivity\";s:12:\"variant_name\";s:2:\"No\";}"
            + "i:1;a:4:{s:11:\"option_type\";s:1:\"S\";s:5:\"value\";s:2:\"44\";s:11:\"option_name\";s:15:\"Memory capacity\";s:12:\"variant_name\";s:4:\"16GB\";}}}";

    @Test
    void demoTaxesInSubtotalMode() {
        List<OrderTax> taxes = OrderDataParser.taxes(51, bytes(DEMO_51_T));
        assertThat(taxes).hasSize(1);
        OrderTax vat = taxes.get(0);
        assertThat(vat.taxId()).isEqualTo("6");
        assertThat(vat.rateType()).isEqualTo("P");
        assertThat(vat.rateValue()).isEqualByComparingTo("10");
        assertThat(vat.priceIncludesTax()).isTrue();
        assertThat(vat.taxSubtotal()).isEqualTo(new BigDecimal("14.36"));
        assertThat(vat.description()).isEqualTo("VAT");
        assertThat(vat.priority()).isZero();
        assertThat(vat.applies().targetsOnly()).isEqualTo(new TaxApplies(java.util.Set.of("3592732382"), false, true, false, false));
        // the amounts CS-Cart charged on the products and on shipping: the lines' TaxAmounts
        assertThat(vat.applies().productsTax()).isEqualByComparingTo("11.81");
        assertThat(vat.applies().shippingTax()).isEqualByComparingTo("2.55");
        assertThat(vat.applies().surchargeTax()).isNull();
        assertThat(vat.label()).isEqualTo("6 (VAT)");
    }

    @Test
    void unitPriceModeKeysNameEachTaxedThing() {
        String t = a(3, a("rate_type", s("P"), "rate_value", s("8.250"), "price_includes_tax", s("N"),
                "tax_subtotal", s("3.30"), "description", s("City tax"), "priority", s("1"),
                "applies", a("P_1001", Php.d(new BigDecimal("2.47")), "S_0_7", Php.d(new BigDecimal("0.83")),
                        "PS_2", Php.d(new BigDecimal("0.10")))));
        OrderTax tax = OrderDataParser.taxes(9, bytes(t)).get(0);
        assertThat(tax.taxId()).isEqualTo("3");
        assertThat(tax.rateValue()).isEqualByComparingTo("8.25");
        assertThat(tax.priceIncludesTax()).isFalse();
        assertThat(tax.taxSubtotal()).isEqualByComparingTo("3.30");
        assertThat(tax.priority()).isEqualTo(1);
        assertThat(tax.applies().targetsOnly()).isEqualTo(new TaxApplies(java.util.Set.of("1001"), false, true, true, true));
        // each key's amount: the line's, the shipping's and the surcharge's tax
        assertThat(tax.applies().itemTaxes()).containsExactly(java.util.Map.entry("1001", new BigDecimal("2.47")));
        assertThat(tax.applies().productsTax()).isEqualByComparingTo("2.47");
        assertThat(tax.applies().shippingTax()).isEqualByComparingTo("0.83");
        assertThat(tax.applies().surchargeTax()).isEqualByComparingTo("0.10");
    }

    @Test
    void toleratesIntItemKeysMissingOptionalKeysAndNumbersAsFloats() {
        String t = a(1, a("rate_value", Php.d17(new BigDecimal("15")), "tax_subtotal", Php.d17(new BigDecimal("1.15")),
                "applies", a("P", Php.d17(new BigDecimal("1.15")), "S", i(0),
                        "items", a("P", a(77L, b(true), 78L, b(false)), "S", a(), "PS", a(5, b(true))))));
        OrderTax tax = OrderDataParser.taxes(9, bytes(t)).get(0);
        assertThat(tax.rateType()).isEqualTo("P");
        assertThat(tax.description()).isEmpty();
        assertThat(tax.priority()).isZero();
        assertThat(tax.priceIncludesTax()).isFalse();
        assertThat(tax.applies().targetsOnly()).isEqualTo(new TaxApplies(java.util.Set.of("77"), false, false, true, false));
        assertThat(tax.label()).isEqualTo("1");
    }

    @Test
    void aProductAmountWithoutItemFlagsAppliesToEveryLine() {
        String t = a(1, a("rate_value", s("10"), "tax_subtotal", s("1"), "applies", a("P", s("1.00"))));
        TaxApplies applies = OrderDataParser.taxes(9, bytes(t)).get(0).applies();
        assertThat(applies.allItems()).isTrue();
        assertThat(applies.appliesTo(new OrderLine(5, 1, "", "", BigDecimal.TEN, 1, null))).isTrue();
    }

    @Test
    void aTaxThatChargedNothingNeedsNoApplies() {
        String t = a(1, a("rate_value", s("10"), "tax_subtotal", Php.d(BigDecimal.ZERO)));
        assertThat(OrderDataParser.taxes(9, bytes(t)).get(0).applies()).isEqualTo(TaxApplies.NOTHING);
    }

    @Test
    void absentOrEmptyDataMeansNone() {
        assertThat(OrderDataParser.taxes(1, (byte[]) null)).isEmpty();
        assertThat(OrderDataParser.taxes(1, new byte[0])).isEmpty();
        assertThat(OrderDataParser.taxes(1, bytes("a:0:{}"))).isEmpty();
        assertThat(OrderDataParser.taxes(1, bytes(n()))).isEmpty();
        assertThat(OrderDataParser.taxes(1, new PhpString(""))).isEmpty();
        assertThat(OrderDataParser.giftCertificates(1, (byte[]) null)).isEmpty();
        assertThat(OrderDataParser.shippingName(1, (byte[]) null)).isEmpty();
        assertThat(OrderDataParser.productText(1, 2, (byte[]) null).description()).isEmpty();
    }

    @Test
    void unusableTaxDataIsAClearError() {
        assertInvalid(() -> OrderDataParser.taxes(7, bytes("a:1:{i:6;a:1:{s:9:\"rate_type\";s:1:\"P\";}")),
                "order 7: order_data T (taxes) is not readable PHP serialized data: unexpected end of data, expected '}' at byte 39");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(s("USD"))), "order 7: order_data T (taxes) is a string, not an array");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(a(6, s("x")))), "order 7: tax 6 in order_data T is a string, not an array");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(a(6, a("description", s("VAT"))))), "order 7: tax 6 (VAT) has no rate_value");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(a(6, a("rate_value", s("ten"))))),
                "order 7: tax 6: rate_value is \"ten\", not a number");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(a(6, a("rate_value", a())))),
                "order 7: tax 6: rate_value is an array, not a number");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(a(6, a("rate_type", s("X"), "rate_value", s("1"))))),
                "order 7: tax 6 has an unknown rate_type \"X\"");
        assertInvalid(() -> OrderDataParser.taxes(7, bytes(a(6, a("rate_value", s("10"), "tax_subtotal", s("4.20"))))),
                "order 7: tax 6 charged 4.20 but does not say what it applies to");
    }

    @Test
    void giftCertificatesUsed() {
        String u = a("GC-7QX2", a("gift_cert_id", s("3"), "amount", Php.d(new BigDecimal("50")), "cost",
                Php.d17(new BigDecimal("12.35")), "log_id", s("17")), "GC-2", a("cost", s("5.00")));
        assertThat(OrderDataParser.giftCertificates(3, bytes(u))).containsExactly(
                new GiftCertificateUse("GC-7QX2", new BigDecimal("12.35")), new GiftCertificateUse("GC-2", new BigDecimal("5.00")));
        assertInvalid(() -> OrderDataParser.giftCertificates(3, bytes(a("GC-1", a("amount", s("5"))))),
                "order 3: gift certificate GC-1 has no cost");
        assertInvalid(() -> OrderDataParser.giftCertificates(3, bytes(a("GC-1", s("5")))),
                "order 3: gift certificate GC-1 in order_data U is a string, not an array");
    }

    @Test
    void shippingNames() {
        assertThat(OrderDataParser.shippingName(51, bytes(DEMO_51_L))).isEqualTo("Custom shipping method");
        String twoGroups = a(0, a("shipping", s("UPS Ground")), 1, a("shipping", s("Courier ★")), 2, a("shipping", s("UPS Ground")),
                3, a("shipping_id", s("4")), 4, s("junk"));
        assertThat(OrderDataParser.shippingName(51, bytes(twoGroups))).isEqualTo("UPS Ground, Courier ★");
    }

    @Test
    void productNameAndChosenOptions() {
        ProductText text = OrderDataParser.productText(28, 3416647405L, bytes(DEMO_EXTRA_WITH_OPTIONS));
        assertThat(text.product()).isEqualTo("Apple® - iPad® with Retina® display Wi-Fi - 32GB - White");
        assertThat(text.description())
                .isEqualTo("Apple® - iPad® with Retina® display Wi-Fi - 32GB - White (3G Connectivity: No; Memory capacity: 16GB)");

        String textOptions = a("product", s("山田の★ T-shirt"), "product_options_value", a(
                0, a("option_type", s("I"), "option_name", s("Engraving"), "value", s("For Ada")),
                1, a("option_type", s("F"), "option_name", s("Upload"), "value", s("photo.png")),
                2, a("option_type", s("S"), "option_name", s("Size"), "variant_name", s("XL"), "value", s("12")),
                3, a("option_type", s("T"), "option_name", s("Note"), "value", s(""))));
        assertThat(OrderDataParser.productText(1, 1, bytes(textOptions)).description())
                .isEqualTo("山田の★ T-shirt (Engraving: For Ada; Size: XL)");
        assertThat(OrderDataParser.productText(1, 1, bytes(a("discount", i(0)))).description()).isEmpty();
        assertInvalid(() -> OrderDataParser.productText(1, 99, bytes("a:1:{s:7:\"product\";s:9:\"Gift ?\";}")),
                "order 1: order_details.extra of item 99 is not readable PHP serialized data: "
                        + "string of declared length 9 is not followed by '\"' (the length does not match the text) at byte 33");
    }

    static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidOrderDataException.class).hasMessage(message);
    }
}
