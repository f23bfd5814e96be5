package io.cscartxero.order;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

import io.cscartxero.xero.model.LineItem;

/**
 * Xero's invoice arithmetic (docs/xero-api.md §5.3–5.4): LineAmount = Quantity × UnitAmount rounded to 2 dp; tax
 * computed <em>per line</em> and rounded to 2 dp, then summed; Exclusive Total = Σ LineAmount + Σ tax, Inclusive
 * Total = Σ LineAmount (the tax is inside), NoTax Total = Σ LineAmount. Rounding is half-up (away from zero on
 * negative lines), the usual commercial rounding; Xero does not document its midpoint rule.
 */
public final class XeroArithmetic {

    public static final BigDecimal MAX_LINE_AMOUNT = new BigDecimal("9999999999.99");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private XeroArithmetic() {
    }

    public static BigDecimal round2(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal lineAmount(BigDecimal quantity, BigDecimal unitAmount) {
        return round2(quantity.multiply(unitAmount));
    }

    /** The tax Xero puts on a line of this LineAmount at {@code ratePercent} (e.g. 15 for 15 %). */
    public static BigDecimal lineTax(BigDecimal lineAmount, BigDecimal ratePercent, String lineAmountTypes) {
        if (ratePercent == null || ratePercent.signum() == 0 || InvoiceDraft.NO_TAX.equals(lineAmountTypes)) {
            return round2(BigDecimal.ZERO);
        }
        if (InvoiceDraft.INCLUSIVE.equals(lineAmountTypes)) {
            // LineAmount − LineAmount / (1 + rate) = LineAmount × rate / (100 + rate)
            return round2(lineAmount.multiply(ratePercent).divide(HUNDRED.add(ratePercent), MathContext.DECIMAL128));
        }
        return round2(lineAmount.multiply(ratePercent).divide(HUNDRED, MathContext.DECIMAL128));
    }

    /** The invoice Total Xero computes for these lines; {@code rates} gives each TaxType's rate in percent. */
    public static BigDecimal total(List<LineItem> lines, String lineAmountTypes, Function<String, BigDecimal> rates) {
        BigDecimal total = round2(BigDecimal.ZERO);
        for (LineItem line : lines) {
            BigDecimal amount = lineAmount(line.quantity(), line.unitAmount());
            total = total.add(amount);
            if (InvoiceDraft.EXCLUSIVE.equals(lineAmountTypes)) {
                total = total.add(lineTax(amount, rates.apply(line.taxType()), lineAmountTypes));
            }
        }
        return total;
    }
}
