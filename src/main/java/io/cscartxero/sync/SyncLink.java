package io.cscartxero.sync;

import java.util.Map;

/**
 * What the connector last sent to Xero for one CS-Cart record: the ids, the hash of the payload and, for contacts
 * and items, the value of every field last sent or received ({@link FieldValues}; null: take them from the payload
 * whose hash this is, if this process hashed it).
 */
public record SyncLink(String entity, String cscartId, State state, String xeroId, String xeroKey, String payloadHash,
        Map<String, String> fieldValues) {

    public enum State { SYNCED, REJECTED }

    /**
     * The payload hash {@code reconcile --repair} gives a link to re-queue its record: not a SHA-256 (those are hex), so
     * no payload has it and the record is sent again; the change runs ({@code changedAfter}) read such records too.
     */
    public static final String REQUEUED = "requeued-by-reconcile";

    /** Whether {@code reconcile --repair} re-queued this record (CHAR(64) may pad the stored value). */
    public boolean requeued() {
        return payloadHash != null && REQUEUED.equals(payloadHash.strip());
    }

    public SyncLink(String entity, String cscartId, State state, String xeroId, String xeroKey, String payloadHash) {
        this(entity, cscartId, state, xeroId, xeroKey, payloadHash, null);
    }

    public static SyncLink synced(String entity, String cscartId, String xeroId, String xeroKey, String payloadHash) {
        return new SyncLink(entity, cscartId, State.SYNCED, xeroId, xeroKey, payloadHash);
    }

    public static SyncLink rejected(String entity, String cscartId, String xeroId, String xeroKey, String payloadHash) {
        return new SyncLink(entity, cscartId, State.REJECTED, xeroId, xeroKey, payloadHash);
    }

    /** The same link remembering these field values (what an import received from Xero). */
    public SyncLink withFieldValues(Map<String, String> values) {
        return new SyncLink(entity, cscartId, state, xeroId, xeroKey, payloadHash, values);
    }
}
