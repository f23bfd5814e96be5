package io.cscartxero.order;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.cscartxero.bookkeeping.LineBooking;
import io.cscartxero.tax.AppliedTax;
import io.cscartxero.tax.TaxCombo;
import io.cscartxero.xero.model.LineItem;

/**
 * CS-Cart order → the lines of a Xero sales invoice whose Total, as Xero computes it, is {@code orders.total} to the
 * cent. Pure: no I/O, the same order always gives the same draft.
 *
 * <h2>Lines</h2>
 * One line per order item (UnitAmount = the stored price, the linked ItemCode, the revenue account, the TaxType of
 * the taxes applying to it); shipping and payment surcharge lines when not zero, with the TaxType of the taxes
 * applying to them; the order discount ({@code subtotal_discount}: promotions and reward points) as negative
 * UnitAmounts on the discount account (Xero rejects negative quantities); each redeemed gift certificate as a
 * negative untaxed line on the gift-certificate account (it is a means of payment, applied after tax). Lines that
 * would be zero are left out, except items (a free product is still worth listing). A non-zero price whose
 * LineAmount rounds to 0.00 (4-dp prices) is rejected: Xero answers it with misleading "Account must be valid."
 * errors.
 *
 * <p>With a {@link LineBooking}, each item line is on the revenue account of its product, main category (or nearest
 * mapped ancestor) or storefront, and every line carries the configured tracking (other lines take the order's first
 * item's). Neither changes an amount, so totals and tax are the same to the cent.
 *
 * <h2>Tax treatment</h2>
 * {@code NoTax} when the order is tax exempt or no tax applies to it; {@code Inclusive} when its taxes have
 * {@code price_includes_tax = 'Y'}, {@code Exclusive} when 'N'. An order mixing the two is rejected: a Xero invoice
 * has one LineAmountTypes, and converting half of its prices would change the amounts the customer saw. Flat-amount
 * taxes (rate_type F) are rejected too, Xero only has percentages. Each line's TaxType comes from the
 * {@link TaxMapping} for the exact set of taxes on it, and the mapped Xero rate must equal the CS-Cart rate (the sum
 * of the rates, compounded across priorities when added to the price), else the tax in Xero would be wrong.
 *
 * <p>CS-Cart's default "subtotal" tax mode taxes the products at {@code round2(round2(P × ddc) × rate)} with
 * {@code ddc = max(0, subtotal − subtotal_discount) / subtotal}: the order discount lowers the tax of every product in
 * proportion. The discount line is therefore split across the products' tax groups in proportion to their amounts
 * (cents by largest remainder), each part carrying its group's TaxType, and the part beyond the subtotal (a discount
 * above 100 %) is untaxed. In "unit_price" mode (taxes list {@code P_<item>} keys) CS-Cart taxes undiscounted unit
 * prices, so the discount is one untaxed line.
 *
 * <h2>Tax to the cent</h2>
 * Xero computes tax per line and rounds it (Xero's API docs: rounding in Xero), CS-Cart per tax and target, so Xero's own tax
 * misses CS-Cart's by a few cents (6.65 vs 6.66; 8171.27 vs 8171.34 on 100 lines). Every taxed line therefore carries
 * its tax as the LineItem's TaxAmount, which Xero keeps when sent ("This value can be overriden if the calculated
 * TaxAmount is not correct"; "Rounding in Xero"). Each CS-Cart tax's charged amount ({@code tax_subtotal}) is split
 * over the Xero lines it applies to, using the per-target amounts CS-Cart recorded in {@code applies}: in unit-price
 * mode each {@code P_<item>} amount goes to its line; in subtotal mode {@code P} goes over the products and the
 * discount parts of their tax group, {@code S} to shipping, {@code PS} to the surcharge. Within a group (or over all
 * the tax's lines when the recorded amounts are missing or do not add up to {@code tax_subtotal}) each line gets its
 * exact tax (LineAmount × rate, compounded on lower-priority taxes when added; the share of the included rates when
 * included) rounded to cents, and the cents still missing go to the lines with the largest remainders. A line's
 * TaxAmount is the sum of its taxes' shares; it keeps the sign of its LineAmount and never exceeds it (what Xero
 * accepts, see the sandbox's InvoiceStore). So TotalTax = Σ {@code tax_subtotal}; Inclusive: LineAmount stays the
 * gross price and the override only moves cents between net and tax; Exclusive: Total = Σ LineAmount + Σ TaxAmount
 * = {@code orders.total}.
 *
 * <h2>Rounding line</h2>
 * What tax amounts cannot carry (a tax whose lines cannot take its cents, amounts that do not add up) remains a
 * difference between Xero's total and {@code orders.total}. One untaxed rounding line takes it, but only when rounding
 * can explain it. Every half-up rounding to cents moves a value by at most 0.005, so the bound counts the rounding
 * steps on both sides:
 * <ul>
 * <li>0.005 per taxed Xero line (Xero's per-line rounding), plus 0.01 × rate per discount part (its cents were
 *     allocated, moving its base by less than 0.01);</li>
 * <li>per added CS-Cart tax: 0.005 + 0.01 × rate for its products (the rounding of the tax and of the discounted base,
 *     and of a lower-priority tax it compounds on), 0.005 for its shipping, 0.005 for its surcharge; in unit-price
 *     mode 0.005 × quantity per taxed line instead of the products' term (the unit tax was rounded, then
 *     multiplied);</li>
 * <li>0.01 for PHP's binary floats, which can put a tie on either side.</li>
 * </ul>
 * A larger difference means the order's own amounts do not add up (edited totals, data this model does not cover):
 * {@link InvalidOrderDataException}, logged by the job, never a silently wrong invoice.
 */
