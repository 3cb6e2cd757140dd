package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validated factories for Arbiter's leaf parameter spaces. Arbiter's own constructors accept
 * degenerate ranges and fail later, deep in commons-math; these fail at once with a message that
 * names the parameter, the rule, the bad value and the fix.
 *
 * <pre>{@code
 * ParameterSpace<Double> lr = Params.logUniform("learningRate", 1e-4, 1e-1);
 * ParameterSpace<Integer> batch = Params.powersOfTwo("batchSize", 16, 256);
 * ParameterSpace<String> opt = Params.choice("optimizer", List.of("adam", "sgd"));
 * }</pre>
 */
public final class Params {

    private Params() {
    }

    /**
     * A real value drawn uniformly from [{@code min}, {@code max}].
     *
     * @param name the hyperparameter's name, used in error messages
     * @param min  lower bound, finite
     * @param max  upper bound, finite and greater than {@code min}
     * @return Arbiter's continuous space
     */
    public static ParameterSpace<Double> uniform(String name, double min, double max) {
        checkRange(name, min, max);
        return new ContinuousParameterSpace(min, max);
    }

    /**
     * A real value whose logarithm is uniform on [log {@code min}, log {@code max}]: learning
     * rates, weight decay. Search strategies see it on the log scale.
     *
     * @param name the hyperparameter's name, used in error messages
     * @param min  lower bound, finite and &gt; 0
     * @param max  upper bound, finite and &gt; {@code min}
     * @return Arbiter's continuous space with a log-uniform distribution
     */
    public static ParameterSpace<Double> logUniform(String name, double min, double max) {
        checkRange(name, min, max);
        if (min <= 0) {
            throw new IllegalArgumentException(name + ": a log-scale range needs bounds > 0, got min=" + min
                    + " (max=" + max + "); use a positive lower bound such as " + (max / 1e3)
                    + " or Params.uniform for a linear range");
        }
        return new ContinuousParameterSpace(new LogUniformDistribution(min, max));
    }

    /**
     * An integer drawn uniformly from [{@code min}, {@code max}], both included.
     *
     * @param name the hyperparameter's name, used in error messages
     * @param min  lower bound
     * @param max  upper bound, &ge; {@code min}
     * @return Arbiter's integer space
     */
    public static ParameterSpace<Integer> integer(String name, int min, int max) {
        Objects.requireNonNull(name, "name");
        if (min > max) {
            throw new IllegalArgumentException(name + ": min must be <= max, got min=" + min + ", max=" + max
                    + "; swap the bounds");
        }
        return new IntegerParameterSpace(min, max);
    }

    /**
     * A power of two in [{@code min}, {@code max}] (batch sizes, widths), each equally likely.
     *
     * @param name the hyperparameter's name, used in error messages
     * @param min  smallest value, a power of two &ge; 1
     * @param max  largest value, a power of two &ge; {@code min}
     * @return a categorical space over min, 2·min, …, max
     */
    public static ParameterSpace<Integer> powersOfTwo(String name, int min, int max) {
        Objects.requireNonNull(name, "name");
        for (int bound : new int[] {min, max}) {
            if (bound < 1 || Integer.bitCount(bound) != 1) {
                throw new IllegalArgumentException(name + ": bounds must be powers of two >= 1, got " + bound
                        + " (min=" + min + ", max=" + max + "); use e.g. " + Integer.highestOneBit(Math.max(1, bound)));
            }
        }
        if (min > max) {
            throw new IllegalArgumentException(name + ": min must be <= max, got min=" + min + ", max=" + max
                    + "; swap the bounds");
        }
        List<Integer> values = new ArrayList<>();
        for (int v = min; v <= max && v > 0; v *= 2) {
            values.add(v);
        }
        return new DiscreteParameterSpace<>(values);
    }

    /**
     * One of {@code values}, each equally likely.
     *
     * @param name   the hyperparameter's name, used in error messages
     * @param values the choices, at least one, none null
     * @param <T>    the value type
     * @return Arbiter's discrete space
     */
    public static <T> ParameterSpace<T> choice(String name, List<T> values) {
        Objects.requireNonNull(name, "name");
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + ": a choice needs at least one value, got an empty list;"
                    + " list the values to try, or fix the value with FixedValue");
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(name + ": choices must not be null, got " + values);
        }
        return new DiscreteParameterSpace<>(List.copyOf(values));
    }

    /**
     * One of {@code values}, each equally likely.
     *
     * @param name   the hyperparameter's name
     * @param values the choices
     * @param <T>    the value type
     * @return Arbiter's discrete space
     */
    @SafeVarargs
    public static <T> ParameterSpace<T> choice(String name, T... values) {
        List<T> list = new ArrayList<>();
        if (values != null) {
            for (T v : values) {
                list.add(v);
            }
        }
        return choice(name, list);
    }

    private static void checkRange(String name, double min, double max) {
        Objects.requireNonNull(name, "name");
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(name + ": bounds must be finite, got min=" + min + ", max=" + max);
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(name + ": min must be < max, got min=" + min + ", max=" + max
                    + (min > max ? "; swap the bounds" : "; use FixedValue for a constant"));
        }
    }
}
