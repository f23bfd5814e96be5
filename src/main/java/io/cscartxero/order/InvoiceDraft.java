package io.cscartxero.order;

import java.math.BigDecimal;
import java.util.List;

import io.cscartxero.xero.model.LineItem;

/**
 * The lines of the Xero invoice for one order and what Xero's total will be.
 *
 * @param lineAmountTypes    {@value #EXCLUSIVE}, {@value #INCLUSIVE} or {@value #NO_TAX}
 * @param expectedTotal      {@code orders.total}: Xero's Total for these lines, computed the way Xero does; compare
 *                           it with the Total Xero returns
 * @param roundingAdjustment the amount of the rounding line, zero when there is none
 */
public record InvoiceDraft(String lineAmountTypes, List<LineItem> lines, BigDecimal expectedTotal,
        BigDecimal roundingAdjustment) {

    public static final String EXCLUSIVE = "Exclusive";
    public static final String INCLUSIVE = "Inclusive";
    public static final String NO_TAX = "NoTax";

    public InvoiceDraft {
        lines = List.copyOf(lines);
    }
}
