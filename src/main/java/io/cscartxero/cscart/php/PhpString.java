package io.cscartxero.cscart.php;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * {@code s:5:"héé";} — the declared length counts UTF-8 bytes; {@code value} is the decoded text (malformed UTF-8
 * replaced by U+FFFD).
 */
public record PhpString(String value) implements PhpValue {

    /** PHP's numeric strings: optional leading whitespace and sign, digits with an optional fraction and exponent. */
    private static final Pattern NUMERIC =
            Pattern.compile("[ \\t\\n\\r\\x0B\\f]*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?[ \\t\\n\\r\\x0B\\f]*");

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String asText() {
        return value;
    }

    @Override
    public BigDecimal asDecimal() {
        if (!NUMERIC.matcher(value).matches()) {
            return null;
        }
        String s = value.strip();
        return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    }
}