public final class InvoiceCalculator {

    static final int MAX_DESCRIPTION = 4000;
    static final String FALLBACK_DESCRIPTION = "Item";
    private static final BigDecimal HALF_CENT = new BigDecimal("0.005");
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** Xero rates come as e.g. 8.2500; CS-Cart's as 8.250. */
    private static final BigDecimal RATE_TOLERANCE = new BigDecimal("0.0001");

    private final InvoiceAccounts accounts;
    private final TaxMapping taxMapping;
    /** Revenue account and tracking per line; null: every item on {@code accounts.revenue()}, no tracking. */
    private final LineBooking booking;
    /**
     * The Xero TaxType of a line by the taxes it carries: by the order's taxes (what decides a line's type: each tax's
     * id, rate, priority and inclusion), then by which of them the line carries (the bits of their positions). Orders
     * with the same taxes share their entries, so the combination, its keys and the rate check are computed once per
     * set of taxes for the calculator, not once per order; the order's key is built once, when its first taxed line
     * asks, and a line finds its type by the lookup of its mask (no key per line). Shared by the threads drafting orders (one per core in dry runs); only types that passed
     * every check are kept, so an order whose taxes are refused is refused again with its own message. It grows with
     * the store's distinct tax setups, not with its orders; past {@link #MAX_TAX_SETUPS} of them a new setup is
     * remembered for its order only.
     */
    private final Map<OrderTaxes, Map<Long, String>> taxTypes = new ConcurrentHashMap<>();
    static final int MAX_TAX_SETUPS = 4096;

    public InvoiceCalculator(InvoiceAccounts accounts, TaxMapping taxMapping) {
        this(accounts, taxMapping, null);
    }

    /**
     * @param booking where each item line is booked (product, category, storefront, default) and the tracking of every
     *                line; null: today's single revenue account, untracked
     */
    public InvoiceCalculator(InvoiceAccounts accounts, TaxMapping taxMapping, LineBooking booking) {
        this.accounts = accounts;
        this.taxMapping = taxMapping;
        this.booking = booking;
    }

    /** @throws InvalidOrderDataException when the order cannot be invoiced correctly; the message says why */
    public InvoiceDraft draft(CsCartOrder order) {
        return new Draft(order).build();
    }

    /** The lines of one order while they are being built. */
    private final class Draft {

        private final CsCartOrder order;
        private final OrderMoney money;
        private final List<OrderTax> taxes;
        private final String mode;
        private final List<LineItem> lines = new ArrayList<>();
        /** What each line of {@link #lines} is, for sharing out the taxes. */
        private final List<Target> targets = new ArrayList<>();
        /** Cents of tax no line could carry. */
        private long uncarriedCents;
        /** How far Xero's total may plausibly be from CS-Cart's; see the class comment. */
        private BigDecimal bound = CENT;
        /** This order's entry of {@link InvoiceCalculator#taxTypes}; null until a taxed line asks for its type. */
        private Map<Long, String> taxTypeByMask;

        Draft(CsCartOrder order) {
            this.order = order;
            this.money = order.money();
            validate();
            List<OrderTax> orderTaxes = money.taxExempt() ? List.of() : explainProductLines(order.taxes());
            this.taxes = orderTaxes.stream().filter(this::appliesToAnything).toList();
            if (!money.taxExempt()) {
                // a tax that charged something but applies to nothing the order has cannot be put on a line: the
                // invoice would book it as revenue (included) or miss it (added)
                for (OrderTax tax : orderTaxes) {
                    if (!taxes.contains(tax) && tax.taxSubtotal() != null && tax.taxSubtotal().signum() != 0) {
                        throw new InvalidOrderDataException(order.orderId(), "tax " + tax.label() + " charged "
                                + tax.taxSubtotal() + " but applies to none of the order's lines, shipping or surcharge");
                    }
                }
            }
            this.mode = lineAmountTypes();
        }

