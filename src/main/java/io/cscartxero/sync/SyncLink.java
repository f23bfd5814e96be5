package io.cscartxero.sync;

/** What the connector last sent to Xero for one CS-Cart record. */
public record SyncLink(String entity, String cscartId, State state, String xeroId, String xeroKey, String payloadHash) {

    public enum State { SYNCED, REJECTED }

    public static SyncLink synced(String entity, String cscartId, String xeroId, String xeroKey, String payloadHash) {
        return new SyncLink(entity, cscartId, State.SYNCED, xeroId, xeroKey, payloadHash);
    }

    public static SyncLink rejected(String entity, String cscartId, String xeroId, String xeroKey, String payloadHash) {
        return new SyncLink(entity, cscartId, State.REJECTED, xeroId, xeroKey, payloadHash);
    }
}
