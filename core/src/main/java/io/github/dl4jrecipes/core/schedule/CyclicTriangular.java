package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Cyclical learning rate, triangular policy (Smith, 2017, "Cyclical learning rates for training
 * neural networks"): linear from {@code baseLr} up to {@code maxLr} over {@code stepSize}
 * iterations and back down, repeated. With {@code cycle = floor(1 + t/(2s))} and
 * {@code x = |t/s − 2·cycle + 1|}: {@code lr = base + (max − base) · max(0, 1 − x)}.
 *
 * <pre>{@code
 * ISchedule lr = CyclicTriangular.of(1e-4, 1e-2, 2 * batchesPerEpoch);  // Smith: step = 2-10 epochs
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class CyclicTriangular implements ISchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("baseLr")
    private final double baseLr;
    @JsonProperty("maxLr")
    private final double maxLr;
    @JsonProperty("stepSize")
    private final int stepSize;

    @JsonCreator
    private CyclicTriangular(@JsonProperty("baseLr") double baseLr, @JsonProperty("maxLr") double maxLr,
                             @JsonProperty("stepSize") int stepSize) {
        this.baseLr = Args.positive("baseLr", baseLr, "use about maxLr / 4 to maxLr / 10 (Smith, 2017)");
        this.maxLr = Args.positive("maxLr", maxLr, "use LrFinder's suggestion");
        if (maxLr <= baseLr) {
            throw new IllegalArgumentException("maxLr must exceed baseLr, got baseLr=" + baseLr + ", maxLr=" + maxLr
                    + "; swap them or widen the range");
        }
        this.stepSize = Args.atLeast("stepSize", stepSize, 1, "use 2 to 10 epochs' worth of iterations (Smith, 2017)");
    }

    /** @return the triangular policy between {@code baseLr} and {@code maxLr}, half-cycle {@code stepSize} iterations */
    public static CyclicTriangular of(double baseLr, double maxLr, int stepSize) {
        return new CyclicTriangular(baseLr, maxLr, stepSize);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double cycle = Math.floor(1 + iteration / (2.0 * stepSize));
        double x = Math.abs((double) iteration / stepSize - 2 * cycle + 1);
        return baseLr + (maxLr - baseLr) * Math.max(0, 1 - x);
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CyclicTriangular c && c.baseLr == baseLr && c.maxLr == maxLr && c.stepSize == stepSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseLr, maxLr, stepSize);
    }

    @Override
    public String toString() {
        return "CyclicTriangular(baseLr=" + baseLr + ", maxLr=" + maxLr + ", stepSize=" + stepSize + ")";
    }
}
