package io.cscartxero.cscart.php;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strict reader of PHP {@code serialize()} output, as CS-Cart stores it in {@code order_details.extra} and
 * {@code order_data.data} (longblob columns).
 *
 * <p>Why not a library: the one candidate on Maven Central (com.xk72:pherialize 1.2.4) works on Java Strings and
 * counts {@code s:N:} lengths in characters, but PHP counts <em>bytes</em> of UTF-8, so any product name with "é",
 * "山田" or "★" throws it off. This reader works on the raw bytes, checks every declared length in bytes and only
 * then decodes the string (malformed UTF-8 becomes U+FFFD rather than failing the order).
 *
 * <p>Strict and defensive, because the bytes come from a database anyone with admin access can edit: every declared
 * length and count is checked against the bytes that remain before anything is allocated (a hostile
 * {@code a:2000000000:{} cannot exhaust memory), nesting is limited to {@value #MAX_DEPTH} levels, and data after
 * the value is an error instead of being ignored. Every problem is a {@link PhpFormatException} naming the byte.
 *
 * <p>Types: {@code N b i d s a O} and references {@code r:}/{@code R:}, which are resolved to the value they point
 * at (values are numbered from 1 in reading order, array keys and {@code R:} excluded, as in PHP). A reference to a
 * value that is still being read (a cycle) is rejected; so are custom-serialized objects {@code C:}, enums
 * {@code E:} and the legacy escaped string {@code S:}, none of which CS-Cart writes into order data.
 */
public final class PhpUnserializer {

    public static final int MAX_DEPTH = 64;

    /** The shortest array element, {@code i:0;N;}: bounds how many elements the remaining bytes can hold. */
    private static final int MIN_ELEMENT_BYTES = 6;

    /** PHP writes at most 17 significant digits and an exponent; anything this long is not PHP's output. */
    private static final int MAX_FLOAT_LITERAL = 400;

    /** "0" … "255": array keys of lists, without a new String each. */
    private static final String[] SMALL_INTS = new String[256];

    static {
        for (int i = 0; i < SMALL_INTS.length; i++) {
            SMALL_INTS[i] = Integer.toString(i);
        }
    }

    private final byte[] in;
    private int pos;
    /** Values in PHP's reference numbering (value n is slots.get(n - 1)); null while a container is being read. */
    private final List<PhpValue> slots = new ArrayList<>();

    private PhpUnserializer(byte[] in) {
        this.in = in;
    }

    public static PhpValue parse(byte[] data) throws PhpFormatException {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            throw new PhpFormatException("empty input", 0);
        }
        PhpUnserializer reader = new PhpUnserializer(data);
        PhpValue value = reader.value(0);
        if (reader.pos != data.length) {
            throw new PhpFormatException("unexpected " + (data.length - reader.pos) + " bytes after the value", reader.pos);
        }
        return value;
    }

    /** @param depth how many arrays/objects enclose this value */
    private PhpValue value(int depth) throws PhpFormatException {
        int start = pos;
        byte type = next("a type letter");
        switch (type) {
            case 'N':
                expect(';');
                return slot(PhpNull.INSTANCE);
            case 'b': {
                expect(':');
                int at = pos;
                byte b = next("0 or 1");
                if (b != '0' && b != '1') {
                    throw new PhpFormatException("expected 0 or 1 for a bool but found " + show(b), at);
                }
                expect(';');
                return slot(new PhpBool(b == '1'));
            }
            case 'i':
                expect(':');
                return slot(new PhpInt(integer(';', "integer")));
            case 'd':
                expect(':');
                return slot(new PhpDouble(floatLiteral()));
            case 's':
                expect(':');
                String text = string();
                expect(';');
                return slot(new PhpString(text));
            case 'a': {
                expect(':');
                int index = openSlot();
                PhpArray array = new PhpArray(entries(depth, start, "array"));
                slots.set(index, array);
                return array;
            }
            case 'O': {
                expect(':');
                int index = openSlot();
                String className = string();
                if (!isClassName(className)) {
                    throw new PhpFormatException("invalid class name \"" + className + "\"", start);
                }
                expect(':');
                PhpObject object = new PhpObject(className, new PhpArray(entries(depth, start, "object")));
                slots.set(index, object);
                return object;
            }
            case 'r':
            case 'R': {
                expect(':');
                int at = pos;
                long n = integer(';', "reference");
                PhpValue target = referenced(n, at);
                return type == 'r' ? slot(target) : target;
            }
            case 'C':
            case 'E':
            case 'S':
            case 'o':
                throw new PhpFormatException("unsupported type " + show(type), start);
            default:
                throw new PhpFormatException("unknown type " + show(type), start);
        }
    }

    /** {@code <count>:{<key><value>…}} of an array or object; {@code start} is where its type letter was. */
    private Map<String, PhpValue> entries(int depth, int start, String what) throws PhpFormatException {
        if (depth + 1 > MAX_DEPTH) {
            throw new PhpFormatException("nesting deeper than " + MAX_DEPTH, start);
        }
        int countAt = pos;
        long count = integer(':', what, " count");
        if (count < 0) {
            throw new PhpFormatException("negative " + what + " count " + count, countAt);
        }
        expect('{');
        long room = (in.length - pos - 1L) / MIN_ELEMENT_BYTES;
        if (count > room) {
            throw new PhpFormatException(what + " count " + count + " exceeds what the remaining " + (in.length - pos)
                    + " bytes can hold", countAt);
        }
        Map<String, PhpValue> entries = new PhpArray.Owned((int) Math.min(count, 1 << 16));
        for (long i = 0; i < count; i++) {
            String key = key(what);
            entries.put(key, value(depth + 1));
        }
        int at = pos;
        byte close = next("'}'");
        if (close != '}') {
            throw new PhpFormatException("expected '}' after " + count + " " + what + " elements but found " + show(close), at);
        }
        return entries;
    }

    /** Array keys and property names: {@code i:} or {@code s:} only, and they take no reference slot. */
    private String key(String what) throws PhpFormatException {
        int at = pos;
        if (pos >= in.length) {
            throw new PhpFormatException("unexpected end of data, expected an " + what + " key", pos);
        }
        byte type = in[pos++];
        if (type == 'i') {
            expect(':');
            long key = integer(';', "integer key");
            return key >= 0 && key < SMALL_INTS.length ? SMALL_INTS[(int) key] : Long.toString(key);
        }
        if (type == 's') {
            expect(':');
            String key = string();
            expect(';');
            return key;
        }
        throw new PhpFormatException("an " + what + " key must be i: or s:, found " + show(type), at);
    }

    /** {@code <len>:"<len bytes>"} (the caller checks what follows: ';' for strings, ':' for class names). */
    private String string() throws PhpFormatException {
        int lengthAt = pos;
        long length = integer(':', "string length");
        if (length < 0) {
            throw new PhpFormatException("negative string length " + length, lengthAt);
        }
        expect('"');
        int remaining = in.length - pos;
        if (length > remaining) {
            throw new PhpFormatException("string length " + length + " exceeds remaining " + remaining + " bytes", lengthAt);
        }
        String s = PhpText.decode(in, pos, (int) length);
        pos += (int) length;
        if (pos >= in.length || in[pos] != '"') {
            throw new PhpFormatException("string of declared length " + length + " is not followed by '\"'"
                    + " (the length does not match the text)", pos);
        }
        pos++;
        return s;
    }

    private String floatLiteral() throws PhpFormatException {
        int start = pos;
        int end = start;
        while (end < in.length && in[end] != ';') {
            if (end - start >= MAX_FLOAT_LITERAL) {
                throw new PhpFormatException("float longer than " + MAX_FLOAT_LITERAL + " bytes", start);
            }
            end++;
        }
        if (end >= in.length) {
            throw new PhpFormatException("unterminated float", start);
        }
        String literal = new String(in, start, end - start, StandardCharsets.ISO_8859_1);
        if (!PhpNumbers.isFloatLiteral(literal)) {
            throw new PhpFormatException("invalid float \"" + literal + "\"", start);
        }
        pos = end + 1;
        return literal;
    }

    /** An optionally signed decimal integer ending with {@code terminator}, which is consumed. */
    private long integer(char terminator, String what) throws PhpFormatException {
        return integer(terminator, what, "");
    }

    /**
     * As {@link #integer(char, String)}, the description being {@code what + suffix}: joined only for an error message,
     * not for every array read.
     */
    private long integer(char terminator, String what, String suffix) throws PhpFormatException {
        // the usual case (counts, lengths, keys): 1 to 18 digits and the terminator, which cannot overflow
        int end = Math.min(in.length, pos + 18);
        long quick = 0;
        int p = pos;
        while (p < end && in[p] >= '0' && in[p] <= '9') {
            quick = quick * 10 + (in[p++] - '0');
        }
        if (p > pos && p < in.length && in[p] == terminator) {
            pos = p + 1;
            return quick;
        }
        return integerChecked(terminator, what, suffix);
    }

    /** Signs, long runs of digits and every error: the general reader behind {@link #integer(char, String, String)}. */
    private long integerChecked(char terminator, String what, String suffix) throws PhpFormatException {
        int start = pos;
        boolean negative = false;
        if (pos < in.length && (in[pos] == '-' || in[pos] == '+')) {
            negative = in[pos] == '-';
            pos++;
        }
        int digitsStart = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            pos++;
        }
        if (pos == digitsStart) {
            if (pos >= in.length) {
                throw new PhpFormatException("unexpected end of data, expected a digit of the " + what + suffix, pos);
            }
            throw new PhpFormatException("expected a digit of the " + what + suffix + " but found " + show(in[pos]), pos);
        }
        int significant = digitsStart;
        while (significant < pos - 1 && in[significant] == '0') {
            significant++;
        }
        // at most 19 significant digits are accumulated, so a hostile run of digits costs nothing; accumulated
        // negatively, as Long.parseLong does, so that Long.MIN_VALUE is in range
        if (pos - significant > 19) {
            throw new PhpFormatException(what + suffix + " out of the 64-bit range", start);
        }
        long value = 0;
        for (int i = significant; i < pos; i++) {
            int digit = in[i] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new PhpFormatException(what + suffix + " out of the 64-bit range", start);
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw new PhpFormatException(what + suffix + " out of the 64-bit range", start);
            }
            value = -value;
        }
        expect(terminator);
        return value;
    }

    private PhpValue slot(PhpValue value) {
        slots.add(value);
        return value;
    }

    private int openSlot() {
        slots.add(null);
        return slots.size() - 1;
    }

    private PhpValue referenced(long n, int at) throws PhpFormatException {
        if (n < 1 || n > slots.size()) {
            throw new PhpFormatException("reference to value " + n + " but only " + slots.size() + " values precede it", at);
        }
        PhpValue target = slots.get((int) n - 1);
        if (target == null) {
            throw new PhpFormatException("reference to value " + n + ", which encloses it (cyclic references are not supported)", at);
        }
        return target;
    }

    // next and expect run for nearly every byte of structure: kept small enough for the JIT to inline, the message built
    // only on the error path

    private byte next(String expected) throws PhpFormatException {
        if (pos < in.length) {
            return in[pos++];
        }
        throw new PhpFormatException("unexpected end of data, expected " + expected, pos);
    }

    private void expect(char c) throws PhpFormatException {
        if (pos < in.length && in[pos] == c) {
            pos++;
            return;
        }
        throw unexpected(c);
    }

    private PhpFormatException unexpected(char c) {
        return pos >= in.length ? new PhpFormatException("unexpected end of data, expected '" + c + "'", pos)
                : new PhpFormatException("expected '" + c + "' but found " + show(in[pos]), pos);
    }

    private static boolean isClassName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '\\' || c >= 0x80;
            if (!ok || (i == 0 && Character.isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    private static String show(byte b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("byte 0x%02X", b & 0xff);
    }
}
