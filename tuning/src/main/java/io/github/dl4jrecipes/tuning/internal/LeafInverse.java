package io.github.dl4jrecipes.tuning.internal;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.BooleanSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The inverse of an Arbiter leaf's {@code getValue}: the unit coordinate at which a one-parameter
 * leaf yields a given value, found through the leaf's own {@code getValue} (Arbiter keeps its
 * distributions and choices private): the centre of a choice's bin, the centre of an integer's
 * bin, or the coordinate of a real value by bisection (real leaves are monotone inverse CDFs).
 */
final class LeafInverse {

    /** Bisection steps for a real value: 2^-60 of the unit interval, below a double's resolution there. */
    private static final int BISECTION_STEPS = 60;
    /** Relative slack when a real value is compared with its range's bounds (their text may be rounded). */
    private static final double BOUND_SLACK = 1e-9;
    /** Relative tolerance when telling a log-uniform range by its midpoint (the geometric mean of its bounds). */
    private static final double LOG_CHECK = 1e-6;

    private final ParameterSpace<?> leaf;
    private final int index;

    LeafInverse(ParameterSpace<?> leaf, int index) {
        this.leaf = leaf;
        this.index = index;
    }

    /** @return whether values of this leaf can be mapped back (choices, booleans, integers, reals) */
    boolean supported() {
        return leaf instanceof DiscreteParameterSpace<?> || leaf instanceof BooleanSpace
                || leaf instanceof IntegerParameterSpace || leaf instanceof ContinuousParameterSpace;
    }

    /**
     * @param value the value, or its text (as given on a command line)
     * @return the coordinate that yields exactly {@code value}, or empty when the leaf cannot
     */
    OptionalDouble exact(Object value) {
        if (leaf instanceof DiscreteParameterSpace<?> d) {
            return choice(d.numValues(), value);
        }
        if (leaf instanceof BooleanSpace) {
            return choice(2, value);
        }
        double v = number(value);
        if (Double.isNaN(v)) {
            return OptionalDouble.empty();
        }
        double lo = at(0);
        double hi = at(1);
        if (leaf instanceof IntegerParameterSpace) {
            if (v != Math.rint(v) || v < lo || v > hi) {
                return OptionalDouble.empty();
            }
            double x = (v - lo + 0.5) / (hi - lo + 1);
            return at(x) == v ? OptionalDouble.of(x) : OptionalDouble.empty();
        }
        double slack = BOUND_SLACK * Math.max(Math.abs(lo), Math.abs(hi));
        if (v < lo - slack || v > hi + slack) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(bisect(Math.max(lo, Math.min(hi, v))));
    }

    /**
     * @param value the value
     * @return the coordinate of {@code value} or of the nearest value the leaf yields (a range's
     *         bound, the numerically closest choice); NaN when nothing is near (an unknown choice)
     */
    double nearest(Object value) {
        OptionalDouble exact = exact(value);
        if (exact.isPresent()) {
            return exact.getAsDouble();
        }
        double v = number(value);
        if (Double.isNaN(v)) {
            return Double.NaN;
        }
        if (leaf instanceof DiscreteParameterSpace<?> d) {
            double best = Double.NaN;
            double distance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < d.numValues(); i++) {
                double x = (i + 0.5) / d.numValues();
                double choice = number(leaf.getValue(probe(x)));
                if (!Double.isNaN(choice) && Math.abs(choice - v) < distance) {
                    distance = Math.abs(choice - v);
                    best = x;
                }
            }
            return best;
        }
        if (leaf instanceof IntegerParameterSpace || leaf instanceof ContinuousParameterSpace) {
            return v < at(0) ? 0 : 1;
        }
        return Double.NaN;
    }

    /**
     * @param name the hyperparameter's name
     * @return its axis: a tick per choice, or range ticks placed where the leaf yields their values
     */
    Axis axis(String name) {
        int choices = leaf instanceof DiscreteParameterSpace<?> d ? d.numValues() : leaf instanceof BooleanSpace ? 2 : 0;
        List<Axis.Tick> ticks = new ArrayList<>();
        if (choices > 0) {
            for (int i = 0; i < choices; i++) {
                double x = (i + 0.5) / choices;
                ticks.add(new Axis.Tick(x, String.valueOf(leaf.getValue(probe(x)))));
            }
            return new Axis(name, true, false, ticks);
        }
        if (!supported()) {
            return unitAxis(name);
        }
        double lo = at(0);
        double hi = at(1);
        boolean log = leaf instanceof ContinuousParameterSpace && lo > 0
                && Math.abs(at(0.5) - Math.sqrt(lo * hi)) <= LOG_CHECK * hi;
        List<Double> values = log ? Ticks.log(lo, hi) : Ticks.linear(lo, hi);
        if (leaf instanceof IntegerParameterSpace) {
            values = values.stream().filter(v -> v == Math.rint(v)).toList();
        }
        for (double v : values) {
            exact(v).ifPresent(x -> ticks.add(new Axis.Tick(x, Numbers.format(v))));
        }
        return new Axis(name, false, log, ticks);
    }

    /** @return an axis over the unit coordinate itself, for leaves that cannot be read back */
    static Axis unitAxis(String name) {
        List<Axis.Tick> ticks = new ArrayList<>();
        for (double v : Ticks.linear(0, 1)) {
            ticks.add(new Axis.Tick(v, Numbers.format(v)));
        }
        return new Axis(name, false, false, ticks);
    }

    private OptionalDouble choice(int n, Object value) {
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) / n;
            if (same(leaf.getValue(probe(x)), value)) {
                return OptionalDouble.of(x);
            }
        }
        return OptionalDouble.empty();
    }

    private static boolean same(Object choice, Object value) {
        if (choice == null || value == null) {
            return false;
        }
        if (choice.equals(value)) {
            return true;
        }
        double a = number(choice);
        double b = number(value);
        if (!Double.isNaN(a) && !Double.isNaN(b)) {
            return a == b;
        }
        return String.valueOf(choice).toLowerCase(Locale.ROOT).equals(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    /** The smallest coordinate whose value reaches {@code v}. */
    private double bisect(double v) {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < BISECTION_STEPS; i++) {
            double mid = (lo + hi) / 2;
            if (at(mid) < v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    private double at(double x) {
        return ((Number) leaf.getValue(probe(x))).doubleValue();
    }

    private double[] probe(double x) {
        double[] point = new double[index + 1];
        point[index] = x;
        return point;
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
