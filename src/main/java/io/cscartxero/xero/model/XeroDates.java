package io.cscartxero.xero.model;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Xero's Microsoft JSON dates: {@code /Date(1551399323399+0000)/} (negative before 1970). */
public final class XeroDates {

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    private XeroDates() {
    }

    /** The instant, or null when absent or not a Xero date. */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = MS_DATE.matcher(value);
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        }
        try {
            return Instant.parse(value.endsWith("Z") ? value : value + "Z");
        } catch (RuntimeException e) {
            return null;
        }
    }
}
