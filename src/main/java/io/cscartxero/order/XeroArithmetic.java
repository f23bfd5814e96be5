package io.cscartxero.order;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.Function;

import io.cscartxero.xero.model.LineItem;

/**
 * Xero's invoice arithmetic (Xero's API docs: invoice and line item fields; rounding in Xero): LineAmount = Quantity × UnitAmount rounded to 2 dp; tax
 * computed <em>per line</em> and rounded to 2 dp, then summed; Exclusive Total = Σ LineAmount + Σ tax, Inclusive
 * Total = Σ LineAmount (the tax is inside), NoTax Total = Σ LineAmount. Rounding is half-up (away from zero on
 * negative lines), the usual commercial rounding; Xero does not document its midpoint rule. A line's TaxAmount, when
 * sent, replaces the computed tax (spec: "This value can be overriden"), except on NoTax invoices, which have no tax.
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

    /** The tax Xero books on this line: its TaxAmount when sent, else the computed one; none on NoTax invoices. */
    public static BigDecimal lineTax(LineItem line, String lineAmountTypes, Function<String, BigDecimal> rates) {
        if (InvoiceDraft.NO_TAX.equals(lineAmountTypes)) {
            return round2(BigDecimal.ZERO);
        }
        if (line.taxAmount() != null) {
            return round2(line.taxAmount());
        }
        return lineTax(lineAmount(line.quantity(), line.unitAmount()), rates.apply(line.taxType()), lineAmountTypes);
    }

    /** The invoice Total Xero computes for these lines; {@code rates} gives each TaxType's rate in percent. */
    public static BigDecimal total(List<LineItem> lines, String lineAmountTypes, Function<String, BigDecimal> rates) {
        BigDecimal total = round2(BigDecimal.ZERO);
        for (LineItem line : lines) {
            total = total.add(lineAmount(line.quantity(), line.unitAmount()));
            if (InvoiceDraft.EXCLUSIVE.equals(lineAmountTypes)) {
                total = total.add(lineTax(line, lineAmountTypes, rates));
            }
        }
        return total;
    }

    /** The invoice TotalTax Xero computes for these lines: Σ per-line tax. */
    public static BigDecimal totalTax(List<LineItem> lines, String lineAmountTypes, Function<String, BigDecimal> rates) {
        BigDecimal tax = round2(BigDecimal.ZERO);
        for (LineItem line : lines) {
            tax = tax.add(lineTax(line, lineAmountTypes, rates));
        }
        return tax;
    }
}
