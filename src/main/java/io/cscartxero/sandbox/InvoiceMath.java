package io.cscartxero.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Xero's money rules (Xero's API docs: invoice and line item fields; rounding in Xero): LineAmount = Quantity × UnitAmount × (100 − DiscountRate)/100
 * (or − DiscountAmount) rounded to 2 dp; tax is computed <em>per line</em>, rounded to 2 dp and then summed
 * ("lines 25.06, 25.61, 25.63 at 15 % give tax 11.44"). Midpoints round half up (unverified: .NET's default would
 * be half-even; Xero's choice is not documented).
 */
final class InvoiceMath {

    static final int MONEY_DP = 2;
    static final int QUANTITY_DP = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** SubTotal, TotalTax, Total and TotalDiscount of a document. */
    record Totals(BigDecimal subTotal, BigDecimal totalTax, BigDecimal total, BigDecimal totalDiscount) {
        static final Totals ZERO = new Totals(money(BigDecimal.ZERO), money(BigDecimal.ZERO), money(BigDecimal.ZERO),
                money(BigDecimal.ZERO));
    }

    private InvoiceMath() {
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_DP, RoundingMode.HALF_UP);
    }

    /** Quantity × UnitAmount less the discount, unrounded. */
    static BigDecimal exactLineAmount(BigDecimal quantity, BigDecimal unitAmount, BigDecimal discountRate,
            BigDecimal discountAmount) {
        BigDecimal gross = quantity.multiply(unitAmount);
        if (discountRate != null) {
            return gross.multiply(HUNDRED.subtract(discountRate)).divide(HUNDRED, 10, RoundingMode.HALF_UP);
        }
        if (discountAmount != null) return gross.subtract(discountAmount);
        return gross;
    }

    static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitAmount, BigDecimal discountRate,
            BigDecimal discountAmount) {
        return money(exactLineAmount(quantity, unitAmount, discountRate, discountAmount));
    }

    /**
     * The tax of one line, rounded to 2 dp. Exclusive: LineAmount × rate. Inclusive: the tax contained in the
     * LineAmount, LineAmount − LineAmount / (1 + rate). NoTax: 0.
     *
     * @param ratePercent e.g. 15 for 15 %
     */
    static BigDecimal lineTax(BigDecimal lineAmount, BigDecimal ratePercent, String lineAmountTypes) {
        if (ratePercent == null || ratePercent.signum() == 0 || "NoTax".equals(lineAmountTypes)) {
            return money(BigDecimal.ZERO);
        }
        if ("Inclusive".equals(lineAmountTypes)) {
            BigDecimal net = lineAmount.multiply(HUNDRED).divide(HUNDRED.add(ratePercent), 10, RoundingMode.HALF_UP);
            return money(lineAmount.subtract(net));
        }
        return money(lineAmount.multiply(ratePercent).divide(HUNDRED, 10, RoundingMode.HALF_UP));
    }

    /**
     * Totals from already rounded line figures. Exclusive/NoTax: SubTotal = Σ LineAmount, Total = SubTotal + TotalTax.
     * Inclusive: LineAmounts include their tax, so SubTotal = Σ LineAmount − Σ tax and Total = Σ LineAmount.
     */
    static Totals totals(List<StoredInvoice.Line> lines, String lineAmountTypes) {
        BigDecimal lineSum = BigDecimal.ZERO;
        BigDecimal taxSum = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        for (StoredInvoice.Line line : lines) {
            lineSum = lineSum.add(line.lineAmount());
            taxSum = taxSum.add(line.taxAmount());
            BigDecimal gross = money(line.quantity().multiply(line.unitAmount()));
            discount = discount.add(gross.subtract(line.lineAmount()).max(BigDecimal.ZERO));
        }
        BigDecimal subTotal = "Inclusive".equals(lineAmountTypes) ? lineSum.subtract(taxSum) : lineSum;
        return new Totals(money(subTotal), money(taxSum), money(subTotal.add(taxSum)), money(discount));
    }
}
