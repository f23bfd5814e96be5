package io.cscartxero.order;

import static io.cscartxero.order.Php.a;
import static io.cscartxero.order.Php.b;
import static io.cscartxero.order.Php.bytes;
import static io.cscartxero.order.Php.i;
import static io.cscartxero.order.Php.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.cscartxero.xero.model.LineItem;

/**
 * Thousands of random orders, each with {@code orders.total} computed the way CS-Cart computes it, must become
 * invoices whose Xero total and TotalTax — recomputed here in integer cents, without the production rounding code —
 * are that total and the tax CS-Cart charged (Σ tax_subtotal) to the cent, with no rounding line: the lines'
 * TaxAmounts carry CS-Cart's tax. The printed counts compare with Xero's own per-line tax (no TaxAmount sent).
 *
 * <p>The CS-Cart model (fn.cart.php, fn_calculate_taxes and fn_calculate_tax_rates), every amount rounded half-up to
 * cents as fn_format_price does:
 * <ul>
 * <li>"subtotal" mode: per tax t, products {@code round2(round2(P_t × ddc) × r)} with P_t the sum of the lines t
 *     applies to and {@code ddc = max(0, subtotal − subtotal_discount) / subtotal}; shipping {@code round2(S × r)};
 *     surcharge {@code round2(PS × r)}; tax_subtotal = their sum. Included taxes use {@code round2(B − B / (1 + r))}.</li>
 * <li>"unit_price" mode: per line {@code round2(price × r) × quantity}, undiscounted; shipping and surcharge as above.</li>
 * <li>{@code total = subtotal − subtotal_discount + shipping_cost + payment_surcharge + Σ tax_subtotal (taxes added to
 *     the price, not for tax-exempt orders) − Σ gift certificate cost}.</li>
 * </ul>
 * Taxes of one order share a priority (CS-Cart taxes them all on the same base); two-tax lines map to a combined
 * Xero rate.
 */
class InvoicePropertyTest {

    private static final long SEED = 0xC5CA47L;
    private static final int ORDERS = 6000;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");
    private static final BigDecimal MAX_LINE = new BigDecimal("9999999999.99");

    private static final Map<String, BigDecimal> CSCART_RATES = Map.of("1", bd("10"), "2", bd("15"), "3", bd("20"),
            "4", bd("8.25"), "5", bd("5"));
    private static final Map<String, BigDecimal> XERO_RATES = Map.of("T10", bd("10.0000"), "T15", bd("15.0000"),
            "T20", bd("20.0000"), "T825", bd("8.2500"), "T5", bd("5.0000"), "T1325", bd("13.2500"), "T15X", bd("15.0000"),
            "T2325", bd("23.2500"), "NONE", bd("0"));
    private static final TaxMapping MAPPING = new TaxMapping(Map.of("1", "T10", "2", "T15", "3", "T20", "4", "T825",
            "5", "T5", "4+5", "T1325", "5+1", "T15X", "2+4", "T2325"), XERO_RATES, "NONE");
    private static final InvoiceAccounts ACCOUNTS = new InvoiceAccounts("200", "210", "220", "230", "240", "860");
    private static final InvoiceCalculator CALCULATOR = new InvoiceCalculator(ACCOUNTS, MAPPING);

    private static final List<List<String>> SCHEMES = List.of(List.of("1"), List.of("2"), List.of("3"), List.of("4"),
            List.of("4", "5"), List.of("1", "5"), List.of("2", "4"));
    private static final List<String> NAMES = List.of("Walkman Video MP3", "Apple® - iPad® with Retina® display",
            "山田の★ T-shirt", "Crème brûlée set", "Intel® Core™ i7-2600", "", "Gift ???? box");

