package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Exponential decay {@code η0 · 0.1^(t / s)}: the learning rate falls tenfold every {@code s}
 * steps, smoothly (Géron, "Hands-On Machine Learning", ch. 11).
 *
 * <pre>{@code
 * ISchedule lr = ExponentialDecay.of(ScheduleType.ITERATION, 0.01, 20_000);
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class ExponentialDecay implements ISchedule {

    private static final long serialVersionUID = 1L;

    private static final double TENFOLD = 0.1;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("decaySteps")
    private final double decaySteps;

    @JsonCreator
    private ExponentialDecay(@JsonProperty("scheduleType") ScheduleType scheduleType,
                             @JsonProperty("initialValue") double initialValue,
                             @JsonProperty("decaySteps") double decaySteps) {
        this.scheduleType = Objects.requireNonNull(scheduleType, "scheduleType");
        this.initialValue = Args.positive("initialValue", initialValue, "pass the starting learning rate, e.g. 0.01");
        this.decaySteps = Args.positive("decaySteps", decaySteps, "pass the number of steps over which the rate falls tenfold");
    }

    /**
     * @param type         iteration or epoch based
     * @param initialValue η0
     * @param decaySteps   s: steps for a tenfold drop
     * @return the schedule
     */
    public static ExponentialDecay of(ScheduleType type, double initialValue, double decaySteps) {
        return new ExponentialDecay(type, initialValue, decaySteps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return initialValue * Math.pow(TENFOLD, Check.time(scheduleType, iteration, epoch) / decaySteps);
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExponentialDecay e && e.scheduleType == scheduleType && e.initialValue == initialValue
                && e.decaySteps == decaySteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, decaySteps);
    }

    @Override
    public String toString() {
        return "ExponentialDecay(" + scheduleType + ", initialValue=" + initialValue + ", decaySteps=" + decaySteps + ")";
    }
}
