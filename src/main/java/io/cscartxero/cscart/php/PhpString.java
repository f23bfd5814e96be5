package io.cscartxero.cscart.php;

import java.math.BigDecimal;

/**
 * {@code s:5:"héé";} — the declared length counts UTF-8 bytes; {@code value} is the decoded text (malformed UTF-8
 * replaced by U+FFFD).
 */
public record PhpString(String value) implements PhpValue {

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
        // PHP's numeric strings: optional surrounding whitespace and sign, digits with an optional fraction and exponent
        if (!PhpNumbers.isNumericString(value)) {
            return null;
        }
        String s = value.strip();
        return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
    }
}
