package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XeroTextTest {

    @Test
    void plainTextLosesEveryTagAndKeepsTheRestAsTyped() {
        assertThat(XeroText.plain("<img src=x onerror=alert(1)>Mug")).isEqualTo("Mug");
        assertThat(XeroText.plain("<script>alert(1)</script>Eve")).isEqualTo("Eve");
        assertThat(XeroText.plain("<img src=x onerror=alert(1)>")).isEmpty();
        assertThat(XeroText.plain("Fish & Chips  Ltd")).isEqualTo("Fish & Chips Ltd");
        assertThat(XeroText.plain("a < b")).isEqualTo("a &lt; b");
        assertThat(XeroText.plain("&lt;script&gt;alert(1)&lt;/script&gt;")).doesNotContain("<").isEqualTo("&lt;script>alert(1)&lt;/script>");
        assertThat(XeroText.plain("Ze\u0000ro\u0007 Bell\u001B")).isEqualTo("Zero Bell");
        assertThat(XeroText.plain("Robert'); DROP TABLE users;--")).isEqualTo("Robert'); DROP TABLE users;--");
        assertThat(XeroText.plain(null)).isEmpty();
    }

    @Test
    void descriptionsAreEscapedWithTheirLineBreaks() {
        assertThat(XeroText.html("<script>x</script>\r\nA & \"B\"\n'C'")).isEqualTo("&lt;script&gt;x&lt;/script&gt;<br>\nA &amp; &quot;B&quot;<br>\n&#039;C&#039;");
        assertThat(XeroText.html("  ")).isEmpty();
    }
}
