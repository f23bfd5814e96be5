package io.cscartxero.xero.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Xero invoice line (Xero's PascalCase names come from {@link XeroJson}). On requests {@code lineItemID} and
 * {@code lineAmount} are left null so that Xero computes them (LineAmount = Quantity × UnitAmount rounded to 2 dp);
 * {@code taxAmount} is null (Xero computes the tax per line, rounded to 2 dp) or, on taxed lines, the tax CS-Cart
 * charged on that line: the spec's "This value can be overriden if the calculated TaxAmount is not correct", the way
 * an invoice carries another system's tax to the cent. Responses carry all of them.
 *
 * @param tracking   up to two tracking entries (category and option), null when the line is not tracked
 * @param unitAmount up to 4 dp when the request uses {@code unitdp=4}; negative for discount and credit lines, since
 *                   Xero rejects negative quantities
 */
public record LineItem(
        String lineItemID,
        String description,
        BigDecimal quantity,
        BigDecimal unitAmount,
        String itemCode,
        String accountCode,
        String taxType,
        BigDecimal taxAmount,
        BigDecimal lineAmount,
        BigDecimal discountRate,
        List<LineItemTracking> tracking) {

    public LineItem {
        tracking = tracking == null || tracking.isEmpty() ? null : List.copyOf(tracking);
    }

    /** A line without tracking (as before tracking existed; such a line's JSON has no Tracking element). */
    public LineItem(String lineItemID, String description, BigDecimal quantity, BigDecimal unitAmount, String itemCode,
            String accountCode, String taxType, BigDecimal taxAmount, BigDecimal lineAmount, BigDecimal discountRate) {
        this(lineItemID, description, quantity, unitAmount, itemCode, accountCode, taxType, taxAmount, lineAmount,
                discountRate, null);
    }

    /** A line to send: Xero computes the amounts. */
    public static LineItem request(String description, BigDecimal quantity, BigDecimal unitAmount, String itemCode,
            String accountCode, String taxType) {
        return new LineItem(null, description, quantity, unitAmount, itemCode, accountCode, taxType, null, null, null);
    }

    /** This line with its TaxAmount set (null: Xero computes it). */
    public LineItem withTaxAmount(BigDecimal amount) {
        return new LineItem(lineItemID, description, quantity, unitAmount, itemCode, accountCode, taxType, amount,
                lineAmount, discountRate, tracking);
    }

    /** This line with its tracking (null or empty: none, no Tracking element). */
    public LineItem withTracking(List<LineItemTracking> entries) {
        return new LineItem(lineItemID, description, quantity, unitAmount, itemCode, accountCode, taxType, taxAmount,
                lineAmount, discountRate, entries);
    }

    /** This line with another LineItemID and no LineAmount (Xero computes it): an update in place. */
    public LineItem withLineItemId(String id) {
        return new LineItem(id, description, quantity, unitAmount, itemCode, accountCode, taxType, taxAmount, null,
                discountRate, tracking);
    }
}
