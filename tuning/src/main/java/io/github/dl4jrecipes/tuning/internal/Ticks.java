package io.github.dl4jrecipes.tuning.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Tick values for an axis: "nice" steps of 1, 2 or 5 times a power of ten on a linear range (the
 * usual plotting rule, as in Heckbert's "Nice numbers for graph labels"), powers of ten on a log range
 * (with 2 and 5 times them when the range spans less than two decades).
 */
final class Ticks {

    /** About how many ticks a linear axis gets. */
    static final int TARGET = 5;

    private Ticks() {
    }

    /**
     * @param lo the range's lower end
     * @param hi its upper end, &ge; lo
     * @return multiples of a nice step inside [lo, hi]; lo alone when the range is empty
     */
    static List<Double> linear(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        if (!(hi > lo)) {
            ticks.add(lo);
            return ticks;
        }
        double step = niceStep((hi - lo) / (TARGET - 1));
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            ticks.add(clean(k * step));
        }
        return ticks;
    }

    /**
     * @param lo the range's lower end, &gt; 0
     * @param hi its upper end, &gt; lo
     * @return powers of ten in [lo, hi], with 2× and 5× when fewer than three fall inside
     */
    static List<Double> log(double lo, double hi) {
        List<Double> decades = new ArrayList<>();
        List<Double> fine = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = clean(m * Math.pow(10, e));
                if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                    fine.add(v);
                    if (m == 1) {
                        decades.add(v);
                    }
                }
            }
        }
        return decades.size() >= 3 || fine.size() < 2 ? decades : fine;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Removes the binary noise of k · step (0.30000000000000004 → 0.3). */
    private static double clean(double v) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
    }
}
