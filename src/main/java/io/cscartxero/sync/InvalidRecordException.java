package io.cscartxero.sync;

/** A CS-Cart record that cannot be turned into a Xero payload: skipped and logged, the job goes on. */
public class InvalidRecordException extends RuntimeException {

    private final String cscartId;

    public InvalidRecordException(String cscartId, String message) {
        super(message);
        this.cscartId = cscartId;
    }

    public String cscartId() {
        return cscartId;
    }
}