        InvoiceDraft build() {
            for (OrderLine line : order.lines()) {
                List<OrderTax> lineTaxes = taxesOn(line);
                add(LineItem.request(itemDescription(line), BigDecimal.valueOf(line.quantity()), line.unitPrice(),
                        blankToNull(line.itemCode()), revenueAccount(line), taxType(lineTaxes)), Kind.ITEM, line, lineTaxes);
            }
            if (money.shippingCost().signum() != 0) {
                String name = order.shippingName().strip();
                List<OrderTax> shippingTaxes = taxesOn(TaxApplies::shipping);
                add(LineItem.request(truncate(name.isEmpty() ? "Shipping" : "Shipping: " + name), BigDecimal.ONE,
                        money.shippingCost(), null, accounts.shipping(), taxType(shippingTaxes)), Kind.SHIPPING, null,
                        shippingTaxes);
            }
            if (money.paymentSurcharge().signum() != 0) {
                List<OrderTax> surchargeTaxes = taxesOn(TaxApplies::paymentSurcharge);
                add(LineItem.request("Payment surcharge", BigDecimal.ONE, money.paymentSurcharge(), null,
                        accounts.surcharge(), taxType(surchargeTaxes)), Kind.SURCHARGE, null, surchargeTaxes);
            }
            addDiscount();
            for (GiftCertificateUse gc : order.giftCertificates()) {
                if (gc.cost().signum() != 0) {
                    String code = gc.code().strip();
                    add(LineItem.request(truncate(code.isEmpty() ? "Gift certificate" : "Gift certificate " + code),
                            BigDecimal.ONE, gc.cost().negate(), null, accounts.giftCertificate(),
                            taxMapping.untaxedTaxType()), Kind.OTHER, null, List.of());
                }
            }
            for (LineItem line : lines) {
                BigDecimal amount = XeroArithmetic.lineAmount(line.quantity(), line.unitAmount());
                if (amount.abs().compareTo(XeroArithmetic.MAX_LINE_AMOUNT) > 0) {
                    throw invalid("the line \"" + abbreviate(line.description()) + "\" comes to " + amount.toPlainString()
                            + ", more than Xero's limit of 9,999,999,999.99 per line");
                }
            }
            shareOutTaxes();
            BigDecimal roundingAdjustment = reconcile();
            track();
            BigDecimal charged = InvoiceDraft.NO_TAX.equals(mode) ? BigDecimal.ZERO
                    : taxes.stream().map(OrderTax::taxSubtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new InvoiceDraft(mode, lines, money.total(), roundingAdjustment, XeroArithmetic.round2(charged),
                    BigDecimal.valueOf(uncarriedCents, 2));
        }

        private String revenueAccount(OrderLine line) {
            return booking == null ? accounts.revenue() : booking.orderLineAccount(order.orderId(), line.productId());
        }

        /**
         * Every line's tracking: an item line by its product (category sources), the other lines (shipping, surcharge,
         * discount, gift certificate, rounding) as the order's first item. Amounts are not touched.
         */
        private void track() {
            if (booking == null || !booking.booking().tracks()) {
                return;
            }
            long firstProduct = order.lines().get(0).productId();
            Map<Long, List<io.cscartxero.xero.model.LineItemTracking>> byProduct = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                OrderLine item = targets.get(i).item();
                long product = item == null ? firstProduct : item.productId();
                List<io.cscartxero.xero.model.LineItemTracking> tracking = byProduct.computeIfAbsent(product,
                        p -> booking.tracking(order.orderId(), p));
                lines.set(i, lines.get(i).withTracking(tracking));
            }
        }

        private void add(LineItem line, Kind kind, OrderLine item, List<OrderTax> lineTaxes) {
            lines.add(line);
            targets.add(new Target(kind, item, lineTaxes));
        }

        // ---- validation and tax treatment

        private void validate() {
            requireCents(money.total(), "total");
            requireCents(money.subtotal(), "subtotal");
            requireCents(money.subtotalDiscount(), "subtotal_discount");
            requireCents(money.shippingCost(), "shipping_cost");
            requireCents(money.paymentSurcharge(), "payment_surcharge");
            if (order.lines().isEmpty()) {
                throw invalid("the order has no products");
            }
            for (OrderLine line : order.lines()) {
                if (line.quantity() < 1) {
                    throw invalid("item " + line.itemId() + " has quantity " + line.quantity());
                }
                if (line.unitPrice().scale() > 4 && line.unitPrice().stripTrailingZeros().scale() > 4) {
                    throw invalid("item " + line.itemId() + " has price " + line.unitPrice().toPlainString()
                            + ", more decimals than Xero's 4");
                }
                if (line.unitPrice().signum() != 0
                        && XeroArithmetic.lineAmount(BigDecimal.valueOf(line.quantity()), line.unitPrice()).signum() == 0) {
                    // Xero answers such a line with "Account must be valid." or "Tax rate must be valid."
                    throw invalid("item " + line.itemId() + " (" + line.quantity() + " × " + line.unitPrice().toPlainString()
                            + ") rounds to a line amount of 0.00, which Xero rejects");
                }
            }
            for (GiftCertificateUse gc : order.giftCertificates()) {
                requireCents(gc.cost(), "gift certificate " + gc.code() + " cost");
            }
        }

        private void requireCents(BigDecimal value, String what) {
            if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {   // stripping only lowers the scale
                throw invalid(what + " " + value.toPlainString() + " has more than 2 decimals");
            }
        }

