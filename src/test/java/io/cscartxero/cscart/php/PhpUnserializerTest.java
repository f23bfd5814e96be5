package io.cscartxero.cscart.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhpUnserializerTest {

    /** order_data type T of demo order 51 (CS-Cart ULT 4.20.1 demo.sql), verbatim. */
    static final String DEMO_ORDER_51_TAXES = "a:1:{i:6;a:8:{s:9:\"rate_type\";s:1:\"P\";s:10:\"rate_value\";s:6:\"10.000\";"
            + "s:18:\"price_includes_tax\";s:1:\"Y\";s:9:\"regnumber\";s:7:\"1234242\";s:8:\"priority\";i:0;"
            + "s:12:\"tax_subtotal\";d:14.359999999999999;s:11:\"description\";s:3:\"VAT\";s:7:\"applies\";a:3:{"
            + "s:1:\"P\";d:11.81;s:1:\"S\";d:2.5499999999999998;s:5:\"items\";a:2:{s:1:\"S\";a:1:{i:0;a:1:{i:1;b:1;}}"
            + "s:1:\"P\";a:1:{s:10:\"3592732382\";b:1;}}}}}";

    /** order_details.extra of a demo order-28 line, verbatim. */
    static final String DEMO_EXTRA = "a:9:{s:15:\"product_options\";a:0:{}s:18:\"unlimited_download\";s:1:\"N\";"
            + "s:7:\"product\";s:31:\"16GB A Series Walkman Video MP3\";s:10:\"company_id\";s:1:\"1\";s:6:\"is_edp\";s:1:\"N\";"
            + "s:12:\"edp_shipping\";s:1:\"N\";s:8:\"discount\";i:0;s:10:\"base_price\";d:219;s:12:\"stored_price\";s:1:\"N\";}";

    static PhpValue parse(String s) throws PhpFormatException {
        return PhpUnserializer.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    static void assertRejected(String input, String message) {
        assertRejected(input.getBytes(StandardCharsets.UTF_8), message);
    }

    static void assertRejected(byte[] input, String message) {
        assertThatThrownBy(() -> PhpUnserializer.parse(input)).isInstanceOf(PhpFormatException.class)
                .hasMessage(message);
    }

    @Test
    void readsTheDemoTaxDataWithItsFloatsExactlyAsWritten() throws Exception {
        PhpArray taxes = parse(DEMO_ORDER_51_TAXES).asArray();
        assertThat(taxes.keys()).containsExactly("6");
        PhpArray vat = taxes.getArray("6");
        assertThat(vat.getString("rate_type")).isEqualTo("P");
        assertThat(vat.getDecimal("rate_value")).isEqualByComparingTo("10");
        assertThat(vat.getString("rate_value")).isEqualTo("10.000");
        assertThat(vat.get("priority")).isEqualTo(new PhpInt(0));
        assertThat(vat.get("tax_subtotal")).isEqualTo(new PhpDouble("14.359999999999999"));
        assertThat(vat.getDecimal("tax_subtotal")).isEqualTo(new BigDecimal("14.359999999999999"));
        PhpArray applies = vat.getArray("applies");
        assertThat(applies.getDecimal("S")).isEqualTo(new BigDecimal("2.5499999999999998"));
        assertThat(applies.getArray("items").getArray("P").keys()).containsExactly("3592732382");
        assertThat(applies.getArray("items").getArray("S").getArray("0").get(1)).isEqualTo(new PhpBool(true));
    }

    @Test
    void readsTheDemoLineExtraAndOtherDemoShapes() throws Exception {
        PhpArray extra = parse(DEMO_EXTRA).asArray();
        assertThat(extra.size()).isEqualTo(9);
        assertThat(extra.getString("product")).isEqualTo("16GB A Series Walkman Video MP3");
        assertThat(extra.getArray("product_options").isEmpty()).isTrue();
        assertThat(extra.getDecimal("base_price")).isEqualByComparingTo("219");
        assertThat(extra.getDecimal("discount")).isEqualByComparingTo("0");

        assertThat(parse("s:3:\"USD\";")).isEqualTo(new PhpString("USD")); // type R
        PhpArray shipping = parse("a:1:{i:0;a:4:{s:11:\"shipping_id\";s:1:\"1\";s:8:\"shipping\";"
                + "s:22:\"Custom shipping method\";s:6:\"module\";N;s:4:\"rate\";d:28;}}").asArray();
        assertThat(shipping.isList()).isTrue();
        PhpArray first = shipping.asList().get(0).asArray();
        assertThat(first.getString("shipping")).isEqualTo("Custom shipping method");
        assertThat(first.get("module").isNull()).isTrue();
        assertThat(first.getString("module")).isNull();
        assertThat(first.getDecimal("rate")).isEqualByComparingTo("28");
        assertThat(first.getDecimal("missing")).isNull();
    }

    @Test
    void stringLengthsCountUtf8Bytes() throws Exception {
        // from the demo's G data: ® is 2 bytes, ™ 3 bytes
        assertThat(parse("s:37:\"Intel® Boxed Intel® Core™ i7-2600\";").asText())
                .isEqualTo("Intel® Boxed Intel® Core™ i7-2600");
        assertThat(parse("s:2:\"é\";").asText()).isEqualTo("é");
        assertThat(parse("s:6:\"山田\";").asText()).isEqualTo("山田");
        assertThat(parse("s:3:\"★\";").asText()).isEqualTo("★");
        assertThat(parse("s:4:\"😀\";").asText()).isEqualTo("😀");
        assertThat(parse("a:1:{s:6:\"山田\";s:5:\"café\";}").asArray().getString("山田")).isEqualTo("café");
        // counting characters, as a String-based reader does, is an error here
        assertRejected("s:1:\"é\";", "string of declared length 1 is not followed by '\"' (the length does not match the text) at byte 6");
        assertRejected("s:2:\"山田\";", "string of declared length 2 is not followed by '\"' (the length does not match the text) at byte 7");
    }

    @Test
    void emojiThatMySqlUtf8TurnedIntoQuestionMarks() throws Exception {
        // utf8mb3 columns store an emoji as "????" before PHP serializes it: consistent, just lossy
        assertThat(parse("s:13:\"Gift ???? box\";").asText()).isEqualTo("Gift ???? box");
        // serialized with the emoji (4 bytes) but mangled to one '?' afterwards: the declared length no longer fits
        assertThat(parse("s:11:\"Gift 😀 b\";").asText()).isEqualTo("Gift 😀 b");
        assertRejected("s:11:\"Gift ? b\";", "string length 11 exceeds remaining 10 bytes at byte 2");
        assertRejected("a:1:{s:7:\"product\";s:11:\"Gift ? b\";}",
                "string of declared length 11 is not followed by '\"' (the length does not match the text) at byte 36");
    }

    @Test
    void invalidUtf8IsReplacedNotFatal() throws Exception {
        byte[] data = {'s', ':', '3', ':', '"', 'a', (byte) 0xC3, 'b', '"', ';'};
        assertThat(PhpUnserializer.parse(data).asText()).isEqualTo("a\uFFFDb");
        byte[] latin1 = "s:4:\"caf\u00e9\";".getBytes(StandardCharsets.ISO_8859_1); // "café" stored as Latin-1
        assertThat(PhpUnserializer.parse(latin1).asText()).isEqualTo("caf\uFFFD");
    }

    @Test
    void scalars() throws Exception {
        assertThat(parse("N;")).isEqualTo(PhpNull.INSTANCE);
        assertThat(parse("b:1;")).isEqualTo(new PhpBool(true));
        assertThat(parse("b:0;").asText()).isEmpty();
        assertThat(parse("i:-42;")).isEqualTo(new PhpInt(-42));
        assertThat(parse("i:+7;")).isEqualTo(new PhpInt(7));
        assertThat(parse("i:9223372036854775807;")).isEqualTo(new PhpInt(Long.MAX_VALUE));
        assertThat(parse("i:-9223372036854775808;")).isEqualTo(new PhpInt(Long.MIN_VALUE));
        assertThat(parse("i:0000000000000000000000012;")).isEqualTo(new PhpInt(12));
        assertThat(parse("s:0:\"\";")).isEqualTo(new PhpString(""));
        assertThat(parse("s:5:\"a\"b;c\";").asText()).isEqualTo("a\"b;c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "d:0.5;|0.5|0.5",
            "d:-0;|-0.0|0",
            "d:1.0E+25;|1.0E25|1.0E+25",
            "d:1.5e-7;|1.5E-7|1.5E-7",
            "d:28;|28.0|28",
            "d:.5;|0.5|0.5",
            "d:5.;|5.0|5",
            "d:14.359999999999999;|14.36|14.359999999999999"})
    void floats(String input, double expected, String decimal) throws Exception {
        PhpDouble d = (PhpDouble) parse(input);
        assertThat(d.value()).isEqualTo(expected);
        assertThat(d.asDecimal()).isEqualByComparingTo(decimal);
        assertThat(d.isFinite()).isTrue();
    }

    @Test
    void infinitiesAndNanAreFloatsWithoutADecimal() throws Exception {
        assertThat(((PhpDouble) parse("d:INF;")).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(((PhpDouble) parse("d:-INF;")).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(((PhpDouble) parse("d:NAN;")).value()).isNaN();
        assertThat(parse("d:NAN;").asDecimal()).isNull();
        assertThat(parse("d:1e999;").asDecimal()).isNull();
        assertThat(parse("d:-0;").asText()).isEqualTo("-0");
    }

    @Test
    void numbersStoredAsStrings() throws Exception {
        assertThat(parse("s:6:\"10.000\";").asDecimal()).isEqualByComparingTo("10");
        assertThat(parse("s:4:\" 1e3\";").asDecimal()).isEqualByComparingTo("1000");
        assertThat(parse("s:3:\"-.5\";").asDecimal()).isEqualByComparingTo("-0.5");
        assertThat(parse("s:2:\"+5\";").asDecimal()).isEqualByComparingTo("5");
        assertThat(parse("s:3:\"abc\";").asDecimal()).isNull();
        assertThat(parse("s:0:\"\";").asDecimal()).isNull();
        assertThat(parse("s:4:\"1,50\";").asDecimal()).isNull();
        assertThat(parse("b:1;").asDecimal()).isNull();
        assertThat(parse("N;").asDecimal()).isNull();
        assertThat(parse("a:0:{}").asDecimal()).isNull();
    }

    @Test
    void arraysKeepOrderAndTreatIntAndNumericStringKeysAlike() throws Exception {
        PhpArray a = parse("a:4:{i:13;s:2:\"48\";i:14;s:2:\"49\";s:1:\"x\";a:0:{}s:2:\"05\";i:1;}").asArray();
        assertThat(a.keys()).containsExactly("13", "14", "x", "05");
        assertThat(a.get(13)).isEqualTo(new PhpString("48"));
        assertThat(a.get("14").asText()).isEqualTo("49");
        assertThat(a.getArray("x")).isEqualTo(PhpArray.EMPTY);
        assertThat(a.getArray("13")).isNull();
        assertThat(a.isList()).isFalse();
        assertThat(a.asList()).hasSize(4);

        PhpArray list = parse("a:3:{i:0;i:10;i:1;d:2.5;i:2;N;}").asArray();
        assertThat(list.isList()).isTrue();
        assertThat(list.asList()).containsExactly(new PhpInt(10), new PhpDouble("2.5"), PhpNull.INSTANCE);

        // a repeated key keeps its first position and its last value, as in PHP
        PhpArray dup = parse("a:3:{i:1;s:1:\"a\";i:2;s:1:\"b\";s:1:\"1\";s:1:\"c\";}").asArray();
        assertThat(dup.keys()).containsExactly("1", "2");
        assertThat(dup.getString("1")).isEqualTo("c");
    }

    @Test
    void nestedArraysUpToTheDepthLimit() throws Exception {
        String deepest = "a:1:{i:0;".repeat(64) + "N;" + "}".repeat(64);
        PhpValue v = PhpUnserializer.parse(deepest.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 64; i++) {
            v = v.asArray().get(0);
        }
        assertThat(v.isNull()).isTrue();
        String tooDeep = "a:1:{i:0;".repeat(65) + "N;" + "}".repeat(65);
        assertRejected(tooDeep, "nesting deeper than 64 at byte " + 64 * 9);
    }

    @Test
    void objectsReadLikeArraysWithAClassName() throws Exception {
        PhpObject o = (PhpObject) parse("O:8:\"stdClass\":2:{s:4:\"code\";s:3:\"ABC\";s:4:\"cost\";s:5:\"12.50\";}");
        assertThat(o.className()).isEqualTo("stdClass");
        assertThat(o.asArray().getDecimal("cost")).isEqualByComparingTo("12.5");
        PhpObject ns = (PhpObject) parse("O:12:\"Tygh\\Foo\\Bar\":1:{s:6:\"\0*\0qty\";i:3;}");
        assertThat(ns.className()).isEqualTo("Tygh\\Foo\\Bar");
        assertThat(ns.properties().get("\0*\0qty")).isEqualTo(new PhpInt(3));
        assertRejected("O:3:\"1ab\":0:{}", "invalid class name \"1ab\" at byte 0");
        assertRejected("O:0:\"\":0:{}", "invalid class name \"\" at byte 0");
        assertRejected("O:8:\"stdClass\";0:{}", "expected ':' but found ';' at byte 14");
    }

    @Test
    void referencesResolveToTheValueTheyNumber() throws Exception {
        // slots: 1 = the outer array, 2 = "x", 3 = the inner array, 4 = its i:5, 5 = the r: copy
        PhpArray a = parse("a:4:{i:0;s:1:\"x\";i:1;a:1:{i:0;i:5;}i:2;r:3;i:3;R:2;}").asArray();
        assertThat(a.get(2)).isEqualTo(a.get(1));
        assertThat(a.get(3)).isEqualTo(new PhpString("x"));
        // R: takes no slot, r: does: here r:4 is i:5's slot... and R:5 points at the r: value itself
        PhpArray b = parse("a:4:{i:0;a:1:{i:0;i:5;}i:1;R:3;i:2;r:2;i:3;R:4;}").asArray();
        assertThat(b.get(1)).isEqualTo(new PhpInt(5));
        assertThat(b.get(2)).isEqualTo(b.get(0));
        assertThat(b.get(3)).isEqualTo(b.get(0));
        assertRejected("a:1:{i:0;R:1;}", "reference to value 1, which encloses it (cyclic references are not supported) at byte 11");
        assertRejected("a:1:{i:0;r:9;}", "reference to value 9 but only 1 values precede it at byte 11");
        assertRejected("a:1:{i:0;r:0;}", "reference to value 0 but only 1 values precede it at byte 11");
    }

    @Test
    void malformedInputNamesTheByte() {
        assertRejected(new byte[0], "empty input at byte 0");
        assertRejected("x:1;", "unknown type 'x' at byte 0");
        assertRejected("a:1:{i:0;z;}", "unknown type 'z' at byte 9");
        assertRejected("C:3:\"Foo\":0:{}", "unsupported type 'C' at byte 0");
        assertRejected("E:7:\"Foo:Bar\";", "unsupported type 'E' at byte 0");
        assertRejected("i;5;", "expected ':' but found ';' at byte 1");
        assertRejected("i:5", "unexpected end of data, expected ';' at byte 3");
        assertRejected("i:;", "expected a digit of the integer but found ';' at byte 2");
        assertRejected("i:1.5;", "expected ';' but found '.' at byte 3");
        assertRejected("i:9223372036854775808;", "integer out of the 64-bit range at byte 2");
        assertRejected("i:99999999999999999999999999;", "integer out of the 64-bit range at byte 2");
        assertRejected("b:2;", "expected 0 or 1 for a bool but found '2' at byte 2");
        assertRejected("N", "unexpected end of data, expected ';' at byte 1");
        assertRejected("d:1.2.3;", "invalid float \"1.2.3\" at byte 2");
        assertRejected("d:abc;", "invalid float \"abc\" at byte 2");
        assertRejected("d:1.5", "unterminated float at byte 2");
        assertRejected("d:" + "1".repeat(500) + ";", "float longer than 400 bytes at byte 2");
    }

    @Test
    void malformedStrings() {
        assertRejected("s:5:\"abc\";", "string of declared length 5 is not followed by '\"' (the length does not match the text) at byte 10");
        assertRejected("s:12:\"abcde", "string length 12 exceeds remaining 5 bytes at byte 2");
        assertRejected("s:-1:\"\";", "negative string length -1 at byte 2");
        assertRejected("s:3:\"abc\"", "unexpected end of data, expected ';' at byte 9");
        assertRejected("s:3:\"abc;", "string of declared length 3 is not followed by '\"' (the length does not match the text) at byte 8");
        assertRejected("s:3:abc\";", "expected '\"' but found 'a' at byte 4");
        assertRejected("s:2:\"abc\";", "string of declared length 2 is not followed by '\"' (the length does not match the text) at byte 7");
        assertRejected("s:99999999999:\"a\";", "string length 99999999999 exceeds remaining 3 bytes at byte 2");
        assertRejected("s:3", "unexpected end of data, expected ':' at byte 3");
    }

    @Test
    void malformedArrays() {
        assertRejected("a:2:{i:0;s:5:\"abcde\";}", "an array key must be i: or s:, found '}' at byte 21");
        assertRejected("a:2:{i:0;N;}", "array count 2 exceeds what the remaining 7 bytes can hold at byte 2");
        assertRejected("a:1:{i:0;N;i:1;N;}", "expected '}' after 1 array elements but found 'i' at byte 11");
        assertRejected("a:1:{i:0;N;", "array count 1 exceeds what the remaining 6 bytes can hold at byte 2");
        assertRejected("a:1:{i:0;s:1:\"x\";", "unexpected end of data, expected '}' at byte 17");
        assertRejected("a:1:{i:0;", "array count 1 exceeds what the remaining 4 bytes can hold at byte 2");
        assertRejected("a:1:{s:3:\"key\";", "unexpected end of data, expected a type letter at byte 15");
        assertRejected("a:-1:{}", "negative array count -1 at byte 2");
        assertRejected("a:2000000000:{i:0;N;}", "array count 2000000000 exceeds what the remaining 7 bytes can hold at byte 2");
        assertRejected("a:99999999999999999999:{}", "array count out of the 64-bit range at byte 2");
        assertRejected("a:1:{d:1.5;N;}", "an array key must be i: or s:, found 'd' at byte 5");
        assertRejected("a:1:{N;s:1:\"x\";}", "an array key must be i: or s:, found 'N' at byte 5");
        assertRejected("a:1:{a:0:{}N;}", "an array key must be i: or s:, found 'a' at byte 5");
        assertRejected("a:1[i:0;N;}", "expected ':' but found '[' at byte 3");
        assertRejected("a:0:{}}", "unexpected 1 bytes after the value at byte 6");
        assertRejected("N;N;", "unexpected 2 bytes after the value at byte 2");
        assertRejected("s:1:\"a\"; ", "unexpected 1 bytes after the value at byte 8");
    }

    @Test
    void hostileCountsAndLengthsFailFastWithoutAllocating() {
        // a count that would need gigabytes is refused before any map is built
        String nested = "a:1:{i:0;a:1000000000:{}}";
        assertRejected(nested, "array count 1000000000 exceeds what the remaining 2 bytes can hold at byte 11");
        assertRejected("O:8:\"stdClass\":500000000:{}", "object count 500000000 exceeds what the remaining 1 bytes can hold at byte 15");
        byte[] manyDigits = ("i:" + "0".repeat(1_000_000) + "1;").getBytes(StandardCharsets.US_ASCII);
        assertThat(catching(manyDigits)).isNull();
    }

    @Test
    void mutatedAndTruncatedInputOnlyEverFailsWithPhpFormatException() {
        byte[][] seeds = {DEMO_ORDER_51_TAXES.getBytes(StandardCharsets.UTF_8), DEMO_EXTRA.getBytes(StandardCharsets.UTF_8),
                "O:8:\"stdClass\":2:{s:1:\"a\";a:3:{i:0;s:1:\"x\";i:1;r:3;i:2;R:3;}s:1:\"b\";d:-1.5E+3;}".getBytes(StandardCharsets.UTF_8)};
        byte[] alphabet = "aOsidbNrR:;{}\"-+.E0123456789INFAé".getBytes(StandardCharsets.UTF_8);
        for (byte[] seed : seeds) {
            assertThat(catching(seed)).isNull();
        }
        java.util.Random random = new java.util.Random(20240611);
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] data = seeds[random.nextInt(seeds.length)].clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                data[random.nextInt(data.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            if (random.nextInt(4) == 0) {
                data = java.util.Arrays.copyOf(data, random.nextInt(data.length));
            }
            try {
                PhpUnserializer.parse(data);
                parsed++;
            } catch (PhpFormatException expected) {
                assertThat(expected.offset()).isBetween(0, data.length);
            }
        }
        assertThat(parsed).isPositive(); // some edits (a digit for a digit) keep the input valid
    }

    private static PhpFormatException catching(byte[] data) {
        try {
            PhpUnserializer.parse(data);
            return null;
        } catch (PhpFormatException e) {
            return e;
        }
    }

    @Test
    void exceptionCarriesTheOffset() {
        PhpFormatException e = catching("a:1:{i:0;s:12:\"abcde\";}".getBytes(StandardCharsets.US_ASCII));
        assertThat(e).isNotNull();
        assertThat(e.offset()).isEqualTo(11);
        assertThat(e.getMessage()).isEqualTo("string length 12 exceeds remaining 8 bytes at byte 11");
    }
}
