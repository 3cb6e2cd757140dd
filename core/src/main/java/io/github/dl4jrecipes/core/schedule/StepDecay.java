package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Step decay: {@code η0 · γ^floor(t / step)}.
 *
 * <pre>{@code
 * ISchedule lr = StepDecay.of(ScheduleType.EPOCH, 0.1, 30);   // ×0.1 every 30 epochs
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class StepDecay implements ISchedule {

    private static final long serialVersionUID = 1L;

    /** Default factor γ = 0.1: the "divide by ten" of He et al. (2016) and Krizhevsky et al. (2012). */
    public static final double DEFAULT_GAMMA = 0.1;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("gamma")
    private final double gamma;
    @JsonProperty("step")
    private final int step;

    @JsonCreator
    private StepDecay(@JsonProperty("scheduleType") ScheduleType scheduleType,
                      @JsonProperty("initialValue") double initialValue,
                      @JsonProperty("gamma") double gamma,
                      @JsonProperty("step") int step) {
        this.scheduleType = Objects.requireNonNull(scheduleType, "scheduleType");
        this.initialValue = Args.positive("initialValue", initialValue, "pass the starting learning rate, e.g. 0.1");
        this.gamma = Args.positive("gamma", gamma, "use a factor such as 0.1 or 0.5");
        this.step = Args.atLeast("step", step, 1, "pass how many iterations/epochs each level lasts");
    }

    /**
     * @return a schedule that multiplies {@code initialValue} by {@link #DEFAULT_GAMMA} every {@code step}
     */
    public static StepDecay of(ScheduleType type, double initialValue, int step) {
        return new StepDecay(type, initialValue, DEFAULT_GAMMA, step);
    }

    /** @return a copy with decay factor {@code gamma} */
    public StepDecay withGamma(double gamma) {
        return new StepDecay(scheduleType, initialValue, gamma, step);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return initialValue * Math.pow(gamma, Math.floorDiv(Check.time(scheduleType, iteration, epoch), step));
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepDecay s && s.scheduleType == scheduleType && s.initialValue == initialValue
                && s.gamma == gamma && s.step == step;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, gamma, step);
    }

    @Override
    public String toString() {
        return "StepDecay(" + scheduleType + ", initialValue=" + initialValue + ", gamma=" + gamma + ", step=" + step + ")";
    }
}
