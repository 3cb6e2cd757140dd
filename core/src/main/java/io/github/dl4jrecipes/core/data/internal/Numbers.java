package io.github.dl4jrecipes.core.data.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Strict parsing of CSV number tokens: plain decimals, with exponent; no hex, no type suffixes. */
public final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Spellings of NaN and infinity that CSV writers (Java, R, NumPy, Excel) produce, lower-cased. */
    private static final Set<String> NON_FINITE = Set.of("nan", "-nan", "inf", "+inf", "-inf", "infinity",
            "+infinity", "-infinity", "#num!", "#div/0!");

    private Numbers() {
    }

    /** Whether {@code token} is a finite decimal number. */
    public static boolean isDecimal(String token) {
        return DECIMAL.matcher(token).matches();
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
