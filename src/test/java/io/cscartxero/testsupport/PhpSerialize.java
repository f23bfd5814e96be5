package io.cscartxero.testsupport;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PHP's {@code serialize()} / {@code unserialize()} for the values CS-Cart stores in {@code order_data.data} and
 * {@code order_details.extra} (test side; independent of the connector's own parser).
 *
 * <h2>Java → PHP</h2>
 * <ul>
 *   <li>{@code null} → {@code N;}, {@link Boolean} → {@code b:1;} / {@code b:0;}</li>
 *   <li>{@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link BigInteger} (64-bit) → {@code i:42;}</li>
 *   <li>{@link Double}, {@link Float}, {@link BigDecimal} → {@code d:14.36;} (a PHP float: a {@code BigDecimal} is
 *       written as its nearest double, like PHP does with {@code (float) "14.36"})</li>
 *   <li>{@link CharSequence} → {@code s:<UTF-8 byte length>:"...";} (no escaping, exactly like PHP), {@code byte[]}
 *       → the same with the raw bytes</li>
 *   <li>{@link Map} → {@code a:n:{key value ...}} in iteration order; {@link Integer} / {@link Long} keys are written
 *       as {@code i:}, {@link String} keys as {@code s:} <em>as given</em>: PHP itself turns a numeric string key into
 *       an integer, but CS-Cart's stored data does contain numeric string keys (the cart item ids in the {@code T}
 *       taxes' {@code applies.items.P}), so the caller decides. {@link List} → {@code a:n:{i:0;...i:n-1;...}}.</li>
 * </ul>
 *
 * <h2>Floats</h2>
 * PHP ≥ 7.1 writes floats with {@code serialize_precision = -1}: the shortest decimal that reads back as the same
 * double ({@code d:14.36;}, {@code d:28;}, {@code d:0.1;}, {@code d:1.0E-5;}, {@code d:1.0E+25;}); that is
 * {@link #serialize(Object)}. PHP 5 / 7.0 used {@code serialize_precision = 17} ({@code d:14.359999999999999;}),
 * which is what CS-Cart's own demo data holds: {@link #serialize(Object, int)} with 17 reproduces it byte for byte.
 * Both follow {@code php_gcvt()}: exponential notation when the decimal exponent is below -4 or above the precision
 * (17 for -1), {@code NAN}, {@code INF}, {@code -INF}, {@code -0}.
 */
public final class PhpSerialize {

    /** {@code serialize_precision} of PHP ≥ 7.1: shortest round-trip representation. */
    public static final int SHORTEST = -1;
    /** {@code serialize_precision} of PHP 5.x / 7.0 (and of CS-Cart's demo data). */
    public static final int LEGACY_PRECISION = 17;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final MathContext[] DOWN = new MathContext[18];
    private static final MathContext[] UP = new MathContext[18];
    private static final MathContext[] EVEN = new MathContext[18];

    static {
        for (int p = 1; p <= 17; p++) {
            DOWN[p] = new MathContext(p, RoundingMode.DOWN);
            UP[p] = new MathContext(p, RoundingMode.UP);
            EVEN[p] = new MathContext(p, RoundingMode.HALF_EVEN);
        }
    }

    private PhpSerialize() {
    }

    /** {@code serialize($value)} of PHP ≥ 7.1, as bytes (what ends up in a {@code longblob}). */
    public static byte[] serialize(Object value) {
        return serialize(value, SHORTEST);
    }

    /** {@code serialize($value)} with the given {@code serialize_precision} ({@link #SHORTEST} or 1..17). */
    public static byte[] serialize(Object value, int serializePrecision) {
        if (serializePrecision != SHORTEST && (serializePrecision < 1 || serializePrecision > 17)) {
            throw new IllegalArgumentException("serialize_precision must be -1 or 1..17: " + serializePrecision);
        }
        Out out = new Out();
        write(out, value, serializePrecision);
        return out.toByteArray();
    }

    /** {@link #serialize(Object)} decoded as UTF-8 (for assertions and logs). */
    public static String serializeToString(Object value) {
        return new String(serialize(value), StandardCharsets.UTF_8);
    }

    /** How PHP ≥ 7.1 writes the float {@code d} in {@code serialize()} / {@code var_export()}. */
    public static String formatDouble(double d) {
        return formatDouble(d, SHORTEST);
    }

    /** How PHP writes the float {@code d} with the given {@code serialize_precision} ({@code php_gcvt}). */
    public static String formatDouble(double d, int precision) {
        if (Double.isNaN(d)) {
            return "NAN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        if (d == 0) {
            return negative ? "-0" : "0";
        }
        double abs = Math.abs(d);
        BigDecimal digits = precision == SHORTEST ? shortest(abs)
                : new BigDecimal(abs).round(EVEN[precision]).stripTrailingZeros();
        return gcvt(digits, precision == SHORTEST ? 17 : precision, negative);
    }

    /** The shortest decimal that reads back as {@code abs} (> 0); among equally short ones the nearest (dtoa mode 0). */
    private static BigDecimal shortest(double abs) {
        // Double.toString round-trips; with at most 15 significant digits it is also the shortest, because two
        // different decimals of <= 15 digits never map to the same double.
        BigDecimal quick = new BigDecimal(Double.toString(abs)).stripTrailingZeros();
        if (quick.precision() <= 15) {
            return quick;
        }
        BigDecimal exact = new BigDecimal(abs);
        for (int p = 1; p <= 17; p++) {
            BigDecimal lo = exact.round(DOWN[p]);
            BigDecimal hi = exact.round(UP[p]);
            boolean loOk = lo.doubleValue() == abs;
            boolean hiOk = hi.doubleValue() == abs;
            if (loOk && hiOk) {
                return exact.round(EVEN[p]).stripTrailingZeros();
            }
            if (loOk) {
                return lo.stripTrailingZeros();
            }
            if (hiOk) {
                return hi.stripTrailingZeros();
            }
        }
        return exact.round(EVEN[17]).stripTrailingZeros();
    }

    /** {@code php_gcvt()} layout of a positive decimal whose significant digits are already chosen. */
    private static String gcvt(BigDecimal value, int ndigit, boolean negative) {
        String digits = value.unscaledValue().toString();
        int decpt = digits.length() - value.scale(); // value = 0.<digits> * 10^decpt
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        if (decpt < 0 ? decpt < -3 : decpt > ndigit) {
            int exp = decpt - 1;
            sb.append(digits.charAt(0)).append('.');
            sb.append(digits.length() == 1 ? "0" : digits.substring(1));
            sb.append('E').append(exp < 0 ? '-' : '+').append(Math.abs(exp));
        } else if (decpt < 0) {
            sb.append("0.");
            for (int i = decpt; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            for (int i = 0; i < decpt; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
            if (digits.length() > decpt) {
                if (decpt == 0) {
                    sb.append('0');
                }
                sb.append('.').append(digits, decpt, digits.length());
            }
        }
        return sb.toString();
    }

    private static void write(Out out, Object v, int precision) {
        if (v == null) {
            out.ascii("N;");
        } else if (v instanceof Boolean b) {
            out.ascii(b ? "b:1;" : "b:0;");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            out.ascii("i:").ascii(Long.toString(((Number) v).longValue())).ascii(";");
        } else if (v instanceof BigInteger bi) {
            if (bi.compareTo(LONG_MIN) < 0 || bi.compareTo(LONG_MAX) > 0) {
                throw new IllegalArgumentException("Not a 64-bit PHP int: " + bi);
            }
            out.ascii("i:").ascii(bi.toString()).ascii(";");
        } else if (v instanceof BigDecimal bd) {
            double d = bd.doubleValue();
            String s;
            if (precision == SHORTEST && d != 0 && bd.precision() <= 15) {
                // the nearest double of a decimal with <= 15 digits prints back as that decimal
                BigDecimal stripped = bd.abs().stripTrailingZeros();
                s = gcvt(stripped, 17, bd.signum() < 0);
            } else {
                s = formatDouble(d, precision);
            }
            out.ascii("d:").ascii(s).ascii(";");
        } else if (v instanceof Double || v instanceof Float) {
            out.ascii("d:").ascii(formatDouble(((Number) v).doubleValue(), precision)).ascii(";");
        } else if (v instanceof CharSequence cs) {
            byte[] bytes = cs.toString().getBytes(StandardCharsets.UTF_8);
            out.ascii("s:").ascii(Integer.toString(bytes.length)).ascii(":\"").bytes(bytes).ascii("\";");
        } else if (v instanceof byte[] bytes) {
            out.ascii("s:").ascii(Integer.toString(bytes.length)).ascii(":\"").bytes(bytes).ascii("\";");
        } else if (v instanceof Map<?, ?> map) {
            out.ascii("a:").ascii(Integer.toString(map.size())).ascii(":{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object k = e.getKey();
                if (k instanceof Integer || k instanceof Long || k instanceof Short || k instanceof Byte
                        || k instanceof BigInteger) {
                    write(out, k, precision);
                } else if (k instanceof CharSequence) {
                    write(out, k.toString(), precision);
                } else {
                    throw new IllegalArgumentException("PHP array keys are int or string, not " + k);
                }
                write(out, e.getValue(), precision);
            }
            out.ascii("}");
        } else if (v instanceof List<?> list) {
            out.ascii("a:").ascii(Integer.toString(list.size())).ascii(":{");
            int i = 0;
            for (Object item : list) {
                out.ascii("i:").ascii(Integer.toString(i++)).ascii(";");
                write(out, item, precision);
            }
            out.ascii("}");
        } else {
            throw new IllegalArgumentException("Cannot serialize " + v.getClass().getName());
        }
    }

    // ------------------------------------------------------------------------------------------------ unserialize

    /**
     * Parses PHP {@code serialize()} output: arrays become {@link LinkedHashMap}s keyed by {@link Long} ({@code i:})
     * or {@link String} ({@code s:}), strings are decoded as UTF-8, {@code i:} → {@link Long}, {@code d:} →
     * {@link Double}, {@code b:} → {@link Boolean}, {@code N;} → {@code null}. Objects ({@code O:}, {@code C:}) and
     * references ({@code r:}, {@code R:}) are rejected. The whole input must be consumed.
     */
    public static Object unserialize(byte[] data) {
        Parser p = new Parser(data);
        Object v = p.value();
        if (p.pos != data.length) {
            throw new IllegalArgumentException("Trailing data at offset " + p.pos);
        }
        return v;
    }

    /** {@link #unserialize(byte[])} of the UTF-8 bytes of {@code s}. */
    public static Object unserialize(String s) {
        return unserialize(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Parser {
        private final byte[] b;
        private int pos;

        Parser(byte[] b) {
            this.b = b;
        }

        Object value() {
            if (pos >= b.length) {
                throw error("Unexpected end");
            }
            char type = (char) b[pos];
            switch (type) {
                case 'N' -> {
                    expect("N;");
                    return null;
                }
                case 'b' -> {
                    expect("b:");
                    String v = until(';');
                    if (!v.equals("0") && !v.equals("1")) {
                        throw error("Bad boolean " + v);
                    }
                    return v.equals("1");
                }
                case 'i' -> {
                    expect("i:");
                    return Long.parseLong(until(';'));
                }
                case 'd' -> {
                    expect("d:");
                    String v = until(';');
                    return switch (v) {
                        case "NAN" -> Double.NaN;
                        case "INF" -> Double.POSITIVE_INFINITY;
                        case "-INF" -> Double.NEGATIVE_INFINITY;
                        default -> Double.parseDouble(v);
                    };
                }
                case 's' -> {
                    expect("s:");
                    int len = Integer.parseInt(until(':'));
                    expect("\"");
                    if (pos + len > b.length) {
                        throw error("String of " + len + " bytes runs past the end");
                    }
                    String s = new String(b, pos, len, StandardCharsets.UTF_8);
                    pos += len;
                    expect("\";");
                    return s;
                }
                case 'a' -> {
                    expect("a:");
                    int n = Integer.parseInt(until(':'));
                    expect("{");
                    Map<Object, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        Object k = value();
                        if (!(k instanceof Long) && !(k instanceof String)) {
                            throw error("Bad array key " + k);
                        }
                        map.put(k, value());
                    }
                    expect("}");
                    return map;
                }
                default -> throw error("Unsupported type '" + type + "'");
            }
        }

        private void expect(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (pos >= b.length || b[pos] != s.charAt(i)) {
                    throw error("Expected '" + s + "'");
                }
                pos++;
            }
        }

        private String until(char end) {
            int start = pos;
            while (pos < b.length && b[pos] != end) {
                pos++;
            }
            if (pos >= b.length) {
                throw error("Missing '" + end + "'");
            }
            String s = new String(b, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return s;
        }

        private IllegalArgumentException error(String msg) {
            return new IllegalArgumentException(msg + " at offset " + pos);
        }
    }

    /** A growable byte buffer with an ASCII fast path. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        Out ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[count++] = (byte) s.charAt(i);
            }
            return this;
        }

        Out bytes(byte[] bytes) {
            write(bytes, 0, bytes.length);
            return this;
        }

        private void ensure(int extra) {
            if (count + extra > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
            }
        }
    }
}
