package io.cscartxero.order;

import static io.cscartxero.order.OrderDataParserTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.cscartxero.xero.model.LineItem;
import io.cscartxero.xero.model.XeroJson;

class InvoiceCalculatorTest {

    static final InvoiceAccounts ACCOUNTS = new InvoiceAccounts("200", "210", "220", "230", "240", "860");
    static final TaxMapping MAPPING = new TaxMapping(
            Map.of("6", "OUTPUT2", "1", "OUTPUT", "4", "CITY", "5", "STATE", "5+4", "CITYSTATE", "7", "ZERO"),
            Map.of("OUTPUT2", bd("10"), "OUTPUT", bd("15.0000"), "CITY", bd("8.25"), "STATE", bd("5"),
                    "CITYSTATE", bd("13.25"), "ZERO", bd("0"), "NONE", bd("0")),
            "NONE");
    static final InvoiceCalculator CALCULATOR = new InvoiceCalculator(ACCOUNTS, MAPPING);

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    static OrderLine line(long itemId, String price, long quantity) {
        return new OrderLine(itemId, itemId + 1000, "SKU-" + itemId, "Product " + itemId, bd(price), quantity, null);
    }

    static OrderMoney money(String total, String subtotal, String discount, String shipping, String surcharge) {
        return new OrderMoney(bd(total), bd(subtotal), bd(discount), bd(shipping), bd(surcharge), false);
    }

    static OrderTax tax(String id, String rate, boolean included, String subtotal, TaxApplies applies) {
        return new OrderTax(id, "P", bd(rate), included, bd(subtotal), "Tax " + id, 0, applies);
    }

    static TaxApplies products(long... itemIds) {
        Set<String> ids = new java.util.HashSet<>();
        for (long id : itemIds) {
            ids.add(Long.toString(id));
        }
        return new TaxApplies(ids, false, false, false, false);
    }

    static TaxApplies productsAndShipping(long... itemIds) {
        return new TaxApplies(products(itemIds).itemIds(), false, true, false, false);
    }

    static CsCartOrder order(OrderMoney money, List<OrderLine> lines, List<OrderTax> taxes) {
        return new CsCartOrder(42, money, lines, taxes, List.of(), "");
    }

    /** Xero's total for the draft's lines, from XeroArithmetic (the property test checks it independently). */
    static BigDecimal xeroTotal(InvoiceDraft draft) {
        return XeroArithmetic.total(draft.lines(), draft.lineAmountTypes(), MAPPING::rateOf);
    }

    /** Xero's TotalTax for the draft's lines. */
    static BigDecimal xeroTax(InvoiceDraft draft) {
        return XeroArithmetic.totalTax(draft.lines(), draft.lineAmountTypes(), MAPPING::rateOf);
    }

