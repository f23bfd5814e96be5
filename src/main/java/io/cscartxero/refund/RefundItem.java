package io.cscartxero.refund;

import java.math.BigDecimal;
import java.util.List;

import io.cscartxero.cscart.RmaReturns.RefundReturn;
import io.cscartxero.sync.SyncLink;

/**
 * One refund to book as a credit note: a full cancellation ({@code refundReturn} null: the invoice's lines, less what
 * credit notes of returns already took) or a completed refund return (its lines). {@code key} is the
 * {@code CREDIT_NOTE} link's CS-Cart id: the order id for a cancellation, {@code R} + return id for a return.
 *
 * @param credited    the order's refund returns already booked as credit notes (or being booked before this one), by
 *                    ascending return id: what was taken from each invoice line before this refund
 * @param orderTotal  {@code orders.total} as CS-Cart has it now (lowered by completed refund returns), for a return
 * @param inInvoice   for a return, whether the invoice already reflects it, as its {@code INVOICE} link records
 *                    ({@code cscart.RmaReturns.InInvoice}); null when the link does not say (written before this was
 *                    recorded): then the invoice's Total compared with {@code orderTotal} decides
 */
record RefundItem(String key, long orderId, SyncLink invoiceLink, RefundReturn refundReturn, List<RefundReturn> credited,
        BigDecimal orderTotal, Boolean inInvoice) {

    RefundItem(String key, long orderId, SyncLink invoiceLink, RefundReturn refundReturn, List<RefundReturn> credited,
            BigDecimal orderTotal) {
        this(key, orderId, invoiceLink, refundReturn, credited, orderTotal, null);
    }

    /** The CREDIT_NOTE key of a return: return ids and order ids are two number spaces (CN-5 could be either). */
    static String returnKey(long returnId) {
        return "R" + returnId;
    }

    boolean isReturn() {
        return refundReturn != null;
    }
}
