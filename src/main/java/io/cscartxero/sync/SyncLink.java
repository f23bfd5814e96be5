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
