package io.cscartxero.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The calculator's small arithmetic helpers on their own: {@code hundredth} (documented as the number
 * {@code value.divide(100, DECIMAL128)} gives, exact up to 34 digits, DECIMAL128's half-even beyond), {@code clamp}
 * (the tax cents Xero accepts on a line), {@code percent} (rates in messages), {@code allocate} (cents by largest
 * remainder) and {@code truncate} (Xero's 4000-character descriptions).
 */
class InvoiceCalculatorArithmeticTest {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private static BigDecimal bd(String s) {
        return new BigDecimal(s);
    }

    private static BigDecimal divided(BigDecimal value) {
        return value.divide(HUNDRED, MathContext.DECIMAL128);
    }

    // ---- hundredth

    @Test
    void hundredthOfZeroIsZero() {
        assertThat(InvoiceCalculator.hundredth(BigDecimal.ZERO)).isEqualByComparingTo("0");
        assertThat(InvoiceCalculator.hundredth(bd("0.000"))).isEqualByComparingTo("0");
        assertThat(InvoiceCalculator.hundredth(bd("0E+5")).signum()).isZero();
    }

    @Test
    void hundredthIsExactForAmountsAndRates() {
        assertThat(InvoiceCalculator.hundredth(bd("12345"))).isEqualByComparingTo("123.45");
        assertThat(InvoiceCalculator.hundredth(bd("1"))).isEqualByComparingTo("0.01");
        assertThat(InvoiceCalculator.hundredth(bd("10.000"))).isEqualByComparingTo("0.1");
        assertThat(InvoiceCalculator.hundredth(bd("8.875"))).isEqualByComparingTo("0.08875");
        assertThat(InvoiceCalculator.hundredth(bd("1E+3"))).isEqualByComparingTo("10");
        // values with more decimals than any amount: nothing is rounded away
        assertThat(InvoiceCalculator.hundredth(bd("1.23456789"))).isEqualByComparingTo("0.0123456789");
        assertThat(InvoiceCalculator.hundredth(bd("0.1234567890123456789012345678901234")))
                .isEqualByComparingTo("0.001234567890123456789012345678901234");
    }

    @Test
    void hundredthKeepsExactHalvesAndSigns() {
        // a half cent stays a half: hundredth divides, it does not round to cents
        assertThat(InvoiceCalculator.hundredth(bd("0.5"))).isEqualByComparingTo("0.005");
        assertThat(InvoiceCalculator.hundredth(bd("250.5"))).isEqualByComparingTo("2.505");
        assertThat(InvoiceCalculator.hundredth(bd("-0.5"))).isEqualByComparingTo("-0.005");
        assertThat(InvoiceCalculator.hundredth(bd("-250"))).isEqualByComparingTo("-2.5");
        assertThat(InvoiceCalculator.hundredth(bd("-8.875"))).isEqualByComparingTo("-0.08875");
    }

    @Test
    void hundredthOfLargeAmounts() {
        // Xero's largest line, 9,999,999,999.99, in cents times a rate
        assertThat(InvoiceCalculator.hundredth(bd("999999999999").multiply(bd("11.596875"))))
                .isEqualByComparingTo("115968749999.884031250");
        // 34 digits: still exact
        BigDecimal digits34 = bd("1234567890123456789012345678901234");
        assertThat(InvoiceCalculator.hundredth(digits34)).isEqualByComparingTo("12345678901234567890123456789012.34");
        // 35 digits: DECIMAL128 rounds to 34, half-even as the division does (half-up would give …123.5)
        assertThat(InvoiceCalculator.hundredth(bd("12345678901234567890123456789012345")))
                .isEqualByComparingTo("123456789012345678901234567890123.4");
        assertThat(InvoiceCalculator.hundredth(bd("12345678901234567890123456789012335")))
                .isEqualByComparingTo("123456789012345678901234567890123.4");
        assertThat(InvoiceCalculator.hundredth(bd("-12345678901234567890123456789012355")))
                .isEqualByComparingTo("-123456789012345678901234567890123.6");
    }

    @Test
    void hundredthIsTheNumberTheDecimal128DivisionGives() {
        Random random = new Random(0x100L);
        int exact = 0;
        int rounded = 0;
        for (int n = 0; n < 20_000; n++) {
            int digits = 1 + random.nextInt(n % 4 == 0 ? 60 : 36);
            BigInteger unscaled = new BigInteger(digits * 4, random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            BigDecimal value = new BigDecimal(unscaled, random.nextInt(41) - 10);
            BigDecimal hundredth = InvoiceCalculator.hundredth(value);
            assertThat(hundredth).as("%s", value).isEqualByComparingTo(divided(value));
            if (value.precision() <= 34) {
                assertThat(hundredth.multiply(HUNDRED)).as("%s", value).isEqualByComparingTo(value);
                exact++;
            } else {
                rounded++;
            }
        }
        assertThat(exact).isGreaterThan(10_000);
        assertThat(rounded).isGreaterThan(1_000);
    }

    // ---- clamp

    @Test
    void clampKeepsATaxBetweenZeroAndItsLine() {
        assertThat(InvoiceCalculator.clamp(200, 500)).isEqualTo(200);
        assertThat(InvoiceCalculator.clamp(500, 500)).isEqualTo(500);
        assertThat(InvoiceCalculator.clamp(600, 500)).isEqualTo(500);
        assertThat(InvoiceCalculator.clamp(-3, 500)).isZero();
        // a discount line: its tax is negative and no larger than the line
        assertThat(InvoiceCalculator.clamp(-200, -500)).isEqualTo(-200);
        assertThat(InvoiceCalculator.clamp(-600, -500)).isEqualTo(-500);
        assertThat(InvoiceCalculator.clamp(3, -500)).isZero();
        // a zero line carries no tax
        assertThat(InvoiceCalculator.clamp(7, 0)).isZero();
        assertThat(InvoiceCalculator.clamp(-7, 0)).isZero();
        assertThat(InvoiceCalculator.clamp(Long.MAX_VALUE / 4, 999_999_999_999L)).isEqualTo(999_999_999_999L);
    }

    // ---- percent

    @Test
    void percentIsHalfUpToFourDecimalsWithoutTrailingZeros() {
        assertThat(InvoiceCalculator.percent(bd("8.875"))).isEqualTo("8.875 %");
        assertThat(InvoiceCalculator.percent(bd("10.000"))).isEqualTo("10 %");
        assertThat(InvoiceCalculator.percent(bd("1E+1"))).isEqualTo("10 %");
        assertThat(InvoiceCalculator.percent(bd("0"))).isEqualTo("0 %");
        assertThat(InvoiceCalculator.percent(bd("11.596875"))).isEqualTo("11.5969 %");
        assertThat(InvoiceCalculator.percent(bd("12.00005"))).isEqualTo("12.0001 %");
        assertThat(InvoiceCalculator.percent(bd("12.00004999"))).isEqualTo("12 %");
        assertThat(InvoiceCalculator.percent(bd("-2.50005"))).isEqualTo("-2.5001 %");
    }

    // ---- allocate

    private static LinkedHashMap<String, BigDecimal> weights(String... keysAndWeights) {
        LinkedHashMap<String, BigDecimal> weights = new LinkedHashMap<>();
        for (int k = 0; k < keysAndWeights.length; k += 2) {
            weights.put(keysAndWeights[k], bd(keysAndWeights[k + 1]));
        }
        return weights;
    }

    @Test
    void allocateGivesTheCentsToTheLargestRemaindersAndKeepsTheSign() {
        assertThat(InvoiceCalculator.allocate(bd("0.01"), weights("a", "1", "b", "2")))
                .containsExactly(Map.entry("a", bd("0.00")), Map.entry("b", bd("0.01")));
        assertThat(InvoiceCalculator.allocate(bd("10.00"), weights("a", "1", "b", "0", "c", "3")))
                .containsExactly(Map.entry("a", bd("2.50")), Map.entry("b", bd("0.00")), Map.entry("c", bd("7.50")));
        assertThat(InvoiceCalculator.allocate(bd("-0.02"), weights("a", "1", "b", "1", "c", "1")))
                .containsExactly(Map.entry("a", bd("-0.01")), Map.entry("b", bd("-0.01")), Map.entry("c", bd("0.00")));
        assertThat(InvoiceCalculator.allocate(bd("0"), weights("a", "5", "b", "7")).values())
                .allSatisfy(share -> assertThat(share).isEqualByComparingTo("0"));
    }

    @Test
    void allocatedCentsAlwaysAddUpToTheAmountWithinOneCentOfTheExactShare() {
        Random random = new Random(0xA110CL);
        for (int n = 0; n < 2_000; n++) {
            LinkedHashMap<String, BigDecimal> weights = new LinkedHashMap<>();
            int parts = 1 + random.nextInt(6);
            for (int k = 0; k < parts; k++) {
                weights.put("g" + k, BigDecimal.valueOf(random.nextInt(1_000_000), 2 + random.nextInt(3)));
            }
            weights.put("last", BigDecimal.valueOf(1 + random.nextInt(100_000), 2)); // the sum is above 0
            BigDecimal amount = BigDecimal.valueOf(random.nextLong(-10_000_000_00L, 10_000_000_00L), 2);
            BigDecimal total = weights.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Map<String, BigDecimal> shares = InvoiceCalculator.allocate(amount, weights);
            assertThat(shares.keySet()).containsExactlyElementsOf(weights.keySet());
            assertThat(shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(amount);
            shares.forEach((key, share) -> {
                assertThat(share.scale()).isEqualTo(2);
                assertThat(share.signum() * amount.signum()).isGreaterThanOrEqualTo(0);
                BigDecimal exactShare = amount.multiply(weights.get(key)).divide(total, MathContext.DECIMAL128);
                assertThat(share.subtract(exactShare).abs()).as("%s of %s by %s", key, amount, weights)
                        .isLessThan(bd("0.01"));
            });
        }
    }

    // ---- truncate

    @Test
    void truncateCutsAt4000CharactersNeverInASurrogatePair() {
        String fits = "x".repeat(4000);
        assertThat(InvoiceCalculator.truncate(fits)).isSameAs(fits);
        assertThat(InvoiceCalculator.truncate("x".repeat(4001))).hasSize(4000);
        String pairAcross = "x".repeat(3999) + "😀" + "tail"; // the emoji's high surrogate is character 4000
        assertThat(InvoiceCalculator.truncate(pairAcross)).isEqualTo("x".repeat(3999));
        String pairBefore = "x".repeat(3998) + "😀" + "tail";
        assertThat(InvoiceCalculator.truncate(pairBefore)).isEqualTo("x".repeat(3998) + "😀");
        assertThat(InvoiceCalculator.truncate("")).isEmpty();
    }
}