        /**
         * In subtotal mode CS-Cart records the lines a tax applies to ({@code applies.items.P}) and the tax it charged
         * on them ({@code applies.P}). Its own demo order 71 lists 3 of its 4 lines while {@code P} (24.09) is the tax
         * on all 4 (10 % included in 265.00; in the 3 listed, 115.00, it is 10.45), and its {@code tax_subtotal} is
         * 24.09 too. The charged amount decides: when it is the tax on every line and not on the listed ones, the tax
         * applies to every line; when it is neither, the order is refused rather than its tax booked on lines it was
         * not charged on.
         */
        private List<OrderTax> explainProductLines(List<OrderTax> recorded) {
            List<OrderTax> explained = new ArrayList<>();
            for (OrderTax tax : recorded) {
                TaxApplies applies = tax.applies();
                BigDecimal charged = applies.productsTax();
                List<OrderLine> listed = order.lines().stream().filter(applies::appliesTo).toList();
                if (applies.perUnit() || applies.allItems() || charged == null || !OrderTax.PERCENT.equals(tax.rateType())
                        || tax.rateValue().signum() == 0 || listed.isEmpty() || listed.size() == order.lines().size()) {
                    explained.add(tax);
                    continue;
                }
                BigDecimal onListed = productsTax(tax, listed, List.of());
                BigDecimal onAll = productsTax(tax, order.lines(), List.of());
                if (isChargedOn(tax, listed, recorded)) {
                    explained.add(tax);
                } else if (isChargedOn(tax, order.lines(), recorded)) {
                    explained.add(tax.withApplies(applies.onAllItems()));
                } else {
                    throw invalid("tax " + tax.label() + " records " + charged.toPlainString() + " on the products (applies.P), "
                            + "which is neither its " + percent(tax.rateValue()) + " on the " + listed.size() + " of "
                            + order.lines().size() + " lines it lists (" + onListed.toPlainString() + ") nor on all of them ("
                            + onAll.toPlainString() + "), so the lines it was charged on are unknown");
                }
            }
            return explained;
        }

        /**
         * Whether the products tax {@code tax} recorded is its tax on {@code products}: on the rate alone, or with the
         * other taxes of the lines (compounded on lower priorities when added, the included rates' share when
         * included), each within the cents CS-Cart's roundings (tax, discounted base, PHP floats) can move it.
         */
        private boolean isChargedOn(OrderTax tax, List<OrderLine> products, List<OrderTax> all) {
            BigDecimal tolerance = CENT.add(HALF_CENT.multiply(BigDecimal.valueOf(order.lines().size())));
            BigDecimal charged = tax.applies().productsTax();
            return charged.subtract(productsTax(tax, products, List.of())).abs().compareTo(tolerance) <= 0
                    || charged.subtract(productsTax(tax, products, all)).abs().compareTo(tolerance) <= 0;
        }

        /**
         * What CS-Cart's subtotal mode charges of {@code tax} on {@code products}: its rate on their amount after the
         * order discount's share, compounded on the lower-priority added taxes of {@code all} on each line, or the
         * share of the included rates, rounded to cents.
         */
        private BigDecimal productsTax(OrderTax tax, List<OrderLine> products, List<OrderTax> all) {
            BigDecimal sum = BigDecimal.ZERO;
            for (OrderLine line : products) {
                BigDecimal amount = XeroArithmetic.lineAmount(BigDecimal.valueOf(line.quantity()), line.unitPrice());
                List<OrderTax> others = all.stream().filter(t -> t != tax && t.applies().appliesTo(line)).toList();
                if (tax.priceIncludesTax()) {
                    BigDecimal rates = tax.rateValue().add(others.stream().filter(OrderTax::priceIncludesTax)
                            .map(OrderTax::rateValue).reduce(BigDecimal.ZERO, BigDecimal::add));
                    sum = sum.add(amount.multiply(tax.rateValue()).divide(HUNDRED.add(rates), MathContext.DECIMAL128));
                } else {
                    for (OrderTax lower : others) {
                        if (!lower.priceIncludesTax() && lower.priority() < tax.priority()) {
                            amount = amount.multiply(BigDecimal.ONE.add(hundredth(lower.rateValue())));
                        }
                    }
                    sum = sum.add(hundredth(amount.multiply(tax.rateValue())));
                }
            }
            BigDecimal subtotal = money.subtotal();
            if (subtotal.signum() > 0 && money.subtotalDiscount().signum() != 0) {
                BigDecimal discounted = subtotal.subtract(money.subtotalDiscount()).max(BigDecimal.ZERO);
                sum = sum.multiply(discounted).divide(subtotal, MathContext.DECIMAL128);
            }
            return sum.setScale(2, RoundingMode.HALF_UP);
        }

        private boolean appliesToAnything(OrderTax tax) {
            TaxApplies applies = tax.applies();
            return order.lines().stream().anyMatch(applies::appliesTo)
                    || (applies.shipping() && money.shippingCost().signum() != 0)
                    || (applies.paymentSurcharge() && money.paymentSurcharge().signum() != 0);
        }

        private String lineAmountTypes() {
            if (taxes.isEmpty()) {
                return InvoiceDraft.NO_TAX;
            }
            for (OrderTax tax : taxes) {
                if (!OrderTax.PERCENT.equals(tax.rateType())) {
                    throw invalid("tax " + tax.label() + " is a flat amount (rate_type " + tax.rateType()
                            + "); Xero only has percentage tax rates");
                }
            }
            List<OrderTax> included = taxes.stream().filter(OrderTax::priceIncludesTax).toList();
            if (included.isEmpty()) {
                return InvoiceDraft.EXCLUSIVE;
            }
            if (included.size() == taxes.size()) {
                return InvoiceDraft.INCLUSIVE;
            }
            List<OrderTax> added = taxes.stream().filter(t -> !t.priceIncludesTax()).toList();
            throw invalid("it mixes taxes included in prices (" + labels(included) + ") with taxes added to them ("
                    + labels(added) + "); a Xero invoice is either tax-inclusive or tax-exclusive");
        }

        private boolean perUnit() {
            return taxes.stream().anyMatch(t -> t.applies().perUnit());
        }

        private List<OrderTax> taxesOn(OrderLine line) {
            return taxes.stream().filter(t -> t.applies().appliesTo(line)).toList();
        }

