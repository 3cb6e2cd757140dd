package io.github.dl4jrecipes.core.plot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a chart: a name for the legend and its points.
 *
 * @param name the legend entry
 * @param x    the x values
 * @param y    the y values, same length as {@code x}; NaN or infinite points are left out when
 *             drawn
 */
public record Curve(String name, double[] x, double[] y) {

    /** Validates the arguments and copies the arrays. */
    public Curve {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("Curve '" + name + "': x has " + x.length
                    + " values but y has " + y.length + "; pass one y per x.");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A copy of the x values. */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** A copy of the y values. */
    @Override
    public double[] y() {
        return y.clone();
    }

    /** This curve without the points whose y is NaN or infinite (or not positive, for log axes). */
    Curve drawable(boolean logY) {
        int[] keep = java.util.stream.IntStream.range(0, y.length)
                .filter(i -> Double.isFinite(y[i]) && (!logY || y[i] > 0))
                .toArray();
        return new Curve(name, Arrays.stream(keep).mapToDouble(i -> x[i]).toArray(),
                Arrays.stream(keep).mapToDouble(i -> y[i]).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && name.equals(c.name) && Arrays.equals(x, c.x)
                && Arrays.equals(y, c.y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        return "Curve[" + name + ", " + x.length + " points]";
    }
}
