package io.cscartxero.cscart;

import org.jsoup.Jsoup;

/**
 * Text typed into Xero is untrusted input to the store: CS-Cart's templates print names and descriptions unescaped
 * (CS-Cart sanitises them only in its own forms: {@code SecurityHelper::sanitizeObjectData} strips the tags of names,
 * {@code ACTION_REMOVE_HTML} = PHP {@code strip_tags}). So text from Xero is written as CS-Cart's own sanitiser would
 * leave it, never as HTML.
 */
public final class XeroText {

    private XeroText() {
    }

    /**
     * A one-line plain-text value (names, address lines, phone numbers): tags removed by a real HTML parser (jsoup),
     * blanks collapsed. An entity that decodes to {@code <} (e.g. {@code &lt;script&gt;}) stays escaped, so the
     * stored value holds no markup at all; {@code &} is kept as typed, as {@code strip_tags} keeps it.
     */
    public static String plain(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        // control characters (NUL, BEL, ESC...) go; blanks, tabs and line breaks become single spaces
        String clean = value.replaceAll("[\\p{Cntrl}&&[^\\s]]", "");
        String text = clean.indexOf('<') < 0 && clean.indexOf('&') < 0 ? clean : Jsoup.parse(clean).text();
        return text.replace("<", "&lt;").replaceAll("\\s+", " ").strip();
    }

    /**
     * A product description from Xero (plain text, up to 4000 characters) as the HTML CS-Cart stores: every
     * character HTML-escaped, each line break kept as {@code <br>}. Tags typed in Xero show as text, never run.
     */
    public static String html(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        String normalised = text.strip().replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#039;");
                case '\n' -> sb.append("<br>\n");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
