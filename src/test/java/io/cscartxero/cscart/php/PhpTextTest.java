package io.cscartxero.cscart.php;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PhpTextTest {

    private static String decode(String framed, int offset, int length) {
        return PhpText.decode(framed.getBytes(StandardCharsets.UTF_8), offset, length);
    }

    @Test
    void aKnownKeyIsOneSharedStringWhereverItStands() {
        String first = decode("xxrate_valueyy", 2, 10);
        String second = decode("rate_value", 0, 10);
        assertThat(first).isEqualTo("rate_value").isSameAs(second);
        assertThat(decode("\"Y\"", 1, 1)).isEqualTo("Y").isSameAs(decode("Y", 0, 1));
        assertThat(decode("abc", 1, 0)).isEmpty();
    }

    @Test
    void otherTextIsDecodedAsUtf8() {
        assertThat(decode("rate_valuf", 0, 10)).isEqualTo("rate_valuf");       // same length, first and last byte differ in one
        assertThat(decode("Rate_value", 0, 10)).isEqualTo("Rate_value");       // case matters
        assertThat(decode("product_x", 0, 7)).isEqualTo("product").isSameAs(decode("product", 0, 7));
        assertThat(decode("Crème brûlée 山田 ★", 0, "Crème brûlée 山田 ★".getBytes(StandardCharsets.UTF_8).length))
                .isEqualTo("Crème brûlée 山田 ★");
        assertThat(decode("a very long product name that no key is as long as", 0, 50))
                .isEqualTo("a very long product name that no key is as long as");
    }

    @Test
    void malformedUtf8BecomesTheReplacementCharacter() {
        byte[] bytes = { 'a', (byte) 0xC3, 'b' };
        assertThat(PhpText.decode(bytes, 0, 3)).isEqualTo("a\uFFFDb");
    }

    @Test
    void theUnserializerReadsKeysValuesAndIntegersWithIt() throws PhpFormatException {
        PhpArray array = PhpUnserializer.parse("a:4:{s:10:\"rate_value\";s:1:\"Y\";i:7;s:5:\"café\";i:300;i:-5;i:0;i:000012;}"
                .getBytes(StandardCharsets.UTF_8)).asArray();
        assertThat(array.keys()).containsExactly("rate_value", "7", "300", "0");
        assertThat(array.keys().iterator().next()).isSameAs(decode("rate_value", 0, 10));
        assertThat(array.getString("rate_value")).isSameAs(decode("Y", 0, 1));
        assertThat(array.getString("7")).isEqualTo("café");
        assertThat(array.get(300)).isEqualTo(new PhpInt(-5));
        assertThat(array.get(0)).isEqualTo(new PhpInt(12));
    }
}