    @Test
    void demoOrder51IsTaxInclusiveAndNeedsNoRounding() {
        // demo order 51: one item 129.95, shipping 28.00, VAT 10 % included in both, total 157.95
        CsCartOrder order = new CsCartOrder(51, money("157.95", "129.95", "0", "28.00", "0"),
                List.of(new OrderLine(3592732382L, 212, "P0212CTOEA", "Panasonic KX-MB2000 24PPM 3-in-1 Monochrome Laser MFP",
                        bd("129.95"), 1, "P0212CTOEA")),
                OrderDataParser.taxes(51, Php.bytes(OrderDataParserTest.DEMO_51_T)), List.of(),
                OrderDataParser.shippingName(51, Php.bytes(OrderDataParserTest.DEMO_51_L)));
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lineAmountTypes()).isEqualTo("Inclusive");
        assertThat(draft.lines()).containsExactly(
                LineItem.request("Panasonic KX-MB2000 24PPM 3-in-1 Monochrome Laser MFP", bd("1"), bd("129.95"), "P0212CTOEA", "200", "OUTPUT2")
                        .withTaxAmount(bd("11.81")),
                LineItem.request("Shipping: Custom shipping method", bd("1"), bd("28.00"), null, "210", "OUTPUT2")
                        .withTaxAmount(bd("2.55")));
        assertThat(draft.chargedTax()).isEqualByComparingTo("14.36");
        assertThat(draft.expectedTotal()).isEqualByComparingTo("157.95");
        assertThat(draft.roundingAdjustment()).isEqualByComparingTo("0");
        assertThat(xeroTotal(draft)).isEqualByComparingTo("157.95");
        // Xero's included tax per line (11.81 + 2.55) is CS-Cart's tax_subtotal 14.36
        assertThat(XeroArithmetic.lineTax(bd("129.95"), bd("10"), "Inclusive")
                .add(XeroArithmetic.lineTax(bd("28.00"), bd("10"), "Inclusive"))).isEqualByComparingTo("14.36");
    }

    @Test
    void xeroDocsRoundingExampleCarriesCsCartsTaxWithoutARoundingLine() {
        // Xero: per-line tax 3.76 + 3.84 + 3.84 = 11.44; CS-Cart taxes the subtotal: round2(76.30 × 15 %) = 11.45
        assertThat(XeroArithmetic.lineTax(bd("25.06"), bd("15"), "Exclusive")
                .add(XeroArithmetic.lineTax(bd("25.61"), bd("15"), "Exclusive"))
                .add(XeroArithmetic.lineTax(bd("25.63"), bd("15"), "Exclusive"))).isEqualByComparingTo("11.44");
        CsCartOrder order = order(money("87.75", "76.30", "0", "0", "0"),
                List.of(line(1, "25.06", 1), line(2, "25.61", 1), line(3, "25.63", 1)),
                List.of(tax("1", "15.000", false, "11.45", products(1, 2, 3))));
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lineAmountTypes()).isEqualTo("Exclusive");
        // before: a 0.01 rounding line fixed the total and TotalTax stayed 11.44; now the cent goes to the line with the
        // largest remainder (25.63 × 15 % = 3.8445) and TotalTax is CS-Cart's 11.45
        assertThat(draft.lines()).hasSize(3);
        assertThat(draft.lines().get(0).taxType()).isEqualTo("OUTPUT");
        assertThat(draft.lines()).extracting(LineItem::taxAmount).containsExactly(bd("3.76"), bd("3.84"), bd("3.85"));
        assertThat(draft.roundingAdjustment()).isZero();
        assertThat(xeroTotal(draft)).isEqualByComparingTo("87.75");
        assertThat(xeroTax(draft)).isEqualByComparingTo("11.45");
    }

    @Test
    void taxExemptOrOrdersWithoutTaxesAreNoTax() {
        OrderMoney exempt = new OrderMoney(bd("35.00"), bd("30.00"), bd("0"), bd("5.00"), bd("0"), true);
        InvoiceDraft draft = CALCULATOR.draft(order(exempt, List.of(line(1, "15.00", 2)),
                List.of(tax("1", "15", false, "5.25", productsAndShipping(1)))));
        assertThat(draft.lineAmountTypes()).isEqualTo("NoTax");
        assertThat(draft.lines()).extracting(LineItem::taxType).containsOnly("NONE");
        assertThat(draft.roundingAdjustment()).isZero();

        InvoiceDraft untaxed = CALCULATOR.draft(order(money("30.00", "30.00", "0", "0", "0"), List.of(line(1, "15.00", 2)), List.of()));
        assertThat(untaxed.lineAmountTypes()).isEqualTo("NoTax");
        assertThat(untaxed.lines()).containsExactly(LineItem.request("Product 1", bd("2"), bd("15.00"), null, "200", "NONE"));
    }

    @Test
    void aTaxThatAppliesToNothingInTheOrderIsIgnored() {
        // taxes shipping only, but the shipping was free
        InvoiceDraft draft = CALCULATOR.draft(order(money("30.00", "30.00", "0", "0", "0"), List.of(line(1, "15.00", 2)),
                List.of(tax("1", "15", false, "0", new TaxApplies(Set.of(), false, true, false, false)))));
        assertThat(draft.lineAmountTypes()).isEqualTo("NoTax");
    }

    @Test
    void shippingAndSurchargeLinesCarryTheTaxesApplyingToThem() {
        // items 100.00 taxed by 1 (15 %), shipping 10.00 taxed by 1, surcharge 2.00 untaxed: 112 + 16.50 = 128.50
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(42, money("128.50", "100.00", "0", "10.00", "2.00"),
                List.of(line(1, "100.00", 1)), List.of(tax("1", "15", false, "16.50", productsAndShipping(1))), List.of(),
                "UPS Ground"));
        assertThat(draft.lines()).containsExactly(
                LineItem.request("Product 1", bd("1"), bd("100.00"), null, "200", "OUTPUT").withTaxAmount(bd("15.00")),
                LineItem.request("Shipping: UPS Ground", bd("1"), bd("10.00"), null, "210", "OUTPUT").withTaxAmount(bd("1.50")),
                LineItem.request("Payment surcharge", bd("1"), bd("2.00"), null, "220", "NONE"));
        assertThat(xeroTotal(draft)).isEqualByComparingTo("128.50");

        TaxApplies surchargeToo = new TaxApplies(Set.of("1"), false, false, true, false);
        InvoiceDraft taxedSurcharge = CALCULATOR.draft(order(money("117.30", "100.00", "0", "0", "2.00"),
                List.of(line(1, "100.00", 1)), List.of(tax("1", "15", false, "15.30", surchargeToo))));
        assertThat(taxedSurcharge.lines().get(1)).isEqualTo(LineItem.request("Payment surcharge", bd("1"), bd("2.00"), null, "220", "OUTPUT")
                .withTaxAmount(bd("0.30")));
        assertThat(taxedSurcharge.lines().get(0).description()).isEqualTo("Product 1");
    }

    @Test
    void zeroShippingSurchargeDiscountAndCertificatesMakeNoLines() {
        CsCartOrder order = new CsCartOrder(42, money("10.00", "10.00", "0.00", "0.00", "0.000"), List.of(line(1, "10.00", 1)),
                List.of(), List.of(new GiftCertificateUse("GC-0", bd("0.00"))), "UPS");
        assertThat(CALCULATOR.draft(order).lines()).hasSize(1);
    }

    @Test
    void theDiscountIsANegativeUnitAmountSplitAcrossTheProductsTaxGroups() {
        // items: 60.00 taxed 15 %, 40.00 untaxed; discount 10.00 → CS-Cart: round2(60 × 0.9) × 15 % = 8.10
        CsCartOrder order = order(money("98.10", "100.00", "10.00", "0", "0"), List.of(line(1, "30.00", 2), line(2, "40.00", 1)),
                List.of(tax("1", "15", false, "8.10", products(1))));
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lines()).containsExactly(
                LineItem.request("Product 1", bd("2"), bd("30.00"), null, "200", "OUTPUT").withTaxAmount(bd("9.00")),
                LineItem.request("Product 2", bd("1"), bd("40.00"), null, "200", "NONE"),
                LineItem.request("Discount (items taxed Tax 1)", bd("1"), bd("-6.00"), null, "230", "OUTPUT").withTaxAmount(bd("-0.90")),
                LineItem.request("Discount (untaxed items)", bd("1"), bd("-4.00"), null, "230", "NONE"));
        assertThat(draft.roundingAdjustment()).isZero();
        assertThat(draft.lines()).allSatisfy(l -> assertThat(l.quantity()).isPositive());
    }

    @Test
    void aDiscountOnOneTaxGroupIsOneLine() {
        CsCartOrder order = order(money("103.50", "100.00", "10.00", "0", "0"), List.of(line(1, "100.00", 1)),
                List.of(tax("1", "15", false, "13.50", products(1))));
        assertThat(CALCULATOR.draft(order).lines().get(1))
                .isEqualTo(LineItem.request("Discount", bd("1"), bd("-10.00"), null, "230", "OUTPUT").withTaxAmount(bd("-1.50")));
    }

    @Test
    void discountCentsAreAllocatedByLargestRemainder() {
        Map<String, BigDecimal> shares = InvoiceCalculator.allocate(bd("1.00"),
                new java.util.LinkedHashMap<>(Map.of("a", bd("1"))));
        assertThat(shares).containsEntry("a", bd("1.00"));
        java.util.LinkedHashMap<String, BigDecimal> three = new java.util.LinkedHashMap<>();
        three.put("a", bd("1"));
        three.put("b", bd("1"));
        three.put("c", bd("1"));
        assertThat(InvoiceCalculator.allocate(bd("1.00"), three)).containsExactly(
                Map.entry("a", bd("0.34")), Map.entry("b", bd("0.33")), Map.entry("c", bd("0.33")));
        assertThat(InvoiceCalculator.allocate(bd("-0.05"), three).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("-0.05");
    }

    @Test
    void aHundredPercentDiscountGivesAZeroTotal() {
        CsCartOrder order = order(money("0.00", "59.97", "59.97", "0", "0"), List.of(line(1, "19.99", 3)),
                List.of(tax("1", "15", false, "0.00", products(1))));
        InvoiceDraft draft = CALCULATOR.draft(order);
        // Xero: tax 9.00 on the item, −9.00 on the discount
        assertThat(draft.lines()).hasSize(2);
        assertThat(draft.lines().get(1).unitAmount()).isEqualByComparingTo("-59.97");
        assertThat(xeroTotal(draft)).isEqualByComparingTo("0.00");
        assertThat(draft.expectedTotal()).isEqualByComparingTo("0");
    }

    @Test
    void aDiscountAboveTheSubtotalIsTaxedOnlyUpToTheSubtotal() {
        // discount 30 on items 20 (taxed) + shipping 15 (untaxed): CS-Cart stops taxing at zero → total 5.00
        CsCartOrder order = order(money("5.00", "20.00", "30.00", "15.00", "0"), List.of(line(1, "20.00", 1)),
                List.of(tax("1", "15", false, "0.00", products(1))));
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lines()).extracting(LineItem::description, LineItem::unitAmount, LineItem::taxType).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Product 1", bd("20.00"), "OUTPUT"),
                org.assertj.core.groups.Tuple.tuple("Shipping", bd("15.00"), "NONE"),
                org.assertj.core.groups.Tuple.tuple("Discount (items taxed Tax 1)", bd("-20.00"), "OUTPUT"),
                org.assertj.core.groups.Tuple.tuple("Discount (untaxed items)", bd("-10.00"), "NONE"));
        assertThat(xeroTotal(draft)).isEqualByComparingTo("5.00");
    }

    @Test
    void inUnitPriceModeTheDiscountIsUntaxed() {
        // unit-price mode: tax round2(9.99 × 8.25 %) = 0.82 per unit × 3 = 2.46, not reduced by the 5.00 discount
        TaxApplies perUnit = new TaxApplies(Set.of("1"), false, false, false, true);
        CsCartOrder order = order(money("27.43", "29.97", "5.00", "0", "0"), List.of(line(1, "9.99", 3)),
                List.of(tax("4", "8.250", false, "2.46", perUnit)));
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lines().get(1)).isEqualTo(LineItem.request("Discount", bd("1"), bd("-5.00"), null, "230", "NONE"));
        // Xero alone would tax round2(29.97 × 8.25 %) = 2.47 (before: a −0.01 rounding line); the line carries 2.46
        assertThat(draft.lines().get(0).taxAmount()).isEqualByComparingTo("2.46");
        assertThat(draft.roundingAdjustment()).isZero();
    }

    @Test
    void giftCertificatesAreNegativeUntaxedLines() {
        CsCartOrder order = new CsCartOrder(42, money("65.00", "100.00", "0", "0", "0"), List.of(line(1, "100.00", 1)),
                List.of(tax("1", "15", false, "15.00", products(1))),
                List.of(new GiftCertificateUse("GC-AAA", bd("30.00")), new GiftCertificateUse(" ", bd("20.00"))), "");
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lines()).contains(
                LineItem.request("Gift certificate GC-AAA", bd("1"), bd("-30.00"), null, "240", "NONE"),
                LineItem.request("Gift certificate", bd("1"), bd("-20.00"), null, "240", "NONE"));
        assertThat(xeroTotal(draft)).isEqualByComparingTo("65.00");
    }

    @Test
    void linesTaxedByTwoTaxesUseTheJoinedMapping() {
        // 100.00 × (8.25 % + 5 %) = 13.25; shipping taxed by 5 only
        TaxApplies both = productsAndShipping(1);
        CsCartOrder order = order(money("123.75", "100.00", "0", "10.00", "0"), List.of(line(1, "100.00", 1)),
                List.of(tax("4", "8.25", false, "8.25", products(1)), tax("5", "5", false, "5.50", both)));
        InvoiceDraft draft = CALCULATOR.draft(order);
        assertThat(draft.lines()).extracting(LineItem::taxType).containsExactly("CITYSTATE", "STATE");
        assertThat(xeroTotal(draft)).isEqualByComparingTo("123.75");
    }

    @Test
    void mixedInclusiveAndExclusiveTaxesAreRejected() {
        CsCartOrder order = order(money("110.00", "100.00", "0", "0", "0"), List.of(line(1, "50.00", 1), line(2, "50.00", 1)),
                List.of(tax("6", "10", true, "4.55", products(1)), tax("1", "15", false, "7.50", products(2))));
        assertInvalid(() -> CALCULATOR.draft(order), "order 42: it mixes taxes included in prices (6 (Tax 6)) with taxes added"
                + " to them (1 (Tax 1)); a Xero invoice is either tax-inclusive or tax-exclusive");
    }

    @Test
    void flatTaxesUnmappedTaxesAndRateMismatchesAreRejected() {
        List<OrderLine> lines = List.of(line(1, "10.00", 1));
        OrderTax flat = new OrderTax("9", "F", bd("2.00"), false, bd("2.00"), "Eco fee", 0, products(1));
        assertInvalid(() -> CALCULATOR.draft(order(money("12.00", "10.00", "0", "0", "0"), lines, List.of(flat))),
                "order 42: tax 9 (Eco fee) is a flat amount (rate_type F); Xero only has percentage tax rates");
        assertInvalid(() -> CALCULATOR.draft(order(money("11.00", "10.00", "0", "0", "0"), lines,
                        List.of(tax("3", "10", false, "1.00", products(1))))),
                "order 42: CS-Cart tax 3 (Tax 3) has no Xero tax type in the tax mapping (at 10 %): add xero.tax-types.3@10=<TaxType>"
                        + " or set xero.tax-rates.create-missing=true");
        assertInvalid(() -> CALCULATOR.draft(order(money("12.40", "10.00", "0", "0", "0"), lines,
                        List.of(tax("1", "15", false, "1.50", products(1)), tax("6", "10", false, "1.00", products(1))))),
                "order 42: no Xero tax type is mapped for lines taxed by CS-Cart taxes 1+6 together (1 (Tax 1), 6 (Tax 6)): add"
                        + " xero.tax-types.[1@15+6@10]=<TaxType> or set xero.tax-rates.create-missing=true");
        assertInvalid(() -> CALCULATOR.draft(order(money("11.00", "10.00", "0", "0", "0"), lines,
                        List.of(tax("1", "10", false, "1.00", products(1))))),
                "order 42: CS-Cart tax 1 (Tax 1) is 10 % but its Xero tax type OUTPUT is 15 %; map this rate on its own: xero.tax-types.1@10=<TaxType>");
    }

    @Test
    void totalsThatRoundingCannotExplainAreRejected() {
        CsCartOrder order = order(money("125.00", "100.00", "0", "0", "0"), List.of(line(1, "100.00", 1)),
                List.of(tax("1", "15", false, "15.00", products(1))));
        assertInvalid(() -> CALCULATOR.draft(order), "order 42: orders.total is 125.00 but its lines come to 115.00 in Xero"
                + " (Exclusive); the difference of 10.00 is more than tax rounding explains (at most 0.02 for this order),"
                + " so the order's amounts are inconsistent");
        // untaxed orders must match to the cent (the bound is the 0.01 kept for PHP's floats)
        CsCartOrder offByTwo = order(money("10.02", "10.00", "0", "0", "0"), List.of(line(1, "10.00", 1)), List.of());
        assertInvalid(() -> CALCULATOR.draft(offByTwo), "order 42: orders.total is 10.02 but its lines come to 10.00 in Xero"
                + " (NoTax); the difference of 0.02 is more than tax rounding explains (at most 0.01 for this order),"
                + " so the order's amounts are inconsistent");
    }

    @Test
    void zeroTotalOrdersWithFreeItems() {
        InvoiceDraft draft = CALCULATOR.draft(order(money("0.00", "0.00", "0", "0", "0"), List.of(line(1, "0.00", 2)), List.of()));
        assertThat(draft.lines()).containsExactly(LineItem.request("Product 1", bd("2"), bd("0.00"), null, "200", "NONE"));
        assertThat(draft.expectedTotal()).isEqualByComparingTo("0");
    }

    @Test
    void largeQuantitiesAndPricesUpToXerosLineLimit() {
        // 999 × 9,999,999.99 = 9,989,999,990.01 fits; 9999 × 9,999,999.99 does not
        InvoiceDraft draft = CALCULATOR.draft(order(money("9989999990.01", "9989999990.01", "0", "0", "0"),
                List.of(line(1, "9999999.99", 999)), List.of()));
        assertThat(xeroTotal(draft)).isEqualByComparingTo("9989999990.01");
        InvoiceDraft many = CALCULATOR.draft(order(money("99990000.00", "99990000.00", "0", "0", "0"),
                List.of(line(1, "10000.00", 9999)), List.of()));
        assertThat(many.lines().get(0).quantity()).isEqualByComparingTo("9999");
        assertInvalid(() -> CALCULATOR.draft(order(money("99989999900.01", "99989999900.01", "0", "0", "0"),
                        List.of(line(1, "9999999.99", 9999)), List.of())),
                "order 42: the line \"Product 1\" comes to 99989999900.01, more than Xero's limit of 9,999,999,999.99 per line");
    }

    @Test
    void fourDecimalPricesAreKeptButNotOnesRoundingToAZeroLine() {
        InvoiceDraft draft = CALCULATOR.draft(order(money("1.00", "1.00", "0", "0", "0"), List.of(line(1, "0.3333", 3)), List.of()));
        assertThat(draft.lines().get(0).unitAmount()).isEqualByComparingTo("0.3333");
        assertThat(draft.roundingAdjustment()).isZero();
        assertInvalid(() -> CALCULATOR.draft(order(money("0.00", "0.00", "0", "0", "0"), List.of(line(1, "0.0040", 1)), List.of())),
                "order 42: item 1 (1 × 0.0040) rounds to a line amount of 0.00, which Xero rejects");
    }

    @Test
    void taxesOfDifferentPrioritiesCompoundAndNeedACompoundXeroRate() {
        // CS-Cart taxes priority 2 on the price plus the priority-1 tax: 8.25 % then 5 % = 13.6625 %, not 13.25 %
        List<OrderTax> compound = List.of(
                new OrderTax("4", "P", bd("8.25"), false, bd("8.25"), "City", 1, products(1)),
                new OrderTax("5", "P", bd("5"), false, bd("5.41"), "State", 2, products(1)));
        assertInvalid(() -> CALCULATOR.draft(order(money("113.66", "100.00", "0", "0", "0"), List.of(line(1, "100.00", 1)), compound)),
                "order 42: CS-Cart tax 4 (City), 5 (State) is 13.6625 % but its Xero tax type CITYSTATE is 13.25 %; map this rate on its own:"
                        + " xero.tax-types.[4@8.25+5@5]=<TaxType>");
        TaxMapping compoundRate = new TaxMapping(Map.of("4+5", "COMPOUND"), Map.of("COMPOUND", bd("13.6625")), "NONE");
        InvoiceDraft draft = new InvoiceCalculator(ACCOUNTS, compoundRate)
                .draft(order(money("113.66", "100.00", "0", "0", "0"), List.of(line(1, "100.00", 1)), compound));
        assertThat(draft.lines().get(0).taxType()).isEqualTo("COMPOUND");
        assertThat(draft.roundingAdjustment()).isZero(); // round2(100 × 13.6625 %) = 13.66
    }

    @Test
    void descriptionsAreNeverEmptyAndAtMost4000Characters() {
        String longName = "x".repeat(3999) + "😀";
        List<OrderLine> lines = List.of(
                new OrderLine(1, 1, "SKU-1", " ", bd("1.00"), 1, " "),
                new OrderLine(2, 2, "", null, bd("1.00"), 1, "ITEM-2"),
                new OrderLine(3, 3, "", longName, bd("1.00"), 1, null),
                new OrderLine(4, 4, "", "  Trimmed  ", bd("1.00"), 1, null));
        InvoiceDraft draft = CALCULATOR.draft(order(money("4.00", "4.00", "0", "0", "0"), lines, List.of()));
        assertThat(draft.lines()).extracting(LineItem::description)
                .containsExactly("SKU-1", "Item", "x".repeat(3999), "Trimmed");
        assertThat(draft.lines()).extracting(LineItem::itemCode).containsExactly(null, "ITEM-2", null, null);
    }

    @Test
    void unusableLinesAndAmountsAreRejected() {
        assertInvalid(() -> CALCULATOR.draft(order(money("0", "0", "0", "0", "0"), List.of(), List.of())),
                "order 42: the order has no products");
        assertInvalid(() -> CALCULATOR.draft(order(money("0", "0", "0", "0", "0"), List.of(line(1, "1.00", 0)), List.of())),
                "order 42: item 1 has quantity 0");
        assertInvalid(() -> CALCULATOR.draft(order(money("1.00", "1.00", "0", "0", "0"), List.of(line(1, "0.12345", 8)), List.of())),
                "order 42: item 1 has price 0.12345, more decimals than Xero's 4");
        assertInvalid(() -> CALCULATOR.draft(order(money("1.005", "1.00", "0", "0", "0"), List.of(line(1, "1.00", 1)), List.of())),
                "order 42: total 1.005 has more than 2 decimals");
    }

    @Test
    void linesSerialiseWithXerosFieldNames() throws Exception {
        String json = XeroJson.MAPPER.writeValueAsString(
                LineItem.request("Discount", bd("1"), bd("-6.00"), null, "230", "OUTPUT"));
        assertThat(json).isEqualTo("{\"Description\":\"Discount\",\"Quantity\":1,\"UnitAmount\":-6.00,"
                + "\"AccountCode\":\"230\",\"TaxType\":\"OUTPUT\"}");
        LineItem back = XeroJson.MAPPER.readValue("{\"LineItemID\":\"abc\",\"Quantity\":2.0,\"UnitAmount\":1.5,"
                + "\"TaxAmount\":0.45,\"LineAmount\":3.00,\"DiscountRate\":null,\"Tracking\":[]}", LineItem.class);
        assertThat(back.lineItemID()).isEqualTo("abc");
        assertThat(back.lineAmount()).isEqualByComparingTo("3");
        assertThat(back.taxAmount()).isEqualByComparingTo("0.45");
    }

    @Test
    void taxMappingKeysAreNormalisedAndValidated() {
        assertThat(TaxMapping.key(List.of("10", "9", "2"))).isEqualTo("2+9+10");
        assertThat(MAPPING.taxTypeFor("4+5")).isEqualTo("CITYSTATE");
        assertThat(MAPPING.rateOf("NONE")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TaxMapping(Map.of("1", "OUTPUT"), Map.of(), "NONE"))
                .hasMessage("CS-Cart tax 1 is mapped to Xero tax type OUTPUT, which has no known rate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TaxMapping(Map.of(), Map.of("NONE", bd("5")), "NONE"))
                .hasMessage("the untaxed tax type NONE has a rate of 5 %");
        List<String> none = new ArrayList<>();
        assertThat(TaxMapping.key(none)).isEmpty();
    }

    // ---------------------------------------------------------------- tax to the cent (issue 10)

    /** A percent tax with its priority and what it applies to. */
    static OrderTax tax(String id, String rate, boolean included, String subtotal, int priority, TaxApplies applies) {
        return new OrderTax(id, "P", bd(rate), included, bd(subtotal), "Tax " + id, priority, applies);
    }

    /** Subtotal mode as CS-Cart records it: membership plus the aggregated P, S and PS amounts. */
    static TaxApplies subtotalMode(Set<String> itemIds, String products, String shipping, String surcharge) {
        return new TaxApplies(itemIds, false, shipping != null, surcharge != null, false, Map.of(),
                products == null ? null : bd(products), shipping == null ? null : bd(shipping),
                surcharge == null ? null : bd(surcharge));
    }

    static Set<String> ids(List<OrderLine> lines) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        lines.forEach(l -> ids.add(Long.toString(l.itemId())));
        return ids;
    }

    static BigDecimal round2(BigDecimal v) {
        return XeroArithmetic.round2(v);
    }

    /** CS-Cart's tax on a base: added round2(B × r), included round2(B × r / (100 + r)). */
    static BigDecimal csCartTax(BigDecimal base, String rate, boolean included) {
        BigDecimal r = bd(rate);
        return round2(base.multiply(r).divide(included ? BigDecimal.valueOf(100).add(r) : BigDecimal.valueOf(100),
                java.math.MathContext.DECIMAL128));
    }

    /** What Xero's TotalTax would be without TaxAmount: its own per-line tax (how invoices were sent before). */
    static BigDecimal xeroOwnTax(InvoiceDraft draft, TaxMapping mapping) {
        return XeroArithmetic.totalTax(draft.lines().stream().map(l -> l.withTaxAmount(null)).toList(),
                draft.lineAmountTypes(), mapping::rateOf);
    }

    /** The two equalities and no rounding line, for any draft whose taxes lines can carry. */
    static void assertToTheCent(InvoiceDraft draft, TaxMapping mapping, String total, BigDecimal charged) {
        assertThat(XeroArithmetic.totalTax(draft.lines(), draft.lineAmountTypes(), mapping::rateOf))
                .as("TotalTax").isEqualByComparingTo(charged);
        assertThat(draft.chargedTax()).isEqualByComparingTo(charged);
        assertThat(XeroArithmetic.total(draft.lines(), draft.lineAmountTypes(), mapping::rateOf)).as("Total")
                .isEqualByComparingTo(total);
        assertThat(draft.roundingAdjustment()).isZero();
        assertThat(draft.uncarriedTax()).isZero();
        assertThat(draft.lines()).extracting(LineItem::description).doesNotContain("Rounding");
        for (LineItem line : draft.lines()) {
            if (line.taxAmount() != null) {
                BigDecimal amount = XeroArithmetic.lineAmount(line.quantity(), line.unitAmount());
                // what Xero accepts: the sign of the line, never more than the line
                assertThat(line.taxAmount().signum() * amount.signum()).as("sign of %s", line).isNotNegative();
                assertThat(line.taxAmount().abs()).as("size of %s", line).isLessThanOrEqualTo(amount.abs());
            }
        }
    }

    @Test
    void taxOffByACentPerLineIsCsCartsTax() {
        // 3 × 22.17 at 10 % added: Xero's own tax 2.22 × 3 = 6.66, CS-Cart round2(66.51 × 10 %) = 6.65
        List<OrderLine> lines = List.of(line(1, "22.17", 1), line(2, "22.17", 1), line(3, "22.17", 1));
        InvoiceDraft draft = CALCULATOR.draft(order(money("73.16", "66.51", "0", "0", "0"), lines,
                List.of(tax("6", "10", false, "6.65", 0, subtotalMode(ids(lines), "6.65", null, null)))));
        assertThat(xeroOwnTax(draft, MAPPING)).isEqualByComparingTo("6.66");
        assertToTheCent(draft, MAPPING, "73.16", bd("6.65"));
        assertThat(draft.lines()).extracting(LineItem::taxAmount).containsExactly(bd("2.21"), bd("2.22"), bd("2.22"));
    }

    @Test
    void taxOffByACentPerLineIncludedInThePrice() {
        // 3 × 24.39 with 10 % included: Xero's own tax 2.22 × 3 = 6.66, CS-Cart round2(73.17 × 10 / 110) = 6.65
        List<OrderLine> lines = List.of(line(1, "24.39", 1), line(2, "24.39", 1), line(3, "24.39", 1));
        InvoiceDraft draft = CALCULATOR.draft(order(money("73.17", "73.17", "0", "0", "0"), lines,
                List.of(tax("6", "10", true, "6.65", 0, subtotalMode(ids(lines), "6.65", null, null)))));
        assertThat(draft.lineAmountTypes()).isEqualTo("Inclusive");
        assertThat(xeroOwnTax(draft, MAPPING)).isEqualByComparingTo("6.66");
        assertToTheCent(draft, MAPPING, "73.17", bd("6.65"));
        // the gross prices stay; only the split between net and tax moves
        assertThat(draft.lines()).extracting(LineItem::unitAmount).containsOnly(bd("24.39"));
    }

    /** 100 lines whose per-line tax rounds up: Xero's own TotalTax ends several cents above CS-Cart's. */
    static List<OrderLine> hundredLines(boolean included) {
        List<OrderLine> lines = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            // prices whose 10 % (added: P / 10, included: P / 11) ends in about half a cent on most lines, so that
            // Xero's per-line rounding drifts away from CS-Cart's rounding of the sum
            long cents = included ? 11 * (10_000L + 317L * k) + 6 : 100_005L + 3_170L * k;
            lines.add(line(1000 + k, BigDecimal.valueOf(cents, 2).toPlainString(), 1 + k % 3));
        }
        return lines;
    }

    static BigDecimal subtotalOf(List<OrderLine> lines) {
        return lines.stream().map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aHundredLineOrderInSubtotalModeCarriesCsCartsTaxExclusiveAndInclusive() {
        for (boolean included : List.of(false, true)) {
            List<OrderLine> lines = hundredLines(included);
            BigDecimal subtotal = subtotalOf(lines);
            BigDecimal charged = csCartTax(subtotal, "10", included);
            BigDecimal total = included ? subtotal : subtotal.add(charged);
            InvoiceDraft draft = CALCULATOR.draft(order(money(total.toPlainString(), subtotal.toPlainString(), "0", "0",
                    "0"), lines, List.of(tax("6", "10", included, charged.toPlainString(), 0,
                    subtotalMode(ids(lines), charged.toPlainString(), null, null)))));
            BigDecimal xeroOwn = xeroOwnTax(draft, MAPPING);
            System.out.printf("100 lines, %s: Xero's own TotalTax %s, CS-Cart's tax %s%n", draft.lineAmountTypes(), xeroOwn,
                    charged);
            assertThat(xeroOwn.subtract(charged).abs()).as("Xero's own tax %s vs CS-Cart's %s", xeroOwn, charged)
                    .isGreaterThanOrEqualTo(bd("0.05"));
            assertToTheCent(draft, MAPPING, total.toPlainString(), charged);
        }
    }

    @Test
    void aHundredLineOrderInUnitPriceModeGivesEachLineItsRecordedTax() {
        // unit-price mode: CS-Cart rounds the unit tax, then multiplies: P_<item> = round2(price × 8.25 %) × quantity
        List<OrderLine> lines = hundredLines(false);
        Map<String, BigDecimal> perItem = new java.util.LinkedHashMap<>();
        BigDecimal products = BigDecimal.ZERO;
        for (OrderLine l : lines) {
            BigDecimal t = csCartTax(l.unitPrice(), "8.25", false).multiply(BigDecimal.valueOf(l.quantity()));
            perItem.put(Long.toString(l.itemId()), t);
            products = products.add(t);
        }
        BigDecimal shippingTax = csCartTax(bd("12.35"), "8.25", false);
        BigDecimal charged = products.add(shippingTax);
        BigDecimal subtotal = subtotalOf(lines);
        BigDecimal total = subtotal.add(bd("12.35")).subtract(bd("25.00")).add(charged);
        TaxApplies applies = new TaxApplies(ids(lines), false, true, false, true, perItem, products, shippingTax, null);
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(42, money(total.toPlainString(), subtotal.toPlainString(),
                "25.00", "12.35", "0"), lines, List.of(tax("4", "8.250", false, charged.toPlainString(), 0, applies)),
                List.of(), "UPS"));
        assertThat(xeroOwnTax(draft, MAPPING)).isNotEqualByComparingTo(charged);
        assertToTheCent(draft, MAPPING, total.toPlainString(), charged);
        for (int k = 0; k < lines.size(); k++) {
            assertThat(draft.lines().get(k).taxAmount()).isEqualByComparingTo(perItem.get(Long.toString(lines.get(k).itemId())));
        }
        assertThat(draft.lines().get(100).taxAmount()).isEqualByComparingTo(shippingTax); // the shipping line
        // in unit-price mode CS-Cart does not lower the tax by the order discount: the discount line is untaxed
        assertThat(draft.lines().get(101).taxType()).isEqualTo("NONE");
        assertThat(draft.lines().get(101).taxAmount()).isNull();
    }

    @Test
    void theDiscountSplitOverTaxGroupsCarriesTheDiscountedTax() {
        // A 60.00 at 15 % (tax 1), B 40.00 at 10 % (tax 6), C 20.00 untaxed; 10 % order discount (12.00):
        // CS-Cart: tax 1 round2(round2(60 × 0.9) × 15 %) = 8.10, tax 6 round2(36 × 10 %) = 3.60; shipping 9.99 taxed
        // by tax 1: round2(1.4985) = 1.50
        List<OrderLine> lines = List.of(line(1, "20.00", 3), line(2, "40.00", 1), line(3, "20.00", 1));
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(42, money("131.19", "120.00", "12.00", "9.99", "0"),
                lines, List.of(tax("1", "15", false, "9.60", 0, subtotalMode(Set.of("1"), "8.10", "1.50", null)),
                        tax("6", "10", false, "3.60", 0, subtotalMode(Set.of("2"), "3.60", null, null))),
                List.of(), "Courier"));
        assertToTheCent(draft, MAPPING, "131.19", bd("13.20"));
        assertThat(draft.lines()).extracting(LineItem::description, LineItem::taxType, LineItem::taxAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Product 1", "OUTPUT", bd("9.00")),
                org.assertj.core.groups.Tuple.tuple("Product 2", "OUTPUT2", bd("4.00")),
                org.assertj.core.groups.Tuple.tuple("Product 3", "NONE", null),
                org.assertj.core.groups.Tuple.tuple("Shipping: Courier", "OUTPUT", bd("1.50")),
                org.assertj.core.groups.Tuple.tuple("Discount (items taxed Tax 1)", "OUTPUT", bd("-0.90")),
                org.assertj.core.groups.Tuple.tuple("Discount (items taxed Tax 6)", "OUTPUT2", bd("-0.40")),
                org.assertj.core.groups.Tuple.tuple("Discount (untaxed items)", "NONE", null));
    }

    @Test
    void shippingAndSurchargeTaxesGoToTheirLines() {
        // included 10 %: items 3 × 33.33 (P 9.09), shipping 15.55 (S 1.41), surcharge 2.95 (PS 0.27)
        List<OrderLine> lines = List.of(line(1, "33.33", 3));
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(42, money("118.49", "99.99", "0", "15.55", "2.95"), lines,
                List.of(tax("6", "10", true, "10.77", 0, subtotalMode(Set.of("1"), "9.09", "1.41", "0.27"))), List.of(),
                "Post"));
        assertToTheCent(draft, MAPPING, "118.49", bd("10.77"));
        assertThat(draft.lines()).extracting(LineItem::taxAmount).containsExactly(bd("9.09"), bd("1.41"), bd("0.27"));
    }

    @Test
    void twoTaxesOnALineWithDifferentPrioritiesAddUpOnTheLine() {
        // US: state 8.875 % (priority 1) and county 2.5 % on the price plus the state tax (priority 2), added;
        // Xero has one combined rate, 1.08875 × 1.025 − 1 = 11.596875 % (4 dp: 11.5969)
        TaxMapping us = new TaxMapping(Map.of("10+11", "TAX010", "10", "TAX008"),
                Map.of("TAX010", bd("11.5969"), "TAX008", bd("8.875"), "NONE", bd("0")), "NONE");
        InvoiceCalculator calculator = new InvoiceCalculator(ACCOUNTS, us);
        List<OrderLine> lines = List.of(line(1, "19.99", 3), line(2, "7.49", 1), line(3, "104.50", 2));
        BigDecimal subtotal = subtotalOf(lines); // 59.97 + 7.49 + 209.00 = 276.46
        BigDecimal state = csCartTax(subtotal, "8.875", false);
        BigDecimal county = csCartTax(subtotal.add(state), "2.5", false);
        BigDecimal stateShipping = csCartTax(bd("8.00"), "8.875", false); // shipping: state tax only
        BigDecimal charged = state.add(county).add(stateShipping);
        BigDecimal total = subtotal.add(bd("8.00")).add(charged);
        InvoiceDraft draft = calculator.draft(new CsCartOrder(42, money(total.toPlainString(), subtotal.toPlainString(),
                "0", "8.00", "0"), lines, List.of(
                        tax("10", "8.875", false, state.add(stateShipping).toPlainString(), 1,
                                subtotalMode(ids(lines), state.toPlainString(), stateShipping.toPlainString(), null)),
                        tax("11", "2.5", false, county.toPlainString(), 2,
                                subtotalMode(ids(lines), county.toPlainString(), null, null))),
                List.of(), "Ground"));
        assertThat(draft.lines()).extracting(LineItem::taxType).containsExactly("TAX010", "TAX010", "TAX010", "TAX008");
        assertToTheCent(draft, us, total.toPlainString(), charged);
        // each product line carries its state and its county share: close to its exact compounded tax
        for (int k = 0; k < 3; k++) {
            BigDecimal amount = lines.get(k).unitPrice().multiply(BigDecimal.valueOf(lines.get(k).quantity()));
            assertThat(draft.lines().get(k).taxAmount().subtract(amount.multiply(bd("0.11596875"))).abs())
                    .isLessThanOrEqualTo(bd("0.02"));
        }
    }

    @Test
    void twoTaxesOfOnePriorityIncludedInThePrice() {
        // state 8.875 % + county 2.5 % both included, same priority: Xero rate 11.375 %
        TaxMapping us = new TaxMapping(Map.of("10+11", "TAX011"), Map.of("TAX011", bd("11.375"), "NONE", bd("0")), "NONE");
        List<OrderLine> lines = List.of(line(1, "11.37", 7), line(2, "99.95", 1));
        BigDecimal subtotal = subtotalOf(lines); // 79.59 + 99.95 = 179.54
        BigDecimal state = round2(subtotal.multiply(bd("8.875")).divide(bd("111.375"), java.math.MathContext.DECIMAL128));
        BigDecimal county = round2(subtotal.multiply(bd("2.5")).divide(bd("111.375"), java.math.MathContext.DECIMAL128));
        InvoiceDraft draft = new InvoiceCalculator(ACCOUNTS, us).draft(order(money(subtotal.toPlainString(),
                subtotal.toPlainString(), "0", "0", "0"), lines, List.of(
                        tax("10", "8.875", true, state.toPlainString(), 0, subtotalMode(ids(lines), state.toPlainString(), null, null)),
                        tax("11", "2.5", true, county.toPlainString(), 0, subtotalMode(ids(lines), county.toPlainString(), null, null)))));
        assertToTheCent(draft, us, subtotal.toPlainString(), state.add(county));
    }

    @Test
    void withoutRecordedAmountsTheTaxIsSharedByExactTax() {
        // older data: applies names the lines but records no amounts; the charged tax still lands to the cent
        List<OrderLine> lines = List.of(line(1, "25.06", 1), line(2, "25.61", 1), line(3, "25.63", 1));
        InvoiceDraft draft = CALCULATOR.draft(order(money("87.75", "76.30", "0", "0", "0"), lines,
                List.of(tax("1", "15", false, "11.45", products(1, 2, 3)))));
        assertToTheCent(draft, MAPPING, "87.75", bd("11.45"));
    }

    @Test
    void recordedAmountsThatDoNotAddUpAreSharedOverAllTheTaxsLines() {
        // P + S = 2.80 but tax_subtotal 2.85: tax_subtotal is what was charged, spread by exact tax over item and
        // shipping (1.50 and 1.35)
        List<OrderLine> lines = List.of(line(1, "10.00", 1));
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(42, money("21.85", "10.00", "0", "9.00", "0"), lines,
                List.of(tax("1", "15", false, "2.85", 0, subtotalMode(Set.of("1"), "1.40", "1.40", null))), List.of(), ""));
        assertToTheCent(draft, MAPPING, "21.85", bd("2.85"));
        assertThat(draft.lines()).extracting(LineItem::taxAmount).containsExactly(bd("1.50"), bd("1.35"));
    }

    /** CS-Cart 4.20.1's demo order 71 (demo.sql): VAT's applies.items lists 3 of the 4 lines, applies.P is the tax on all 4. */
    static final String DEMO_71_T = "a:1:{i:6;a:8:{s:9:\"rate_type\";s:1:\"P\";s:10:\"rate_value\";s:6:\"10.000\";"
            + "s:18:\"price_includes_tax\";s:1:\"Y\";s:9:\"regnumber\";s:7:\"1234242\";s:8:\"priority\";i:0;"
            + "s:12:\"tax_subtotal\";d:24.09;s:11:\"description\";s:3:\"VAT\";s:7:\"applies\";a:3:{s:1:\"P\";d:24.09;"
            + "s:1:\"S\";i:0;s:5:\"items\";a:2:{s:1:\"S\";a:0:{}s:1:\"P\";a:3:{s:10:\"4283906614\";b:1;"
            + "s:9:\"822274303\";b:1;s:9:\"677409494\";b:1;}}}}}";

    static List<OrderLine> demo71Lines() {
        return List.of(new OrderLine(4283906614L, 7, "A0007DQ1TL", "Product 7", bd("55.00"), 1, null),
                new OrderLine(822274303L, 12, "U0012O5AF0", "Product 12", bd("30.00"), 1, null),
                new OrderLine(677409494L, 11, "Z0011CZSNI", "Product 11", bd("30.00"), 1, null),
                new OrderLine(3636250333L, 15, "H0015EXYM6", "Product 15", bd("150.00"), 1, null));
    }

    @Test
    void aRecordedProductsTaxThatIsTheTaxOnAllLinesAppliesToAllOfThem() {
        // demo order 71: 10 % included in 265.00 is 24.09 (charged); in the 3 listed lines (115.00) it would be 10.45,
        // so the tax was charged on all 4 and every line carries its part of it, none is booked as untaxed
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(71, money("265.00", "265.00", "0", "0", "0"), demo71Lines(),
                OrderDataParser.taxes(71, Php.bytes(DEMO_71_T)), List.of(), ""));
        assertThat(draft.lines()).extracting(LineItem::taxType).containsOnly("OUTPUT2");
        assertThat(draft.lines()).extracting(LineItem::taxAmount)
                .containsExactly(bd("5.00"), bd("2.73"), bd("2.73"), bd("13.63"));
        assertToTheCent(draft, MAPPING, "265.00", bd("24.09"));
    }

    @Test
    void aRecordedProductsTaxThatFitsNeitherTheListedNorAllLinesIsRefused() {
        // 18.00 is neither 10 % of the listed 115.00 (10.45) nor of all 265.00 (24.09): which lines were taxed is unknown
        String t = DEMO_71_T.replace("d:24.09;", "d:18;");
        assertThatThrownBy(() -> CALCULATOR.draft(new CsCartOrder(71, money("265.00", "265.00", "0", "0", "0"), demo71Lines(),
                OrderDataParser.taxes(71, Php.bytes(t)), List.of(), "")))
                .isInstanceOf(InvalidOrderDataException.class)
                .hasMessageContaining("tax 6 (VAT) records 18.00 on the products (applies.P)")
                .hasMessageContaining("3 of 4 lines it lists (10.45)").hasMessageContaining("nor on all of them (24.09)");
        // the listed lines' own tax stays on them alone
        String listed = DEMO_71_T.replace("d:24.09;", "d:10.45;");
        InvoiceDraft draft = CALCULATOR.draft(new CsCartOrder(71, money("265.00", "265.00", "0", "0", "0"), demo71Lines(),
                OrderDataParser.taxes(71, Php.bytes(listed)), List.of(), ""));
        assertThat(draft.lines()).extracting(LineItem::taxType).containsExactly("OUTPUT2", "OUTPUT2", "OUTPUT2", "NONE");
        assertToTheCent(draft, MAPPING, "265.00", bd("10.45"));
    }

    @Test
    void aRoundingLineRemainsOnlyForTaxNoLineCanCarry() {
        // a free item charged 0.01 of tax (PHP float residue): a 0.00 line cannot carry tax, Xero refuses it, so the
        // cent stays on an untaxed rounding line; the writer then reports TotalTax 0.00 vs 0.01
        List<OrderLine> lines = List.of(line(1, "0.00", 1), line(2, "5.00", 1));
        InvoiceDraft draft = CALCULATOR.draft(order(money("5.01", "5.00", "0", "0", "0"), lines,
                List.of(tax("1", "15", false, "0.01", 0, subtotalMode(Set.of("1"), "0.01", null, null)))));
        assertThat(draft.uncarriedTax()).isEqualByComparingTo("0.01");
        assertThat(draft.roundingAdjustment()).isEqualByComparingTo("0.01");
        assertThat(draft.lines().get(0).taxAmount()).isEqualByComparingTo("0.00");
        assertThat(xeroTotal(draft)).isEqualByComparingTo("5.01");
        assertThat(xeroTax(draft)).isEqualByComparingTo("0.00");
    }

    @Test
    void taxAmountsSerialiseOnTaxedLinesOnly() throws Exception {
        assertThat(XeroJson.MAPPER.writeValueAsString(
                LineItem.request("Product", bd("1"), bd("22.17"), null, "200", "OUTPUT2").withTaxAmount(bd("2.21"))))
                .isEqualTo("{\"Description\":\"Product\",\"Quantity\":1,\"UnitAmount\":22.17,"
                        + "\"AccountCode\":\"200\",\"TaxType\":\"OUTPUT2\",\"TaxAmount\":2.21}");
    }
}
