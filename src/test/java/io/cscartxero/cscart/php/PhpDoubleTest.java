package io.cscartxero.cscart.php;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** A PHP float's exact decimal: finite literals as written, INF, NAN and what a double cannot hold as none. */
class PhpDoubleTest {

    @Test
    void finiteLiteralsAreExactWhateverTheirForm() {
        assertThat(new PhpDouble("14.359999999999999").asDecimal()).isEqualTo(new BigDecimal("14.359999999999999"));
        assertThat(new PhpDouble("-0.5").asDecimal()).isEqualTo(new BigDecimal("-0.5"));
        assertThat(new PhpDouble("1.5E+3").asDecimal()).isEqualByComparingTo("1500");
        assertThat(new PhpDouble("1.0E-7").asDecimal()).isEqualByComparingTo("0.0000001");
        assertThat(new PhpDouble("9".repeat(299)).asDecimal()).isEqualTo(new BigDecimal("9".repeat(299)));
    }

    @Test
    void whatADoubleCannotHoldHasNoDecimal() {
        assertThat(new PhpDouble("INF").asDecimal()).isNull();
        assertThat(new PhpDouble("-INF").asDecimal()).isNull();
        assertThat(new PhpDouble("NAN").asDecimal()).isNull();
        assertThat(new PhpDouble("1e999").asDecimal()).isNull();     // PHP reads it as INF
        assertThat(new PhpDouble("9".repeat(320)).asDecimal()).isNull(); // no exponent, still beyond a double
        assertThat(new PhpDouble("9".repeat(300) + ".5").asDecimal()).isEqualTo(new BigDecimal("9".repeat(300) + ".5"));
    }
}
