package io.cscartxero.order;

import static io.cscartxero.order.InvoiceCalculatorTest.ACCOUNTS;
import static io.cscartxero.order.InvoiceCalculatorTest.bd;
import static io.cscartxero.order.InvoiceCalculatorTest.line;
import static io.cscartxero.order.InvoiceCalculatorTest.money;
import static io.cscartxero.order.InvoiceCalculatorTest.order;
import static io.cscartxero.order.InvoiceCalculatorTest.products;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.cscartxero.xero.model.LineItem;

/**
 * The calculator remembers a line's Xero TaxType by the taxes it carries, across orders and threads: a calculator that
 * has drafted thousands of orders on several threads must draft every order exactly as a fresh calculator does (the
 * same lines, amounts with their scales, types, or the same refusal with the same message).
 */
class InvoiceCalculatorTaxTypesTest {

    private static final Map<String, BigDecimal> XERO_RATES = Map.of("T10", bd("10.0000"), "T15", bd("15.0000"),
            "T20", bd("20.0000"), "T825", bd("8.2500"), "T5", bd("5.0000"), "T1325", bd("13.2500"), "T15X", bd("15.0000"),
            "T2325", bd("23.2500"), "T11", bd("11"), "NONE", bd("0"));
    private static final Map<String, String> BY_IDS = Map.of("1", "T10", "2", "T15", "3", "T20", "4", "T825",
            "5", "T5", "4+5", "T1325", "5+1", "T15X", "2+4", "T2325");
    /** The id mapping of the property test. */
    private static final TaxMapping IDS = new TaxMapping(BY_IDS, XERO_RATES, "NONE");
    /** A tax plan's mapping by rate key first (tax 1 at 11 % has its own type), then the ids. */
    private static final TaxMapping PLAN = new TaxMapping(BY_IDS, XERO_RATES, "NONE",
            Map.of("1@11", "T11", "4@8.25+5@5", "T1325", "3@20", "T20"));

