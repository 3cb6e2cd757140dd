package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * The momentum half of 1cycle: cosine from {@code high} to {@code low} over the first
 * {@code pctStart} of training, then back to {@code high} (fastai's {@code moms=(0.95,0.85,0.95)}).
 * Usable as Nesterov's momentum schedule or as {@link ScheduledAdam}'s β1 schedule.
 *
 * <pre>{@code
 * ISchedule mom = OneCycle.maxLr(1e-2).withTotalIterations(1000).momentum();
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class OneCycleMomentum implements ISchedule {

    private static final long serialVersionUID = 1L;

    /** Momentum at the start and the end: 0.95 (fastai's {@code moms[0]}; Smith, 2018). */
    public static final double DEFAULT_HIGH = 0.95;
    /** Momentum at the LR peak: 0.85 (fastai's {@code moms[1]}; Smith, 2018). */
    public static final double DEFAULT_LOW = 0.85;

    @JsonProperty("high")
    private final double high;
    @JsonProperty("low")
    private final double low;
    @JsonProperty("totalIterations")
    private final int totalIterations;
    @JsonProperty("pctStart")
    private final double pctStart;

    /** A shape without a length: only usable inside {@link OneCycle}. */
    OneCycleMomentum(double high, double low) {
        this(high, low, 0, OneCycle.DEFAULT_PCT_START);
    }

    @JsonCreator
    private OneCycleMomentum(@JsonProperty("high") double high, @JsonProperty("low") double low,
                             @JsonProperty("totalIterations") int totalIterations,
                             @JsonProperty("pctStart") double pctStart) {
        this.high = Check.momentum("high", high);
        this.low = Check.momentum("low", low);
        if (low > high) {
            throw new IllegalArgumentException("low momentum must not exceed high, got high=" + high + ", low=" + low
                    + "; use high " + DEFAULT_HIGH + " and low " + DEFAULT_LOW);
        }
        this.totalIterations = Args.atLeast("totalIterations", totalIterations, 0, "pass epochs × batches per epoch");
        this.pctStart = Args.openUnit("pctStart", pctStart, "use " + OneCycle.DEFAULT_PCT_START);
    }

    static OneCycleMomentum defaults() {
        return new OneCycleMomentum(DEFAULT_HIGH, DEFAULT_LOW);
    }

    OneCycleMomentum over(int totalIterations, double pctStart) {
        return new OneCycleMomentum(high, low, totalIterations, pctStart);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (totalIterations == 0) {
            throw new IllegalStateException("this momentum schedule has no length; obtain it from "
                    + "OneCycle.withTotalIterations(n).momentum()");
        }
        return Check.cycle(high, low, high, pctStart, iteration, totalIterations);
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneCycleMomentum m && m.high == high && m.low == low
                && m.totalIterations == totalIterations && m.pctStart == pctStart;
    }

    @Override
    public int hashCode() {
        return Objects.hash(high, low, totalIterations, pctStart);
    }

    @Override
    public String toString() {
        return "OneCycleMomentum(high=" + high + ", low=" + low + ", totalIterations=" + totalIterations
                + ", pctStart=" + pctStart + ")";
    }
}