    static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    static BigDecimal round2(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    // ---------------------------------------------------------------- the generated order and CS-Cart's arithmetic

    record Item(long itemId, String name, BigDecimal price, long quantity, Set<String> taxes) {
        BigDecimal amount() {
            return price.multiply(BigDecimal.valueOf(quantity));
        }
    }

    record Generated(long orderId, List<Item> items, List<String> orderTaxes, boolean inclusive, boolean exempt,
            boolean unitMode, BigDecimal shipping, Set<String> shippingTaxes, BigDecimal surcharge,
            Set<String> surchargeTaxes, BigDecimal discount, Map<String, BigDecimal[]> taxParts,
            List<BigDecimal> giftCertificates, BigDecimal total) {

        BigDecimal subtotal() {
            return items.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        boolean anyTaxApplies() {
            return items.stream().anyMatch(i -> !i.taxes().isEmpty())
                    || (shipping.signum() != 0 && !shippingTaxes.isEmpty())
                    || (surcharge.signum() != 0 && !surchargeTaxes.isEmpty());
        }
    }

    static final class Generator {
        private final Random r;
        private long nextItemId = 1_000_000_000L;

        Generator(long seed) {
            this.r = new Random(seed);
        }

        Generated order(long orderId) {
            boolean inclusive = r.nextInt(10) < 4;
            boolean exempt = r.nextInt(100) < 8;
            boolean unitMode = r.nextInt(100) < 20;
            List<String> scheme = r.nextInt(10) == 0 ? List.of() : SCHEMES.get(r.nextInt(SCHEMES.size()));

            List<Item> items = new ArrayList<>();
            int count = 1 + r.nextInt(r.nextInt(5) == 0 ? 12 : 4);
            for (int k = 0; k < count; k++) {
                BigDecimal price = price();
                long quantity = quantity();
                if (price.signum() > 0 && price.multiply(BigDecimal.valueOf(quantity)).compareTo(MAX_LINE) > 0) {
                    quantity = Math.max(1, MAX_LINE.divide(price, 0, RoundingMode.DOWN).longValue());
                }
                items.add(new Item(nextItemId += 1 + r.nextInt(1_000_000), name(), price, quantity, subset(scheme, 85)));
            }
            BigDecimal shipping = r.nextInt(10) < 6 ? money(1, 15_000) : BigDecimal.ZERO.setScale(2);
            Set<String> shippingTaxes = subset(scheme, 70);
            BigDecimal surcharge = r.nextInt(10) < 2 ? money(1, 3_000) : BigDecimal.ZERO.setScale(2);
            Set<String> surchargeTaxes = subset(scheme, 50);

            BigDecimal subtotal = items.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal discount = BigDecimal.ZERO.setScale(2);
            int d = r.nextInt(100);
            if (subtotal.signum() > 0 && d < 4) {
                discount = subtotal; // 100 %
            } else if (subtotal.signum() > 0 && d < 32) {
                discount = round2(subtotal.multiply(BigDecimal.valueOf(r.nextDouble())));
            }

            // CS-Cart: the taxes and the total
            BigDecimal ddc = subtotal.signum() > 0
                    ? subtotal.subtract(discount).max(BigDecimal.ZERO).divide(subtotal, MathContext.DECIMAL128)
                    : BigDecimal.ONE;
            Map<String, BigDecimal[]> taxParts = new TreeMap<>();
            for (String id : scheme) {
                BigDecimal rate = CSCART_RATES.get(id);
                BigDecimal products = BigDecimal.ZERO;
                List<Item> taxed = items.stream().filter(i -> i.taxes().contains(id)).toList();
                if (unitMode) {
                    for (Item item : taxed) {
                        products = products.add(tax(item.price(), rate, inclusive).multiply(BigDecimal.valueOf(item.quantity())));
                    }
                } else if (!taxed.isEmpty()) {
                    BigDecimal base = taxed.stream().map(Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    products = tax(round2(base.multiply(ddc)), rate, inclusive);
                }
                BigDecimal onShipping = shippingTaxes.contains(id) ? tax(shipping, rate, inclusive) : BigDecimal.ZERO;
                BigDecimal onSurcharge = surchargeTaxes.contains(id) ? tax(surcharge, rate, inclusive) : BigDecimal.ZERO;
                taxParts.put(id, new BigDecimal[] {round2(products), onShipping, onSurcharge});
            }
            BigDecimal added = inclusive || exempt ? BigDecimal.ZERO
                    : taxParts.values().stream().map(p -> p[0].add(p[1]).add(p[2])).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal beforeCertificates = subtotal.subtract(discount).add(shipping).add(surcharge).add(added);
            List<BigDecimal> certificates = new ArrayList<>();
            if (r.nextInt(100) < 15 && beforeCertificates.compareTo(CENT) >= 0) {
                BigDecimal left = beforeCertificates;
                for (int k = 1 + r.nextInt(2); k > 0 && left.compareTo(CENT) >= 0; k--) {
                    BigDecimal cost = r.nextInt(4) == 0 ? left : round2(left.multiply(BigDecimal.valueOf(r.nextDouble()))).max(CENT);
                    cost = cost.min(MAX_LINE); // Xero's line limit applies to certificates too
                    certificates.add(cost);
                    left = left.subtract(cost);
                }
            }
            BigDecimal total = beforeCertificates.subtract(certificates.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            return new Generated(orderId, items, scheme, inclusive, exempt, unitMode, shipping, shippingTaxes, surcharge,
                    surchargeTaxes, discount, taxParts, certificates, round2(total));
        }

        /** fn_calculate_tax_rates for one base: added tax or the tax contained in the price, rounded. */
        static BigDecimal tax(BigDecimal base, BigDecimal ratePercent, boolean inclusive) {
            BigDecimal rate = ratePercent.divide(HUNDRED, MathContext.DECIMAL128);
            if (inclusive) {
                return round2(base.subtract(base.divide(BigDecimal.ONE.add(rate), MathContext.DECIMAL128)));
            }
            return round2(base.multiply(rate));
        }

        private BigDecimal price() {
            int p = r.nextInt(100);
            if (p < 3) {
                return BigDecimal.ZERO.setScale(2);
            }
            if (p < 85) {
                return money(1, 50_000);
            }
            if (p < 97) {
                return money(50_000, 2_000_000);
            }
            return money(2_000_000, 999_999_999);
        }

        private long quantity() {
            int q = r.nextInt(100);
            return q < 80 ? 1 + r.nextInt(5) : q < 95 ? 6 + r.nextInt(95) : 101 + r.nextInt(9899);
        }

        /** Cents in [fromCents, toCents]. */
        private BigDecimal money(long fromCents, long toCents) {
            return BigDecimal.valueOf(fromCents + (long) (r.nextDouble() * (toCents - fromCents + 1)), 2);
        }

        private Set<String> subset(List<String> scheme, int percentTaxed) {
            if (scheme.isEmpty() || r.nextInt(100) >= percentTaxed) {
                return Set.of();
            }
            if (scheme.size() == 1) {
                return Set.copyOf(scheme);
            }
            int pick = r.nextInt(4); // both taxes twice as often as either alone
            return pick < 2 ? Set.copyOf(scheme) : Set.of(scheme.get(pick - 2));
        }

        private String name() {
            int n = r.nextInt(100);
            if (n < 2) {
                return "Very long name ".repeat(300); // > 4000 characters
            }
            return NAMES.get(r.nextInt(NAMES.size())) + (r.nextBoolean() ? "" : " #" + r.nextInt(1000));
        }

        // ---- CS-Cart's stored form of the order, serialized as PHP would

        /** order_data T in the shape of the order's tax mode, numbers written in PHP's various ways. */
        String taxData(Generated g) {
            List<Object> taxes = new ArrayList<>();
            for (String id : g.orderTaxes()) {
                BigDecimal[] parts = g.taxParts().get(id);
                List<Object> applies = new ArrayList<>();
                if (g.unitMode()) {
                    for (Item item : g.items()) {
                        if (item.taxes().contains(id)) {
                            applies.add("P_" + item.itemId());
                            applies.add(number(Generator.tax(item.price(), CSCART_RATES.get(id), g.inclusive())
                                    .multiply(BigDecimal.valueOf(item.quantity()))));
                        }
                    }
                    if (g.shippingTaxes().contains(id)) {
                        applies.add("S_0_1");
                        applies.add(number(parts[1]));
                    }
                    if (g.surchargeTaxes().contains(id)) {
                        applies.add("PS_3");
                        applies.add(number(parts[2]));
                    }
                } else {
                    List<Object> itemFlags = new ArrayList<>();
                    for (Item item : g.items()) {
                        if (item.taxes().contains(id)) {
                            itemFlags.add(r.nextBoolean() ? (Object) item.itemId() : Long.toString(item.itemId()));
                            itemFlags.add(b(true));
                        }
                    }
                    boolean shipping = g.shippingTaxes().contains(id);
                    boolean surcharge = g.surchargeTaxes().contains(id);
                    applies.addAll(List.of("P", number(parts[0]), "S", number(parts[1])));
                    if (surcharge) {
                        applies.addAll(List.of("PS", number(parts[2])));
                    }
                    List<Object> items = new ArrayList<>(List.of("P", a(itemFlags), "S", shipping ? a(0, a(1, b(true))) : a()));
                    if (surcharge) {
                        items.addAll(List.of("PS", a(3, b(true))));
                    }
                    applies.addAll(List.of("items", a(items)));
                }
                BigDecimal subtotal = parts[0].add(parts[1]).add(parts[2]);
                taxes.add(Integer.parseInt(id));
                taxes.add(a("rate_type", s("P"), "rate_value", s(CSCART_RATES.get(id).setScale(3).toPlainString()),
                        "price_includes_tax", s(g.inclusive() ? "Y" : "N"), "regnumber", s(""), "priority", i(0),
                        "tax_subtotal", number(subtotal), "description", s("Tax " + id), "applies", a(applies)));
            }
            return a(taxes);
        }

        String giftCertificateData(Generated g) {
            List<Object> used = new ArrayList<>();
            for (int k = 0; k < g.giftCertificates().size(); k++) {
                used.add("GC-" + g.orderId() + "-" + k);
                used.add(a("gift_cert_id", s(Integer.toString(k + 1)), "amount", number(g.giftCertificates().get(k)),
                        "cost", number(g.giftCertificates().get(k)), "log_id", s("9")));
            }
            return a(used);
        }

        String extraData(Item item) {
            return a("product_options", a(), "product", s(item.name()), "discount", i(0), "base_price", number(item.price()),
                    "product_options_value", r.nextInt(5) == 0
                            ? a(0, a("option_type", s("S"), "option_name", s("Size"), "variant_name", s("XL"), "value", s("12")))
                            : a());
        }

        private String number(BigDecimal v) {
            return switch (r.nextInt(3)) {
                case 0 -> Php.d17(v);
                case 1 -> Php.d(v);
                default -> s(v.toPlainString());
            };
        }
    }

    /** The order as the connector will read it: serialized blobs parsed by OrderDataParser. */
    static CsCartOrder asConnectorSeesIt(Generator gen, Generated g) {
        List<OrderLine> lines = new ArrayList<>();
        for (Item item : g.items()) {
            String description = OrderDataParser.productText(g.orderId(), item.itemId(), bytes(gen.extraData(item))).description();
            lines.add(new OrderLine(item.itemId(), 1, "SKU-" + item.itemId(), description, item.price(), item.quantity(), null));
        }
        OrderMoney money = new OrderMoney(g.total(), g.subtotal(), g.discount(), g.shipping(), g.surcharge(), g.exempt());
        return new CsCartOrder(g.orderId(), money, lines, OrderDataParser.taxes(g.orderId(), bytes(gen.taxData(g))),
                OrderDataParser.giftCertificates(g.orderId(), bytes(gen.giftCertificateData(g))),
                OrderDataParser.shippingName(g.orderId(), bytes(a(0, a("shipping", s("Courier ★"))))));
    }

    // ---------------------------------------------------------------- Xero, independently, in integer cents

    /**
     * Xero's invoice total: per line round(qty × unit) to cents, Exclusive adds each line's tax: its TaxAmount when
     * sent, else round(LineAmount × rate).
     */
    static long xeroTotalCents(List<LineItem> lines, String lineAmountTypes) {
        long total = 0;
        for (LineItem line : lines) {
            total += lineCents(line);
            if ("Exclusive".equals(lineAmountTypes)) {
                total += lineTaxCents(line, lineAmountTypes);
            }
        }
        return total;
    }

    /** Xero's TotalTax: Σ per-line tax (TaxAmount when sent; NoTax invoices have none). */
    static long xeroTotalTaxCents(List<LineItem> lines, String lineAmountTypes) {
        long tax = 0;
        for (LineItem line : lines) {
            tax += lineTaxCents(line, lineAmountTypes);
        }
        return tax;
    }

    static long lineCents(LineItem line) {
        long quantity = line.quantity().longValueExact();
        long unitTenThousandths = line.unitAmount().movePointRight(4).longValueExact();
        return divideHalfUp(Math.multiplyExact(quantity, unitTenThousandths), 100);
    }

    static long lineTaxCents(LineItem line, String lineAmountTypes) {
        if ("NoTax".equals(lineAmountTypes)) {
            return 0;
        }
        if (line.taxAmount() != null) {
            return line.taxAmount().movePointRight(2).longValueExact();
        }
        long lineCents = lineCents(line);
        long rateTenThousandths = XERO_RATES.get(line.taxType()).movePointRight(4).longValueExact(); // % × 10^4
        if ("Inclusive".equals(lineAmountTypes)) {
            // LineAmount × rate / (100 + rate)
            return divideHalfUp(Math.multiplyExact(lineCents, rateTenThousandths), 1_000_000 + rateTenThousandths);
        }
        return divideHalfUp(Math.multiplyExact(lineCents, rateTenThousandths), 1_000_000);
    }

    /** The lines as Xero would take them without TaxAmount: what the connector sent before it carried CS-Cart's tax. */
    static List<LineItem> withoutTaxAmounts(List<LineItem> lines) {
        return lines.stream().map(l -> l.withTaxAmount(null)).toList();
    }

    /** Σ tax_subtotal of the order's taxes: what CS-Cart charged (none on tax-exempt orders). */
    static BigDecimal chargedTax(Generated g) {
        if (g.exempt() || !g.anyTaxApplies()) {
            return BigDecimal.ZERO.setScale(2);
        }
        return g.taxParts().values().stream().map(p -> p[0].add(p[1]).add(p[2])).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
    }

    /** a / b rounded half away from zero, b > 0. */
    static long divideHalfUp(long a, long b) {
        long magnitude = (Math.abs(a) * 2 + b) / (2 * b);
        return a < 0 ? -magnitude : magnitude;
    }

    /** 0.01 per taxed line and per CS-Cart tax component, 0.005 × quantity per unit-taxed line, and 0.01. */
    static BigDecimal simpleBound(Generated g, InvoiceDraft draft) {
        if (!"Exclusive".equals(draft.lineAmountTypes())) {
            return CENT;
        }
        long taxedLines = draft.lines().stream().filter(l -> !"Rounding".equals(l.description()))
                .filter(l -> XERO_RATES.get(l.taxType()).signum() != 0).count();
        BigDecimal bound = CENT.multiply(BigDecimal.valueOf(taxedLines + 1));
        for (String id : g.orderTaxes()) {
            List<Item> taxed = g.items().stream().filter(i -> i.taxes().contains(id)).toList();
            if (g.unitMode()) {
                for (Item item : taxed) {
                    bound = bound.add(HALF_CENT.multiply(BigDecimal.valueOf(item.quantity())));
                }
            } else if (!taxed.isEmpty()) {
                bound = bound.add(CENT);
            }
            if (g.shippingTaxes().contains(id) && g.shipping().signum() != 0) {
                bound = bound.add(CENT);
            }
            if (g.surchargeTaxes().contains(id) && g.surcharge().signum() != 0) {
                bound = bound.add(CENT);
            }
        }
        return bound;
    }

    // ---------------------------------------------------------------- the properties

    @Test
    void everyGeneratedOrderBecomesAnInvoiceWhoseXeroTotalIsOrdersTotalToTheCent() {
        Generator gen = new Generator(SEED);
        Map<String, Integer> seen = new TreeMap<>();
        BigDecimal largestAdjustment = BigDecimal.ZERO;
        BigDecimal largestUnitModeAdjustment = BigDecimal.ZERO;
        for (int n = 0; n < ORDERS; n++) {
            Generated g = gen.order(n + 1);
            CsCartOrder order = asConnectorSeesIt(gen, g);
            InvoiceDraft draft = CALCULATOR.draft(order);

            String expectedMode = g.exempt() || !g.anyTaxApplies() ? "NoTax" : g.inclusive() ? "Inclusive" : "Exclusive";
            assertThat(draft.lineAmountTypes()).as("order %s", g).isEqualTo(expectedMode);
            assertThat(xeroTotalCents(draft.lines(), draft.lineAmountTypes()))
                    .as("Xero total of order %s, lines %s", g, draft.lines())
                    .isEqualTo(g.total().movePointRight(2).longValueExact());
            assertThat(draft.expectedTotal()).isEqualByComparingTo(g.total());
            // TotalTax to the cent: what CS-Cart charged, every tax carried by the lines' TaxAmounts
            BigDecimal charged = chargedTax(g);
            assertThat(xeroTotalTaxCents(draft.lines(), draft.lineAmountTypes()))
                    .as("Xero TotalTax of order %s, lines %s", g, draft.lines())
                    .isEqualTo(charged.movePointRight(2).longValueExact());
            assertThat(draft.chargedTax()).isEqualByComparingTo(charged);
            assertThat(draft.uncarriedTax()).as("uncarried tax of order %s", g).isZero();
            BigDecimal adjustment = draft.roundingAdjustment();
            assertThat(adjustment.abs()).as("rounding of order %s", g).isLessThanOrEqualTo(simpleBound(g, draft));
            // tax amounts carry every cent: no rounding line is left
            assertThat(adjustment).as("rounding of order %s, lines %s", g, draft.lines()).isZero();
            assertWellFormed(g, draft);
            if (!"NoTax".equals(draft.lineAmountTypes())) {
                count(seen, "taxed", true);
                // before: Xero's own per-line tax, and a rounding line for the total on Exclusive invoices
                count(seen, "TotalTax right without TaxAmount", xeroTotalTaxCents(withoutTaxAmounts(draft.lines()),
                        draft.lineAmountTypes()) == charged.movePointRight(2).longValueExact());
                count(seen, "rounding line without TaxAmount", xeroTotalCents(withoutTaxAmounts(draft.lines()),
                        draft.lineAmountTypes()) != g.total().movePointRight(2).longValueExact());
            }

            if (g.unitMode()) {
                largestUnitModeAdjustment = largestUnitModeAdjustment.max(adjustment.abs());
            } else {
                largestAdjustment = largestAdjustment.max(adjustment.abs());
            }
            seen.merge(draft.lineAmountTypes(), 1, Integer::sum);
            count(seen, "rounding line", adjustment.signum() != 0);
            count(seen, "TotalTax = CS-Cart tax", xeroTotalTaxCents(draft.lines(), draft.lineAmountTypes())
                    == charged.movePointRight(2).longValueExact());
            count(seen, "two-tax lines", draft.lines().stream().anyMatch(l -> Set.of("T1325", "T15X", "T2325").contains(l.taxType())));
            count(seen, "unit-price mode", g.unitMode() && !g.orderTaxes().isEmpty());
            count(seen, "discount", g.discount().signum() != 0);
            count(seen, "100 % discount", g.discount().signum() != 0 && g.discount().compareTo(g.subtotal()) == 0);
            count(seen, "split discount", draft.lines().stream().filter(l -> l.description().startsWith("Discount (")).count() > 1);
            count(seen, "gift certificate", !g.giftCertificates().isEmpty());
            count(seen, "zero total", g.total().signum() == 0);
            count(seen, "tax exempt", g.exempt());
            count(seen, "surcharge", g.surcharge().signum() != 0);
            count(seen, "quantity > 100", g.items().stream().anyMatch(i -> i.quantity() > 100));
            count(seen, "price > 20000", g.items().stream().anyMatch(i -> i.price().compareTo(bd("20000")) > 0));
        }
        System.out.println("InvoicePropertyTest: " + ORDERS + " orders, largest rounding line " + largestAdjustment
                + " (subtotal tax mode), " + largestUnitModeAdjustment + " (unit-price mode), " + seen);
        assertThat(seen).allSatisfy((what, times) -> assertThat(times).as(what).isGreaterThanOrEqualTo(20));
        assertThat(seen.get("TotalTax = CS-Cart tax")).isEqualTo(ORDERS);
        assertThat(seen).doesNotContainKey("rounding line");
        assertThat(seen.keySet()).contains("Exclusive", "Inclusive", "NoTax", "two-tax lines",
                "unit-price mode", "100 % discount", "split discount", "gift certificate", "zero total");
    }

    @Test
    void totalsBeyondTheRoundingBoundAreRejectedNotPaperedOver() {
        Generator gen = new Generator(SEED + 1);
        int rejected = 0;
        for (int n = 0; n < 1500; n++) {
            Generated g = gen.order(n + 1);
            CsCartOrder order = asConnectorSeesIt(gen, g);
            InvoiceDraft draft = CALCULATOR.draft(order);
            // push the total beyond the bound, on the side the rounding already leans to (or either, when none)
            BigDecimal off = simpleBound(g, draft).setScale(2, RoundingMode.UP).add(CENT);
            int side = draft.roundingAdjustment().signum() != 0 ? draft.roundingAdjustment().signum() : n % 2 == 0 ? 1 : -1;
            OrderMoney m = order.money();
            BigDecimal wrongTotal = m.total().add(off.multiply(BigDecimal.valueOf(side)));
            CsCartOrder inconsistent = new CsCartOrder(order.orderId(), new OrderMoney(wrongTotal, m.subtotal(),
                    m.subtotalDiscount(), m.shippingCost(), m.paymentSurcharge(), m.taxExempt()), order.lines(),
                    order.taxes(), order.giftCertificates(), order.shippingName());
            InvoiceDraft accepted = null;
            try {
                accepted = CALCULATOR.draft(inconsistent);
            } catch (InvalidOrderDataException expected) {
                assertThat(expected.getMessage()).contains("more than tax rounding explains");
            }
            assertThat(accepted).as("order %s off by %s", g, off).isNull();
            rejected++;
        }
        assertThat(rejected).isEqualTo(1500);
    }

    private static void count(Map<String, Integer> seen, String what, boolean happened) {
        if (happened) {
            seen.merge(what, 1, Integer::sum);
        }
    }

    private static void assertWellFormed(Generated g, InvoiceDraft draft) {
        List<LineItem> lines = draft.lines();
        assertThat(lines.subList(0, g.items().size())).extracting(LineItem::accountCode).containsOnly("200");
        for (LineItem line : lines) {
            assertThat(line.quantity()).isPositive();
            assertThat(line.description()).isNotBlank().hasSizeLessThanOrEqualTo(4000);
            assertThat(line.taxType()).isNotNull();
            assertThat(line.lineItemID()).isNull();
            assertThat(line.lineAmount()).isNull();
            if (!"200".equals(line.accountCode())) {
                assertThat(line.unitAmount().signum()).as("non-item line %s", line).isNotZero();
            }
        }
        Set<String> accounts = lines.stream().skip(g.items().size()).map(LineItem::accountCode)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        assertThat(accounts).isSubsetOf("210", "220", "230", "240", "860");
        if ("NoTax".equals(draft.lineAmountTypes())) {
            assertThat(lines).extracting(LineItem::taxType).containsOnly("NONE");
        }
    }
}
