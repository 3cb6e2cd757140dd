package io.github.dl4jrecipes.tuning.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Numbers as people read them in the leaderboard's text, the report and the logs: four significant
 * digits, trailing zeros dropped, plain notation from 1e-4 to 1e6 and scientific outside
 * ({@code 0.3533}, {@code 27}, {@code 1.101e-6}). Files meant for programs (CSV, JSON) keep full precision.
 */
public final class Numbers {

    /** Significant digits shown: enough to rank trials, short enough to read (Optuna's dashboard shows 4–6). */
    public static final int DIGITS = 4;
    private static final double PLAIN_FROM = 1e-4;
    private static final double PLAIN_BELOW = 1e6;

    private Numbers() {
    }

    /**
     * @param v a number
     * @return it rounded to {@value #DIGITS} significant digits
     */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(DIGITS)).stripTrailingZeros();
        double abs = Math.abs(rounded.doubleValue());
        if (abs >= PLAIN_FROM && abs < PLAIN_BELOW) {
            return rounded.toPlainString();
        }
        String[] parts = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v).split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /**
     * @param text a hyperparameter's value as a trial records it
     * @return the value rounded as {@link #format} when it is a real number with more digits, else the text
     */
    public static String formatValue(String text) {
        if (text == null || !(text.contains(".") || text.contains("E") || text.contains("e"))) {
            return text;
        }
        try {
            return format(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
