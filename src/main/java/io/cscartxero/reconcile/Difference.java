package io.cscartxero.reconcile;

import java.math.BigDecimal;

/**
 * One difference between the store and Xero, a {@code reconcile_difference} row.
 *
 * @param entity     INVOICE, CONTACT, ITEM, PAYMENT (as in sync_link.entity)
 * @param cscartId   order_id / user_id / product_id; null for a Xero record that matches nothing
 * @param amount     store minus Xero, when it is about money
 * @param repairable the normal jobs put it right once {@code reconcile --repair} re-queued it
 */
public record Difference(Kind kind, String entity, String cscartId, String xeroId, String xeroNumber, String storeValue,
        String xeroValue, BigDecimal amount, boolean repairable, String message) {

    /** What differs. */
    public enum Kind {
        /** An order that should have an invoice has none (no link, or Xero refused it). */
        MISSING_INVOICE,
        /** Xero has the order's invoice (its number) but the connector has no link to it. */
        UNLINKED_INVOICE,
        TOTAL_DIFFERS,
        TAX_DIFFERS,
        STATUS_DIFFERS,
        CONTACT_DIFFERS,
        VOIDED_IN_XERO,
        DELETED_IN_XERO,
        /** The order is paid in the store, its invoice is not (fully) paid in Xero. */
        PAID_NOT_IN_XERO,
        /** The invoice has payments in Xero, the order is not in a paid status. */
        PAID_IN_XERO_NOT_IN_STORE,
        /** An invoice with the connector's prefix whose number names no order of the store. */
        UNKNOWN_INVOICE,
        /** An invoice with the connector's prefix for an order whose status is not invoiced (and no credit note). */
        INVOICE_NOT_EXPECTED,
        MISSING_CONTACT,
        MISSING_ITEM
    }
}
