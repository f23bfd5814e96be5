package io.cscartxero.xero.model;

/** A Xero account of the chart of accounts (only what the pre-flight checks read). */
public record Account(String accountID, String code, String name, String type, String status, String systemAccount) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }
}
