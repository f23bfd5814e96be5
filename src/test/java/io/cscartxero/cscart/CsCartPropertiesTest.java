package io.cscartxero.cscart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsCartPropertiesTest {

    @Test
    void onlyAPlainPrefixCanReachSql() {
        assertThat(new CsCartProperties("cscart_", "en", null).table("users")).isEqualTo("cscart_users");
        assertThat(new CsCartProperties("", "en", null).table("users")).isEqualTo("users");
        assertThatThrownBy(() -> new CsCartProperties("x; DROP TABLE users; --", "en", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cscart.table-prefix");
        assertThatThrownBy(() -> new CsCartProperties("CSCART_", "en", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsCartProperties("a".repeat(33), "en", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CsCartProperties("cscart_", "en'--", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeZoneAndLanguageAreOptionalOverrides() {
        CsCartProperties none = new CsCartProperties("cscart_", " ", null, null);
        assertThat(none.language()).isNull();
        assertThat(none.timezone()).isNull();
        assertThat(new CsCartProperties("cscart_", null, null, "Europe/Berlin").timezone()).isEqualTo("Europe/Berlin");
        assertThat(none.withLanguage("fr").language()).isEqualTo("fr");
        assertThatThrownBy(() -> new CsCartProperties("cscart_", null, null, "Mars/Olympus"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cscart.timezone");
    }
}
