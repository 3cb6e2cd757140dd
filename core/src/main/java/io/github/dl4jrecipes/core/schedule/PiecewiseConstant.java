package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Objects;

/**
 * Piecewise constant schedule (Keras' {@code PiecewiseConstantDecay}): {@code values[0]} before
 * {@code boundaries[0]}, {@code values[i]} from {@code boundaries[i-1]} (inclusive) to
 * {@code boundaries[i]}, and the last value after the last boundary.
 *
 * <pre>{@code
 * // 0.1 for epochs 0-29, 0.01 for 30-59, 0.001 afterwards (ResNet's schedule)
 * ISchedule lr = PiecewiseConstant.of(ScheduleType.EPOCH, new int[]{30, 60}, new double[]{0.1, 0.01, 0.001});
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class PiecewiseConstant implements ISchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("boundaries")
    private final int[] boundaries;
    @JsonProperty("values")
    private final double[] values;

    @JsonCreator
    private PiecewiseConstant(@JsonProperty("scheduleType") ScheduleType scheduleType,
                              @JsonProperty("boundaries") int[] boundaries,
                              @JsonProperty("values") double[] values) {
        this.scheduleType = Objects.requireNonNull(scheduleType, "scheduleType");
        Objects.requireNonNull(boundaries, "boundaries");
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("values is empty: a piecewise schedule needs at least one value; "
                    + "pass e.g. values {0.1} (constant) or {0.1, 0.01} with one boundary");
        }
        if (values.length != boundaries.length + 1) {
            throw new IllegalArgumentException("values must hold one more entry than boundaries: got "
                    + values.length + " values for " + boundaries.length + " boundaries " + Arrays.toString(boundaries)
                    + "; add or remove a value so that each interval has one");
        }
        for (int i = 0; i < boundaries.length; i++) {
            if (boundaries[i] < 0 || (i > 0 && boundaries[i] <= boundaries[i - 1])) {
                throw new IllegalArgumentException("boundaries must be non-negative and strictly increasing, got "
                        + Arrays.toString(boundaries) + " (position " + i + "); sort them and remove duplicates");
            }
        }
        for (int i = 0; i < values.length; i++) {
            Args.positive("values[" + i + "]", values[i], "every learning rate must be positive");
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    /**
     * @param type       whether boundaries count iterations or epochs
     * @param boundaries strictly increasing change points
     * @param values     one value per interval: {@code boundaries.length + 1} positive numbers
     * @return the schedule
     */
    public static PiecewiseConstant of(ScheduleType type, int[] boundaries, double[] values) {
        return new PiecewiseConstant(type, boundaries, values);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int t = Check.time(scheduleType, iteration, epoch);
        int interval = 0;
        while (interval < boundaries.length && t >= boundaries[interval]) {
            interval++;
        }
        return values[interval];
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PiecewiseConstant p && p.scheduleType == scheduleType
                && Arrays.equals(p.boundaries, boundaries) && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, Arrays.hashCode(boundaries), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "PiecewiseConstant(" + scheduleType + ", boundaries=" + Arrays.toString(boundaries)
                + ", values=" + Arrays.toString(values) + ")";
    }
}
