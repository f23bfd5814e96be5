package io.cscartxero.order;

/**
 * An order with everything read for it in its chunk: the calculator's input, or why it could not be read
 * (e.g. broken serialized order data) — the processor turns that into an error-log entry.
 */
public record SourceOrder(OrderRow row, CsCartOrder order, String problem) {
}