        private List<OrderTax> taxesOn(Predicate<TaxApplies> target) {
            return taxes.stream().filter(t -> target.test(t.applies())).toList();
        }

        /**
         * The Xero TaxType for a line taxed by exactly {@code lineTaxes}: the tax plan's choice for these taxes at these
         * rates, else an id-only mapping; checked against the CS-Cart rate.
         */
        private String taxType(List<OrderTax> lineTaxes) {
            if (lineTaxes.isEmpty()) {
                return taxMapping.untaxedTaxType();
            }
            // the same taxes (the same id, rate, priority and inclusion) give the same type: most lines of an order,
            // and most orders of a store, share theirs, so the combination and its keys are built once per set
            long mask = maskOf(lineTaxes);
            if (mask == 0) {
                return taxTypeOf(lineTaxes);
            }
            if (taxTypeByMask == null) {
                taxTypeByMask = typesFor(OrderTaxes.of(taxes));
            }
            String same = taxTypeByMask.get(mask);
            if (same != null) {
                return same;
            }
            String type = taxTypeOf(lineTaxes);
            taxTypeByMask.put(mask, type);
            return type;
        }

        /**
         * Which of {@link #taxes} {@code lineTaxes} is, as a bit set of their positions — 0 when it is not a subsequence
         * of those instances in their order (or there are more than 63), then not remembered.
         */
        private long maskOf(List<OrderTax> lineTaxes) {
            if (taxes.size() > 63) {
                return 0;
            }
            long mask = 0;
            int from = 0;
            for (OrderTax t : lineTaxes) {
                int at = from;
                while (at < taxes.size() && taxes.get(at) != t) {
                    at++;
                }
                if (at == taxes.size()) {
                    return 0;
                }
                mask |= 1L << at;
                from = at + 1;
            }
            return mask;
        }

        /** {@link #taxType} computed: the mapped type, checked; throws when there is none or its rate differs. */
        private String taxTypeOf(List<OrderTax> lineTaxes) {
            TaxCombo combo = new TaxCombo(lineTaxes.stream().map(t -> new AppliedTax(t.taxId(), t.description(), t.rateValue(),
                    t.priority(), t.priceIncludesTax())).toList());
            String rateKey = combo.key();
            String key = TaxMapping.key(lineTaxes.stream().map(OrderTax::taxId).toList());
            String type = taxMapping.taxTypeForRates(rateKey);
            if (type == null) {
                type = taxMapping.taxTypeFor(key);
            }
            String fix = combo.property() + "=<TaxType> or set xero.tax-rates.create-missing=true";
            if (type == null) {
                throw invalid(lineTaxes.size() == 1
                        ? "CS-Cart tax " + lineTaxes.get(0).label() + " has no Xero tax type in the tax mapping (at "
                                + TaxCombo.plain(lineTaxes.get(0).rateValue()) + " %): add " + fix
                        : "no Xero tax type is mapped for lines taxed by CS-Cart taxes " + key + " together ("
                                + labels(lineTaxes) + "): add " + fix);
            }
            BigDecimal csCartRate = combinedRate(lineTaxes);
            BigDecimal xeroRate = taxMapping.rateOf(type);
            if (csCartRate.subtract(xeroRate).abs().compareTo(RATE_TOLERANCE) > 0) {
                throw invalid("CS-Cart tax " + labels(lineTaxes) + " is " + percent(csCartRate) + " but its Xero tax type "
                        + type + " is " + percent(xeroRate) + "; map this rate on its own: " + combo.property() + "=<TaxType>");
            }
            return type;
        }

        /** Σ rates of one priority; taxes added to the price compound across priorities, included ones just add. */
        private BigDecimal combinedRate(List<OrderTax> lineTaxes) {
            return TaxCombo.combinedRate(lineTaxes.stream().map(t -> Map.entry(t.priority(), t.rateValue())).toList(),
                    InvoiceDraft.INCLUSIVE.equals(mode));
        }

        // ---- discount

        private void addDiscount() {
            BigDecimal discount = money.subtotalDiscount();
            if (discount.signum() == 0) {
                return;
            }
            if (InvoiceDraft.NO_TAX.equals(mode) || perUnit()) {
                addDiscountLine("Discount", discount, List.of(), false);
                return;
            }
            // the products' tax groups and their amounts, in the order they first appear
            Map<String, BigDecimal> weights = new LinkedHashMap<>();
            Map<String, List<OrderTax>> groupTaxes = new HashMap<>();
            for (OrderLine line : order.lines()) {
                List<OrderTax> lineTaxes = taxesOn(line);
                String key = TaxMapping.key(lineTaxes.stream().map(OrderTax::taxId).toList());
                weights.merge(key, XeroArithmetic.lineAmount(BigDecimal.valueOf(line.quantity()), line.unitPrice()),
                        BigDecimal::add);
                groupTaxes.put(key, lineTaxes);
            }
            BigDecimal subtotal = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (subtotal.signum() <= 0 || weights.values().stream().anyMatch(w -> w.signum() < 0)) {
                addDiscountLine("Discount", discount, List.of(), false);
                return;
            }
            // CS-Cart stops taxing at a zero discounted subtotal: the part of the discount beyond it is untaxed
            BigDecimal taxed = discount.signum() > 0 ? discount.min(subtotal) : discount;
            Map<String, BigDecimal> shares = allocate(taxed, weights);
            shares.merge("", discount.subtract(taxed), BigDecimal::add);
            long parts = shares.values().stream().filter(s -> s.signum() != 0).count();
            shares.forEach((key, share) -> {
                if (share.signum() == 0) {
                    return;
                }
                List<OrderTax> partTaxes = groupTaxes.getOrDefault(key, List.of());
                String description = parts == 1 ? "Discount"
                        : partTaxes.isEmpty() ? "Discount (untaxed items)" : "Discount (items taxed " + descriptions(partTaxes) + ")";
                addDiscountLine(description, share, partTaxes, true);
            });
        }

