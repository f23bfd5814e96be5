package io.cscartxero.order;

/**
 * An order whose stored data cannot be turned into a correct invoice (unreadable serialized data, a tax Xero
 * cannot express, totals that do not add up). The job logs it against the order and carries on with the next one.
 */
public class InvalidOrderDataException extends RuntimeException {

    private final long orderId;
    private final String reason;

    public InvalidOrderDataException(long orderId, String reason) {
        this(orderId, reason, null);
    }

    public InvalidOrderDataException(long orderId, String reason, Throwable cause) {
        super("order " + orderId + ": " + reason, cause);
        this.orderId = orderId;
        this.reason = reason;
    }

    public long orderId() {
        return orderId;
    }

    /** The message without the order prefix. */
    public String reason() {
        return reason;
    }
}
