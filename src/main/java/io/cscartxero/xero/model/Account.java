package io.cscartxero.xero.model;

/** A Xero account of the chart of accounts (only what the pre-flight checks and the payment plan read). */
public record Account(String accountID, String code, String name, String type, String status, String systemAccount,
        Boolean enablePaymentsToAccount) {

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    /** Whether Xero takes payments into it: a BANK account, or one with "enable payments to this account". */
    public boolean acceptsPayments() {
        return "BANK".equals(type) || Boolean.TRUE.equals(enablePaymentsToAccount);
    }
}
