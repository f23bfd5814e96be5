package io.cscartxero.cscart.php;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written number checks accept exactly what the regular expressions they replaced accepted. */
class PhpNumbersTest {

    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|-?INF|NAN");
    private static final Pattern NUMERIC =
            Pattern.compile("[ \\t\\n\\r\\x0B\\f]*[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?[ \\t\\n\\r\\x0B\\f]*");

    @Test
    void acceptsWhatTheRegularExpressionsAccepted() {
        List<String> cases = new ArrayList<>(List.of("", "0", "-0", "+1", "1.", ".5", ".", "+.", "-.5", "1.5e3", "1.5E+3",
                "1e-3", "1e", "1e+", "e5", "INF", "-INF", "+INF", "NAN", "-NAN", "nan", "14.359999999999999", " 1", "1 ",
                "\t1.0\n", "1 2", "١", "1\u00a0", "\u000b7\f", "--1", "1..2", "0x1A", "12abc", " ", "+", "-"));
        String alphabet = "0123456789+-.eE INFA\t\u000b\u00a0x";
        Random random = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int len = random.nextInt(8); len > 0; len--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(s.toString());
        }
        int accepted = 0;
        for (String s : cases) {
            assertThat(PhpNumbers.isFloatLiteral(s)).as("float literal \"%s\"", s).isEqualTo(FLOAT.matcher(s).matches());
            assertThat(PhpNumbers.isNumericString(s)).as("numeric string \"%s\"", s).isEqualTo(NUMERIC.matcher(s).matches());
            accepted += NUMERIC.matcher(s).matches() ? 1 : 0;
        }
        assertThat(accepted).as("the random cases include numbers").isGreaterThan(5_000);
    }
}
