package io.cscartxero.cscart.php;

/**
 * PHP's number syntax checked by hand instead of by a regular expression (a {@code Matcher} per number was a
 * noticeable part of reading 100,000 orders' data): {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?} with ASCII digits,
 * exactly what the expressions it replaces accepted ({@code PhpNumbersTest} compares them).
 */
final class PhpNumbers {

    private PhpNumbers() {
    }

    /** Whether {@code s[from, to)} is {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}. */
    static boolean isDecimal(CharSequence s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int intStart = i;
        i = digits(s, i, to);
        boolean intDigits = i > intStart;
        if (i < to && s.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            i = digits(s, i, to);
            if (!intDigits && i == fractionStart) {
                return false;
            }
        } else if (!intDigits) {
            return false;
        }
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentStart = i;
            i = digits(s, i, to);
            if (i == exponentStart) {
                return false;
            }
        }
        return i == to;
    }

    /** A float literal of {@code serialize()}: a decimal as above, {@code INF}, {@code -INF} or {@code NAN}. */
    static boolean isFloatLiteral(String s) {
        return isDecimal(s, 0, s.length()) || s.equals("INF") || s.equals("-INF") || s.equals("NAN");
    }

    /** PHP's numeric string: a decimal with optional leading and trailing {@code [ \t\n\r\x0B\f]}. */
    static boolean isNumericString(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return isDecimal(s, from, to);
    }

    private static int digits(CharSequence s, int i, int to) {
        while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }
}
