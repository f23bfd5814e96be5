package io.cscartxero.order;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;

/** A minimal PHP serialize() for building test blobs: lengths in UTF-8 bytes, floats in PHP's two styles. */
final class Php {

    private Php() {
    }

    static String s(String text) {
        return "s:" + text.getBytes(StandardCharsets.UTF_8).length + ":\"" + text + "\";";
    }

    static String i(long value) {
        return "i:" + value + ";";
    }

    static String b(boolean value) {
        return value ? "b:1;" : "b:0;";
    }

    static String n() {
        return "N;";
    }

    /** A float as PHP &lt; 7.1 wrote it (serialize_precision 17: 14.36 → 14.359999999999999). */
    static String d17(BigDecimal value) {
        BigDecimal binary = new BigDecimal(value.doubleValue()).round(new MathContext(17));
        return "d:" + plain(binary) + ";";
    }

    /** A float as PHP ≥ 7.1 writes it (shortest round-trip form: 14.36). */
    static String d(BigDecimal value) {
        return "d:" + plain(new BigDecimal(Double.toString(value.doubleValue()))) + ";";
    }

    private static String plain(BigDecimal v) {
        String s = v.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** An array from alternating keys and serialized values; Integer/Long keys become i:, others s:. */
    static String a(Object... keysAndValues) {
        StringBuilder sb = new StringBuilder("a:" + keysAndValues.length / 2 + ":{");
        for (int k = 0; k < keysAndValues.length; k += 2) {
            Object key = keysAndValues[k];
            sb.append(key instanceof Integer || key instanceof Long ? i(((Number) key).longValue()) : s(key.toString()));
            sb.append(keysAndValues[k + 1]);
        }
        return sb.append('}').toString();
    }

    static String a(java.util.List<Object> keysAndValues) {
        return a(keysAndValues.toArray());
    }

    static byte[] bytes(String serialized) {
        return serialized.getBytes(StandardCharsets.UTF_8);
    }
}
