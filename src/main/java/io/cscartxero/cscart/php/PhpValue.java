package io.cscartxero.cscart.php;

import java.math.BigDecimal;

/**
 * A value read from PHP {@code serialize()} output. The conversions follow what CS-Cart's PHP code relies on:
 * numbers are often stored as strings ("10.000") or as floats ({@code d:14.359999999999999;}), so callers ask for
 * {@link #asDecimal()} or {@link #asText()} instead of caring which one they got.
 */
public sealed interface PhpValue permits PhpNull, PhpBool, PhpInt, PhpDouble, PhpString, PhpArray, PhpObject {

    /** PHP's type name: null, bool, int, float, string, array or object. */
    String typeName();

    /** Text as PHP's (string) cast gives it for scalars (true → "1", false → ""); null for null, arrays and objects. */
    default String asText() {
        return null;
    }

    /**
     * The number this value holds: ints, finite floats (exactly as written) and numeric strings such as " 10.000"
     * or "1e3"; null for anything else (null, bools, arrays, non-numeric strings, INF, NAN).
     */
    default BigDecimal asDecimal() {
        return null;
    }

    /** The entries of an array, or the properties of an object; null for scalars. */
    default PhpArray asArray() {
        return null;
    }

    default boolean isNull() {
        return false;
    }
}
