package io.cscartxero.sync;

/**
 * What became of one item of a chunk at Xero: accepted (link it) or rejected (link the rejected payload so it is
 * not re-sent unchanged, and log Xero's message).
 */
public record SyncOutcome<T>(T item, SyncLink link, boolean accepted, String message, String payloadSummary) {

    public static <T> SyncOutcome<T> accepted(T item, SyncLink link) {
        return new SyncOutcome<>(item, link, true, null, null);
    }

    public static <T> SyncOutcome<T> rejected(T item, SyncLink link, String message, String payloadSummary) {
        return new SyncOutcome<>(item, link, false, message, payloadSummary);
    }
}
