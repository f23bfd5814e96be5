package io.cscartxero.cscart.php;

import java.math.BigDecimal;

/**
 * {@code d:14.359999999999999;} — kept as the literal PHP wrote, so {@link #asDecimal()} is exact (PHP writes
 * floats with serialize_precision 17, hence 14.36 arrives as 14.359999999999999; round it, don't parse it as double).
 *
 * @param literal the text between {@code d:} and {@code ;}: decimal, exponent form, {@code INF}, {@code -INF}, {@code NAN}
 */
public record PhpDouble(String literal) implements PhpValue {

    public double value() {
        return switch (literal) {
            case "INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            case "NAN" -> Double.NaN;
            default -> Double.parseDouble(literal);
        };
    }

    public boolean isFinite() {
        return Double.isFinite(value()); // PHP reads 1e999 as INF too
    }

    @Override
    public String typeName() {
        return "float";
    }

    @Override
    public String asText() {
        return literal;
    }

    @Override
    public BigDecimal asDecimal() {
        return plainAndShort() || isFinite() ? new BigDecimal(literal) : null;
    }

    /**
     * A decimal without exponent, INF or NAN, shorter than 300 characters: a finite double, known without parsing it
     * as one (every amount of order data is such a literal; parsing each as a double as well was measurable).
     */
    private boolean plainAndShort() {
        if (literal.length() >= 300) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == 'e' || c == 'E' || c == 'I' || c == 'N') {
                return false;
            }
        }
        return true;
    }
}
