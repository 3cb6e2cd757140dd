package io.github.dl4jrecipes.core.data.internal;

import java.util.Locale;
import java.util.Set;

/** Strict parsing of CSV number tokens: plain decimals, with exponent; no hex, no type suffixes. */
public final class Numbers {

    /** Spellings of NaN and infinity that CSV writers (Java, R, NumPy, Excel) produce, lower-cased. */
    private static final Set<String> NON_FINITE = Set.of("nan", "-nan", "inf", "+inf", "-inf", "infinity",
            "+infinity", "-infinity", "#num!", "#div/0!");

    private Numbers() {
    }

    /**
     * Whether {@code token} is a finite decimal number: {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}
     * with ASCII digits, matched by hand (a regular expression cost more than parsing on big tables).
     */
    public static boolean isDecimal(String token) {
        int n = token.length();
        int i = sign(token, 0);
        int whole = digits(token, i);
        i += whole;
        int fraction = 0;
        if (i < n && token.charAt(i) == '.') {
            fraction = digits(token, i + 1);
            i += 1 + fraction;
        }
        if (whole == 0 && fraction == 0) {
            return false;
        }
        if (i < n && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
            i = sign(token, i + 1);
            int exponent = digits(token, i);
            if (exponent == 0) {
                return false;
            }
            i += exponent;
        }
        return i == n;
    }

    /** The index after an optional sign at {@code i}. */
    private static int sign(String token, int i) {
        return i < token.length() && (token.charAt(i) == '+' || token.charAt(i) == '-') ? i + 1 : i;
    }

    /** How many ASCII digits start at {@code i}. */
    private static int digits(String token, int i) {
        int j = i;
        while (j < token.length() && token.charAt(j) >= '0' && token.charAt(j) <= '9') {
            j++;
        }
        return j - i;
    }

    /** Whether {@code token} spells NaN or an infinity. */
    public static boolean isNonFinite(String token) {
        return NON_FINITE.contains(token.toLowerCase(Locale.ROOT));
    }

    /** The value of a token for which {@link #isDecimal} holds. */
    public static double parse(String token) {
        return Double.parseDouble(token);
    }
}
