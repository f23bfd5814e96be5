package io.cscartxero.order;

import java.util.List;

/**
 * An order with everything read for it in its chunk: the calculator's input, or why it could not be read
 * (e.g. broken serialized order data) — the processor turns that into an error-log entry.
 *
 * @param refundReturns the ids of the completed refund returns CS-Cart had lowered the order by when it was read
 *                      (the same before and after its rows were read); null when not known (they changed meanwhile)
 */
public record SourceOrder(OrderRow row, CsCartOrder order, String problem, List<Long> refundReturns) {

    public SourceOrder(OrderRow row, CsCartOrder order, String problem) {
        this(row, order, problem, List.of());
    }

    SourceOrder withRefundReturns(List<Long> returns) {
        return new SourceOrder(row, order, problem, returns);
    }
}
