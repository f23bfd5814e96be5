package io.cscartxero.xero.model;

import java.math.BigDecimal;

/**
 * A Xero invoice line (Xero's PascalCase names come from {@link XeroJson}). On requests {@code lineItemID},
 * {@code taxAmount} and {@code lineAmount} are left null so that Xero computes them (LineAmount = Quantity ×
 * UnitAmount rounded to 2 dp, tax per line rounded to 2 dp); responses carry all of them.
 *
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
        BigDecimal discountRate) {

    /** A line to send: Xero computes the amounts. */
    public static LineItem request(String description, BigDecimal quantity, BigDecimal unitAmount, String itemCode,
            String accountCode, String taxType) {
        return new LineItem(null, description, quantity, unitAmount, itemCode, accountCode, taxType, null, null, null);
    }
}
