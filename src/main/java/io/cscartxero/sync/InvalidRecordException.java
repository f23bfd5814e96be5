package io.cscartxero.sync;

/** A CS-Cart record that cannot be turned into a Xero payload: skipped and logged, the job goes on. */
public class InvalidRecordException extends RuntimeException {

    private final String cscartId;
    private final String xeroId;

    public InvalidRecordException(String cscartId, String message) {
        this(cscartId, null, message);
    }

    /** For imports, where the record comes from Xero and may have no CS-Cart id yet. */
    public InvalidRecordException(String cscartId, String xeroId, String message) {
        super(message);
        this.cscartId = cscartId;
        this.xeroId = xeroId;
    }

    public String cscartId() {
        return cscartId;
    }

    public String xeroId() {
        return xeroId;
    }
}