    /** A draft, or the refusal as class and message. */
    private static Object outcome(InvoiceCalculator calculator, CsCartOrder order) {
        try {
            return calculator.draft(order);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * The same taxes seen differently by other orders: the rates with other scales (10.000, the same key), at other
     * priorities (compounded: two-tax lines no longer match their combined rate), with other descriptions (messages
     * only), in the reverse order (other positions), at another rate (tax 1 at 11 %: mapped by the plan, refused by
     * the id mapping).
     */
    private static CsCartOrder variant(CsCartOrder order, int variant) {
        List<OrderTax> taxes = new ArrayList<>();
        int position = 0;
        for (OrderTax t : order.taxes()) {
            int p = position++;
            taxes.add(switch (variant) {
                case 1 -> new OrderTax(t.taxId(), t.rateType(), t.rateValue().setScale(3), t.priceIncludesTax(),
                        t.taxSubtotal(), t.description(), t.priority(), t.applies());
                case 2 -> new OrderTax(t.taxId(), t.rateType(), t.rateValue(), t.priceIncludesTax(), t.taxSubtotal(),
                        t.description(), p + 1, t.applies());
                case 3 -> new OrderTax(t.taxId(), t.rateType(), t.rateValue(), t.priceIncludesTax(), t.taxSubtotal(),
                        "Renamed " + t.taxId(), t.priority(), t.applies());
                case 5 -> "1".equals(t.taxId()) ? new OrderTax(t.taxId(), t.rateType(), bd("11.000"), t.priceIncludesTax(),
                        t.taxSubtotal(), t.description(), t.priority(), t.applies()) : t;
                default -> t;
            });
        }
        if (variant == 4) {
            Collections.reverse(taxes);
        }
        return new CsCartOrder(order.orderId(), order.money(), order.lines(), taxes, order.giftCertificates(),
                order.shippingName());
    }

    private static List<CsCartOrder> orders() {
        InvoicePropertyTest.Generator gen = new InvoicePropertyTest.Generator(0x7A4L);
        List<CsCartOrder> orders = new ArrayList<>();
        for (int n = 1; n <= 1500; n++) {
            CsCartOrder order = InvoicePropertyTest.asConnectorSeesIt(gen, gen.order(n));
            orders.add(variant(order, n % 6));
        }
        return orders;
    }

    @Test
    void aCalculatorSharedByThreadsDraftsEveryOrderAsAFreshOne() throws Exception {
        List<CsCartOrder> orders = orders();
        for (TaxMapping mapping : List.of(IDS, PLAN)) {
            List<Object> fresh = new ArrayList<>();
            for (CsCartOrder order : orders) {
                fresh.add(outcome(new InvoiceCalculator(ACCOUNTS, mapping), order));
            }
            InvoiceCalculator shared = new InvoiceCalculator(ACCOUNTS, mapping);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                for (int round = 0; round < 2; round++) { // the second round finds every type remembered
                    List<Future<Object>> drafted = new ArrayList<>();
                    for (CsCartOrder order : orders) {
                        drafted.add(threads.submit(() -> outcome(shared, order)));
                    }
                    for (int k = 0; k < orders.size(); k++) {
                        assertThat(drafted.get(k).get()).as("order %s, round %s", orders.get(k).orderId(), round)
                                .isEqualTo(fresh.get(k));
                    }
                }
            } finally {
                threads.shutdownNow();
            }
            // the variety is there: taxed lines of both kinds, and refusals by the type check
            Map<String, Long> kinds = new TreeMap<>();
            for (Object o : fresh) {
                String kind = o instanceof InvoiceDraft d ? d.lineAmountTypes()
                        : o.toString().contains("Xero tax type") ? "refused: tax type" : "refused: other";
                kinds.merge(kind, 1L, Long::sum);
            }
            System.out.println("tax types, " + (mapping == IDS ? "id mapping" : "plan") + ": " + kinds);
            assertThat(kinds).containsKeys("Inclusive", "Exclusive", "NoTax", "refused: tax type");
        }
    }

    @Test
    void theSameTaxesAtOtherPrioritiesAreCheckedAgain() {
        // state 8.875 % and county 2.5 % on its own priority: compounded 11.596875 %, the mapped combined rate; the
        // same ids and rates at one priority add up to 11.375 %, which the mapped type is not
        TaxMapping us = new TaxMapping(Map.of("10+11", "TAX010"), Map.of("TAX010", bd("11.5969"), "NONE", bd("0")), "NONE");
        InvoiceCalculator calculator = new InvoiceCalculator(ACCOUNTS, us);
        List<OrderLine> lines = List.of(line(1, "100.00", 1));
        CsCartOrder compounded = order(money("111.60", "100.00", "0", "0", "0"), lines, List.of(
                new OrderTax("10", "P", bd("8.875"), false, bd("8.88"), "State", 1, products(1)),
                new OrderTax("11", "P", bd("2.5"), false, bd("2.72"), "County", 2, products(1))));
        CsCartOrder flat = order(money("111.38", "100.00", "0", "0", "0"), lines, List.of(
                new OrderTax("10", "P", bd("8.875"), false, bd("8.88"), "State", 1, products(1)),
                new OrderTax("11", "P", bd("2.5"), false, bd("2.50"), "County", 1, products(1))));

        assertThat(calculator.draft(compounded).lines()).extracting(LineItem::taxType).containsExactly("TAX010");
        assertThatThrownBy(() -> calculator.draft(flat)).isInstanceOf(InvalidOrderDataException.class)
                .hasMessageContaining("is 11.375 % but its Xero tax type TAX010 is 11.5969 %");
        assertThat(calculator.draft(compounded).lines()).extracting(LineItem::taxType).containsExactly("TAX010");
    }

    @Test
    void aRefusedTaxIsRefusedForEveryOrderWithItsOwnMessage() {
        InvoiceCalculator calculator = new InvoiceCalculator(ACCOUNTS, IDS);
        for (long id : new long[] { 7, 8 }) {
            CsCartOrder unmapped = new CsCartOrder(id, money("110.00", "100.00", "0", "0", "0"),
                    List.of(line(1, "100.00", 1)), List.of(new OrderTax("9", "P", bd("10"), false, bd("10.00"),
                            "Tax of " + id, 0, products(1))), List.of(), "");
            assertThatThrownBy(() -> calculator.draft(unmapped)).isInstanceOf(InvalidOrderDataException.class)
                    .hasMessageContaining("order " + id).hasMessageContaining("CS-Cart tax 9 (Tax of " + id + ")");
        }
    }

    @Test
    void equalRatesOfOtherScalesAreOneSetupOtherRatesAnother() {
        assertThat(InvoiceCalculator.OrderTaxes.of(List.of(
                new OrderTax("1", "P", bd("10.000"), false, bd("1.00"), "A", 0, products(1)))))
                .isEqualTo(InvoiceCalculator.OrderTaxes.of(List.of(
                        new OrderTax("1", "P", bd("10"), false, bd("2.00"), "B", 0, products(2)))))
                .isNotEqualTo(InvoiceCalculator.OrderTaxes.of(List.of(
                        new OrderTax("1", "P", bd("10.001"), false, bd("1.00"), "A", 0, products(1)))))
                .isNotEqualTo(InvoiceCalculator.OrderTaxes.of(List.of(
                        new OrderTax("1", "P", bd("10"), true, bd("1.00"), "A", 0, products(1)))))
                .isNotEqualTo(InvoiceCalculator.OrderTaxes.of(List.of(
                        new OrderTax("1", "P", bd("10"), false, bd("1.00"), "A", 1, products(1)))));
    }
}