        private void addDiscountLine(String description, BigDecimal amount, List<OrderTax> partTaxes, boolean allocated) {
            String taxType = partTaxes.isEmpty() ? taxMapping.untaxedTaxType() : taxType(partTaxes);
            add(LineItem.request(description, BigDecimal.ONE, amount.negate(), null, accounts.discount(), taxType),
                    partTaxes.isEmpty() ? Kind.OTHER : Kind.DISCOUNT, null, partTaxes);
            if (allocated && InvoiceDraft.EXCLUSIVE.equals(mode)) {
                bound = bound.add(hundredth(CENT.multiply(rateOf(taxType))));
            }
        }

        // ---- tax to the cent

        /**
         * Sets every taxed line's TaxAmount to its share of the taxes CS-Cart charged (see the class comment). Lines
         * whose Xero rate is 0 % carry none: Xero refuses a tax amount on them.
         */
        private void shareOutTaxes() {
            if (InvoiceDraft.NO_TAX.equals(mode)) {
                return;
            }
            long[] cents = new long[lines.size()];
            long[] limits = new long[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                LineItem line = lines.get(i);
                limits[i] = XeroArithmetic.lineAmount(line.quantity(), line.unitAmount()).movePointRight(2).longValueExact();
            }
            for (OrderTax tax : taxes) {
                for (Share share : sharesOf(tax)) {
                    uncarriedCents += place(tax, share, cents, limits);
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                if (canCarry(i)) {
                    lines.set(i, lines.get(i).withTaxAmount(BigDecimal.valueOf(cents[i], 2)));
                }
            }
        }

        /** A line taxed at a rate above 0 % (its Xero rate equals the CS-Cart one, see {@link #taxType}). */
        private boolean canCarry(int line) {
            return targets.get(line).taxes().stream().anyMatch(t -> t.rateValue().signum() != 0);
        }

        /** An amount of one tax and the lines that share it. */
        private record Share(List<Integer> lines, BigDecimal amount) {
        }

        /** The recorded per-target amounts of {@code tax}, or all of it over all its lines when they do not add up. */
        private List<Share> sharesOf(OrderTax tax) {
            List<Integer> products = new ArrayList<>();
            List<Integer> all = new ArrayList<>();
            Integer shipping = null;
            Integer surcharge = null;
            for (int i = 0; i < lines.size(); i++) {
                Target target = targets.get(i);
                if (!target.taxes().contains(tax)) {
                    continue;
                }
                all.add(i);
                switch (target.kind()) {
                    case ITEM, DISCOUNT -> products.add(i);
                    case SHIPPING -> shipping = i;
                    case SURCHARGE -> surcharge = i;
                    default -> { }
                }
            }
            TaxApplies applies = tax.applies();
            List<Share> recorded = new ArrayList<>();
            boolean complete = true;
            if (applies.perUnit()) {
                for (int i : products) {
                    OrderLine item = targets.get(i).item();
                    BigDecimal amount = item == null ? null : applies.itemTaxes().get(Long.toString(item.itemId()));
                    complete &= amount != null;
                    recorded.add(new Share(List.of(i), amount));
                }
            } else if (!products.isEmpty()) {
                complete &= applies.productsTax() != null;
                recorded.add(new Share(products, applies.productsTax()));
            }
            if (shipping != null) {
                complete &= applies.shippingTax() != null;
                recorded.add(new Share(List.of(shipping), applies.shippingTax()));
            }
            if (surcharge != null) {
                complete &= applies.surchargeTax() != null;
                recorded.add(new Share(List.of(surcharge), applies.surchargeTax()));
            }
            if (complete && recorded.stream().map(Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .compareTo(tax.taxSubtotal()) == 0) {
                return recorded;
            }
            return List.of(new Share(all, tax.taxSubtotal()));
        }

        /**
         * Adds {@code share} to the lines' tax cents: each line its exact tax rounded, then the missing cents one by one
         * to the lines with the largest remainders; a line's tax keeps the sign of its amount and never exceeds it.
         *
         * @return the cents no line could take
         */
        private long place(OrderTax tax, Share share, long[] cents, long[] limits) {
            List<Integer> carriers = share.lines().stream().filter(this::canCarry).toList();
            long wanted = share.amount().movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
            Map<Integer, BigDecimal> exact = new HashMap<>();
            long placed = 0;
            for (int i : carriers) {
                BigDecimal e = exactTaxCents(tax, i);
                exact.put(i, e);
                long rounded = e.setScale(0, RoundingMode.HALF_UP).longValueExact();
                long allowed = clamp(cents[i] + rounded, limits[i]) - cents[i];
                cents[i] += allowed;
                placed += allowed;
                exact.put(i, e.subtract(BigDecimal.valueOf(allowed))); // what it is still owed
            }
            long missing = wanted - placed;
            while (missing != 0) {
                long step = Long.signum(missing);
                // room: how many cents a line can still move in this direction
                Map<Integer, Long> room = new LinkedHashMap<>();
                for (int i : carriers) {
                    long r = Math.abs(clamp(step > 0 ? Long.MAX_VALUE / 4 : -Long.MAX_VALUE / 4, limits[i]) - cents[i]);
                    if (r > 0) {
                        room.put(i, r);
                    }
                }
                if (room.isEmpty()) {
                    break;
                }
                long each = Math.abs(missing) / room.size();
                if (each > 0) {
                    // far off (recorded amounts that do not match the lines): spread evenly, as far as each line takes
                    for (Map.Entry<Integer, Long> e : room.entrySet()) {
                        long moved = step * Math.min(each, e.getValue());
                        cents[e.getKey()] += moved;
                        exact.put(e.getKey(), exact.get(e.getKey()).subtract(BigDecimal.valueOf(moved)));
                        missing -= moved;
                    }
                    continue;
                }
                List<Integer> takers = room.keySet().stream()
                        .sorted(Comparator.comparing((Integer i) -> exact.get(i).multiply(BigDecimal.valueOf(step)))
                                .reversed().thenComparing(i -> -Math.abs(limits[i])).thenComparing(i -> i))
                        .toList();
                for (int i : takers) {
                    if (missing == 0) {
                        break;
                    }
                    cents[i] += step;
                    exact.put(i, exact.get(i).subtract(BigDecimal.valueOf(step)));
                    missing -= step;
                }
            }
            return missing;
        }

        /** The exact tax of {@code tax} on one line, in cents (unrounded; negative on discount lines). */
        private BigDecimal exactTaxCents(OrderTax tax, int line) {
            LineItem item = lines.get(line);
            BigDecimal amount = XeroArithmetic.lineAmount(item.quantity(), item.unitAmount()).movePointRight(2);
            List<OrderTax> lineTaxes = targets.get(line).taxes();
            if (InvoiceDraft.INCLUSIVE.equals(mode)) {
                BigDecimal rates = lineTaxes.stream().map(OrderTax::rateValue).reduce(BigDecimal.ZERO, BigDecimal::add);
                return amount.multiply(tax.rateValue()).divide(HUNDRED.add(rates), MathContext.DECIMAL128);
            }
            BigDecimal base = amount;
            for (OrderTax lower : lineTaxes) {
                if (lower.priority() < tax.priority()) {
                    base = base.multiply(BigDecimal.ONE.add(hundredth(lower.rateValue())));
                }
            }
            return hundredth(base.multiply(tax.rateValue()));
        }

        // ---- total and rounding

        private BigDecimal reconcile() {
            BigDecimal xeroTotal = XeroArithmetic.total(lines, mode, this::rateOf);
            BigDecimal difference = money.total().subtract(xeroTotal);
            if (InvoiceDraft.EXCLUSIVE.equals(mode)) {
                addRoundingSteps();
            }
            if (difference.abs().compareTo(bound) > 0) {
                throw invalid("orders.total is " + money.total().toPlainString() + " but its lines come to "
                        + xeroTotal.toPlainString() + " in Xero (" + mode + "); the difference of "
                        + difference.toPlainString() + " is more than tax rounding explains (at most "
                        + bound.setScale(2, RoundingMode.DOWN).toPlainString()
                        + " for this order), so the order's amounts are inconsistent");
            }
            if (difference.signum() != 0) {
                add(LineItem.request("Rounding", BigDecimal.ONE, difference, null, accounts.rounding(),
                        taxMapping.untaxedTaxType()), Kind.OTHER, null, List.of());
            }
            return difference;
        }

        /** The rounding steps of an Exclusive invoice on both sides; see the class comment. */
        private void addRoundingSteps() {
            for (LineItem line : lines) {
                if (rateOf(line.taxType()).signum() != 0) {
                    bound = bound.add(HALF_CENT);
                }
            }
            for (OrderTax tax : taxes) {
                TaxApplies applies = tax.applies();
                BigDecimal rate = hundredth(tax.rateValue().abs());
                if (applies.perUnit()) {
                    for (OrderLine line : order.lines()) {
                        if (applies.appliesTo(line)) {
                            bound = bound.add(HALF_CENT.multiply(BigDecimal.valueOf(line.quantity())));
                        }
                    }
                } else if (order.lines().stream().anyMatch(applies::appliesTo)) {
                    bound = bound.add(HALF_CENT).add(CENT.multiply(rate));
                }
                if (applies.shipping() && money.shippingCost().signum() != 0) {
                    bound = bound.add(HALF_CENT);
                }
                if (applies.paymentSurcharge() && money.paymentSurcharge().signum() != 0) {
                    bound = bound.add(HALF_CENT);
                }
            }
        }

        private BigDecimal rateOf(String taxType) {
            BigDecimal rate = taxMapping.rateOf(taxType);
            return rate == null ? BigDecimal.ZERO : rate;
        }

        private InvalidOrderDataException invalid(String reason) {
            return new InvalidOrderDataException(order.orderId(), reason);
        }
    }

    /** The types of the lines of orders with {@code setup}: shared, or past {@link #MAX_TAX_SETUPS} this order's own. */
    private Map<Long, String> typesFor(OrderTaxes setup) {
        Map<Long, String> types = taxTypes.get(setup);
        if (types != null) {
            return types;
        }
        if (taxTypes.size() >= MAX_TAX_SETUPS) {
            return new HashMap<>(4);
        }
        return taxTypes.computeIfAbsent(setup, s -> new ConcurrentHashMap<>(8));
    }

    /**
     * What decides the TaxType of a line carrying some of an order's taxes (the mask says which): per tax in the order's
     * order, its id, its rate as a number (10.000 = 10), its priority and whether prices include it — with the mapping,
     * these fix the rate key, the id key and the combined rate {@code taxTypeOf} checks (the invoice's Inclusive or
     * Exclusive too: all the order's taxes are one or the other). The description only names a tax in messages.
     */
    record OrderTaxes(List<TaxKey> taxes) {

        static OrderTaxes of(List<OrderTax> taxes) {
            List<TaxKey> keys = new ArrayList<>(taxes.size());
            for (OrderTax t : taxes) {
                keys.add(new TaxKey(t.taxId(), t.rateValue().stripTrailingZeros(), t.priority(), t.priceIncludesTax()));
            }
            return new OrderTaxes(List.copyOf(keys));
        }
    }

    /** @param rate without trailing zeros, so that equal rates are equal keys */
    record TaxKey(String taxId, BigDecimal rate, int priority, boolean included) {
    }

    /** What an invoice line stands for. */
    private enum Kind { ITEM, SHIPPING, SURCHARGE, DISCOUNT, OTHER }

    /** @param item the order line of an ITEM, else null; @param taxes the CS-Cart taxes on the line */
    private record Target(Kind kind, OrderLine item, List<OrderTax> taxes) {
    }

    /**
     * {@code value / 100} as {@code value.divide(100, DECIMAL128)} computes it, without the long division: exact (the
     * same number, only the scale may differ) whenever the value has at most 34 digits, which is when DECIMAL128 does
     * not round; a longer value takes the division, so the result is the same number in every case. Callers use the
     * number only (compare, round, add, multiply), never its scale.
     */
    static BigDecimal hundredth(BigDecimal value) {
        return value.precision() <= MathContext.DECIMAL128.getPrecision() ? value.movePointLeft(2)
                : value.divide(HUNDRED, MathContext.DECIMAL128);
    }

    /** The nearest tax in cents Xero accepts on a line of {@code limit} cents: between 0 and the line amount. */
    static long clamp(long taxCents, long limit) {
        return Math.max(Math.min(0, limit), Math.min(Math.max(0, limit), taxCents));
    }

    // ---- text

    private static String itemDescription(OrderLine line) {
        String text = firstNonBlank(line.description(), line.productCode(), FALLBACK_DESCRIPTION);
        return truncate(text.strip());
    }

    /** Allocates {@code amount} in cents in proportion to {@code weights} (all ≥ 0, sum > 0) by largest remainder. */
    static Map<String, BigDecimal> allocate(BigDecimal amount, Map<String, BigDecimal> weights) {
        BigInteger cents = amount.abs().movePointRight(2).toBigIntegerExact();
        BigDecimal total = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, BigInteger> floors = new LinkedHashMap<>();
        Map<String, BigDecimal> remainders = new HashMap<>();
        BigInteger allocated = BigInteger.ZERO;
        for (Map.Entry<String, BigDecimal> e : weights.entrySet()) {
            BigDecimal exact = new BigDecimal(cents).multiply(e.getValue()).divide(total, MathContext.DECIMAL128);
            BigInteger floor = exact.setScale(0, RoundingMode.FLOOR).toBigInteger();
            floors.put(e.getKey(), floor);
            remainders.put(e.getKey(), exact.subtract(new BigDecimal(floor)));
            allocated = allocated.add(floor);
        }
        List<String> byRemainder = new ArrayList<>(floors.keySet());
        byRemainder.sort(Comparator.comparing(remainders::get).reversed()); // stable: ties keep line order
        BigInteger left = cents.subtract(allocated);
        for (int i = 0; left.signum() > 0; i++, left = left.subtract(BigInteger.ONE)) {
            floors.merge(byRemainder.get(i), BigInteger.ONE, BigInteger::add);
        }
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        floors.forEach((key, c) -> {
            BigDecimal share = new BigDecimal(c).movePointLeft(2);
            shares.put(key, amount.signum() < 0 ? share.negate() : share);
        });
        return shares;
    }

    private static String firstNonBlank(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return "";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Xero's 4000-character limit, without splitting a surrogate pair. */
    static String truncate(String s) {
        if (s.length() <= MAX_DESCRIPTION) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_DESCRIPTION - 1)) ? MAX_DESCRIPTION - 1 : MAX_DESCRIPTION;
        return s.substring(0, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String labels(List<OrderTax> taxes) {
        return taxes.stream().map(OrderTax::label).collect(Collectors.joining(", "));
    }

    private static String descriptions(List<OrderTax> taxes) {
        return taxes.stream().map(t -> t.description().isBlank() ? t.taxId() : t.description().strip())
                .collect(Collectors.joining(" + "));
    }

    /** "8.875 %", "11.5969 %": a rate for messages, half-up to 4 decimals as Xero has them, no trailing zeros. */
    static String percent(BigDecimal rate) {
        return rate.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " %";
    }
}
