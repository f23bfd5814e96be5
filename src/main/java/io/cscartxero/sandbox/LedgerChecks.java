package io.cscartxero.sandbox;

import java.util.List;
import java.util.Set;

import io.cscartxero.sandbox.OrgSettings.Account;
import io.cscartxero.sandbox.OrgSettings.TaxRate;

/**
 * Account and tax-type checks shared by Items and Invoices (Xero's API docs: organisation, currencies, accounts and tax rates). Messages marked "Xero" were
 * reported from real responses; the others are unverified wording.
 */
final class LedgerChecks {

    /** Xero (XeroAPI/Xero-NetStandard#364; trailing period unverified). */
    static final String ACCOUNT_INVALID = "Account code '%s' is not a valid code for this document.";
    /** Xero (as quoted by a third-party help page on Xero's pre-flight errors). */
    static final String ACCOUNT_ARCHIVED = "Account code '%s' has been archived, or has been deleted."
            + " Each line item must reference a valid account";
    /** Xero (XeroAPI/Xero-Java#336): the code is not quoted in this one. */
    static final String TAX_INVALID = "The TaxType code %s does not exist or cannot be used for this type of"
            + " transaction.";
    /** Xero (XeroAPI/Xero-Java#336). */
    static final String TAX_NOT_FOR_ACCOUNT = "The TaxType code '%s' cannot be used with account code '%s'.";

    /**
     * System accounts that cannot be coded on lines (Accounts Receivable/Payable, GST, ...). ROUNDING can: Xero's
     * rounding guide suggests an adjustment line on it. Unverified: Xero's exact list.
     */
    private static final Set<String> LINE_SYSTEM_ACCOUNTS_ALLOWED = Set.of("", "ROUNDING");

    private LedgerChecks() {
    }

    /**
     * Checks an account code used on a line or in item details; adds errors and returns the account when usable.
     * Bank accounts and most system accounts are not valid line accounts (unverified message).
     */
    static Account lineAccount(List<String> errors, OrgSettings org, String code) {
        if (code == null) return null;
        Account account = org.account(code);
        if (account == null || account.bank() || !LINE_SYSTEM_ACCOUNTS_ALLOWED.contains(account.systemAccount())) {
            errors.add(String.format(ACCOUNT_INVALID, code));
            return null;
        }
        if (!account.active()) {
            errors.add(String.format(ACCOUNT_ARCHIVED, code));
            return null;
        }
        return account;
    }

    /** Checks a tax type (existing, ACTIVE, allowed on the account's class); returns the rate when usable. */
    static TaxRate tax(List<String> errors, OrgSettings org, String taxType, Account account) {
        if (taxType == null) return null;
        TaxRate rate = org.taxRate(taxType);
        if (rate == null || !"ACTIVE".equals(rate.status())) {
            errors.add(String.format(TAX_INVALID, taxType));
            return null;
        }
        if (account != null && !rate.appliesTo(account.accountClass())) {
            errors.add(String.format(TAX_NOT_FOR_ACCOUNT, taxType, account.code()));
            return null;
        }
        return rate;
    }

    static void length(List<String> errors, String element, String value, int max) {
        if (value != null && value.length() > max) errors.add(String.format(ContactValidator.TOO_LONG, element, max));
    }
}
