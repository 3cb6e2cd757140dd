package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Power scheduling {@code η0 / (1 + t/s)^c}: fast at first, then ever slower (Géron, "Hands-On
 * Machine Learning", ch. 11; {@code c = 1} is Keras' inverse-time decay).
 *
 * <pre>{@code
 * ISchedule lr = PowerDecay.of(ScheduleType.ITERATION, 0.01, 1_000);   // c = 1
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class PowerDecay implements ISchedule {

    private static final long serialVersionUID = 1L;

    /** Default power c = 1 (Géron's usual choice; Keras' {@code InverseTimeDecay}). */
    public static final double DEFAULT_POWER = 1.0;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("decaySteps")
    private final double decaySteps;
    @JsonProperty("power")
    private final double power;

    @JsonCreator
    private PowerDecay(@JsonProperty("scheduleType") ScheduleType scheduleType,
                       @JsonProperty("initialValue") double initialValue,
                       @JsonProperty("decaySteps") double decaySteps,
                       @JsonProperty("power") double power) {
        this.scheduleType = Objects.requireNonNull(scheduleType, "scheduleType");
        this.initialValue = Args.positive("initialValue", initialValue, "pass the starting learning rate, e.g. 0.01");
        this.decaySteps = Args.positive("decaySteps", decaySteps, "pass s, the steps after which the rate has halved (c = 1)");
        this.power = Args.positive("power", power, "use c = 1 (inverse-time decay)");
    }

    /** @return {@code η0 / (1 + t/s)} with the {@link #DEFAULT_POWER} */
    public static PowerDecay of(ScheduleType type, double initialValue, double decaySteps) {
        return new PowerDecay(type, initialValue, decaySteps, DEFAULT_POWER);
    }

    /** @return a copy with power {@code c} */
    public PowerDecay withPower(double power) {
        return new PowerDecay(scheduleType, initialValue, decaySteps, power);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return initialValue / Math.pow(1 + Check.time(scheduleType, iteration, epoch) / decaySteps, power);
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PowerDecay p && p.scheduleType == scheduleType && p.initialValue == initialValue
                && p.decaySteps == decaySteps && p.power == power;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, decaySteps, power);
    }

    @Override
    public String toString() {
        return "PowerDecay(" + scheduleType + ", initialValue=" + initialValue + ", decaySteps=" + decaySteps
                + ", power=" + power + ")";
    }
}
