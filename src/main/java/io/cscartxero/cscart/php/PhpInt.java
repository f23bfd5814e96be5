package io.cscartxero.cscart.php;

import java.math.BigDecimal;

/** {@code i:-42;} — PHP ints are 64-bit; larger literals are rejected by the reader. */
public record PhpInt(long value) implements PhpValue {

    @Override
    public String typeName() {
        return "int";
    }

    @Override
    public String asText() {
        return Long.toString(value);
    }

    @Override
    public BigDecimal asDecimal() {
        return BigDecimal.valueOf(value);
    }
}
