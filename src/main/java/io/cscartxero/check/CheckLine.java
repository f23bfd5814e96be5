package io.cscartxero.check;

/**
 * One line of the {@code check} command: ✓ or ✗, what was checked, what was found and, when ✗, how to fix it.
 *
 * @param ok      whether this part would let a run succeed
 * @param subject what was checked ("CS-Cart database", "account 200 (xero.revenue-account-code)")
 * @param detail  what was found
 * @param fix     what to do (✗ only)
 */
public record CheckLine(boolean ok, String subject, String detail, String fix) {

    public static CheckLine ok(String subject, String detail) {
        return new CheckLine(true, subject, detail, null);
    }

    public static CheckLine fail(String subject, String detail, String fix) {
        return new CheckLine(false, subject, detail, fix);
    }

    /** A ✗ for a part that could not be looked at because something it needs failed above. */
    public static CheckLine notChecked(String subject, String because) {
        return new CheckLine(false, subject, "not checked: " + because, "fix the line above first");
    }

    public String render() {
        return (ok ? "✓ " : "✗ ") + subject + ": " + detail + (ok || fix == null ? "" : " → " + fix);
    }
}
