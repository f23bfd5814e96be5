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
 * @param chargedTax         the tax CS-Cart charged (Σ {@code tax_subtotal} of the taxes on the order, 0 when it is
 *                           tax exempt): what Xero's TotalTax must be; compare it with the TotalTax Xero returns
 * @param uncarriedTax       the part of {@code chargedTax} no line could carry as its TaxAmount (normally zero); on
 *                           an Exclusive invoice the rounding line holds it, so the total is still right
 */
public record InvoiceDraft(String lineAmountTypes, List<LineItem> lines, BigDecimal expectedTotal,
        BigDecimal roundingAdjustment, BigDecimal chargedTax, BigDecimal uncarriedTax) {

    public static final String EXCLUSIVE = "Exclusive";
    public static final String INCLUSIVE = "Inclusive";
    public static final String NO_TAX = "NoTax";

    public InvoiceDraft {
        lines = List.copyOf(lines);
    }
}
