package io.cscartxero.cscart;

/**
 * Text going into CS-Cart columns: CS-Cart tables are utf8 (3-byte), so characters outside the Basic
 * Multilingual Plane (emoji) are replaced by U+FFFD; values are cut to the column's length in characters.
 */
public final class CsCartText {

    private CsCartText() {
    }

    public static String fit(String value, int maxChars) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), maxChars));
        value.strip().codePoints().forEach(cp -> {
            if (cp > 0xFFFF) {
                sb.append('\uFFFD');
            } else if (!Character.isISOControl(cp) || cp == '\n' || cp == '\t') {
                sb.appendCodePoint(cp);
            }
        });
        return sb.length() <= maxChars ? sb.toString() : sb.substring(0, maxChars).stripTrailing();
    }
}
