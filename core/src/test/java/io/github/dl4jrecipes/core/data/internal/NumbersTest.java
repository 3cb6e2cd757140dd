package io.github.dl4jrecipes.core.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NumbersTest {

    /** The grammar of a decimal token as a regular expression: the independent route the hand matcher must agree with. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void isDecimalAcceptsExactlyTheDecimalGrammar() {
        List<String> tokens = List.of("0", "-1", "+2", "3.", ".5", "-.5", "1.25", "007", "1e5", "1E+5", "2.5e-3",
                ".5e1", "", "+", "-", ".", "+.", "e5", "1e", "1e+", "1.2.3", "1,5", " 1", "1 ", "0x1A", "1f", "1d",
                "NaN", "Infinity", "--1", "1e5.0", "١٢", "12a", "a12", "+-1", "1.e2", "1..2");
        for (String token : tokens) {
            assertEquals(DECIMAL.matcher(token).matches(), Numbers.isDecimal(token), "token '" + token + "'");
        }
    }
}
