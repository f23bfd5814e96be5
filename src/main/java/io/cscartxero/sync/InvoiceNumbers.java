package io.cscartxero.sync;

/**
 * The connector's invoice numbers: {@code prefix + order id} for an order's first invoice, and
 * {@code prefix + order id + "-" + n} (n = 2, 3, …) when the order was re-issued because Xero voided or deleted the
 * invoice behind the connector's back (Xero keeps a voided or deleted ACCREC invoice's number: "Invoice # must be
 * unique"). The re-issue numbers are chosen by {@code reconcile --repair} and recorded in the invoice's link
 * ({@code xero_key}) and in {@code reissued_invoice}; everything that reads a number back to its order uses
 * {@link #parse}.
 */
public final class InvoiceNumbers {

    /** Xero's limit on InvoiceNumber. */
    public static final int MAX_LENGTH = 255;

    /** An invoice number read back: its order and which issue (1: the first invoice). */
    public record Parsed(long orderId, int issue) {
    }

    private InvoiceNumbers() {
    }

    /** The number of the order's {@code issue}-th invoice; null when it would exceed Xero's 255 characters. */
    public static String number(String prefix, long orderId, int issue) {
        String number = prefix + orderId + (issue <= 1 ? "" : "-" + issue);
        return number.length() > MAX_LENGTH ? null : number;
    }

    /** The order and issue a number names, or null when it is not one of the connector's numbers under this prefix. */
    public static Parsed parse(String prefix, String number) {
        if (number == null || !number.startsWith(prefix)) {
            return null;
        }
        String rest = number.substring(prefix.length());
        int dash = rest.indexOf('-');
        String id = dash < 0 ? rest : rest.substring(0, dash);
        int issue = 1;
        if (dash >= 0) {
            String n = rest.substring(dash + 1);
            if (!digits(n) || n.startsWith("0")) {
                return null;
            }
            try {
                issue = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                return null;
            }
            if (issue < 2) {
                return null;
            }
        }
        if (!digits(id) || (id.length() > 1 && id.startsWith("0"))) {
            return null;
        }
        try {
            return new Parsed(Long.parseLong(id), issue);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The number the order's invoice carries now: its link's key when that is a re-issue of this order under the
     * prefix, else {@code prefix + order id}.
     */
    public static String current(String prefix, long orderId, String linkKey) {
        Parsed parsed = parse(prefix, linkKey);
        return parsed != null && parsed.orderId() == orderId && parsed.issue() > 1 ? linkKey : prefix + orderId;
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
