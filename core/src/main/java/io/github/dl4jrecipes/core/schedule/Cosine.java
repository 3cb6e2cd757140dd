package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Cosine annealing (Loshchilov &amp; Hutter, 2017, SGDR, without restarts) with an optional
 * linear warm-up (Goyal et al., 2017). Iteration based:
 * <ul>
 *   <li>{@code t < w}: {@code maxLr · t / w} (linear warm-up, as Hugging Face's
 *       {@code get_cosine_schedule_with_warmup});</li>
 *   <li>{@code w ≤ t < T}: {@code minLr + (maxLr − minLr) · (1 + cos(π (t − w)/(T − w))) / 2};</li>
 *   <li>{@code t ≥ T}: {@code minLr}.</li>
 * </ul>
 *
 * <pre>{@code
 * ISchedule lr = Cosine.annealing(0.1, 10_000);                 // no warm-up
 * ISchedule warm = Cosine.withWarmup(0.1, 500, 10_000);          // large batches
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class Cosine implements ISchedule {

    private static final long serialVersionUID = 1L;

    @JsonProperty("maxLr")
    private final double maxLr;
    @JsonProperty("minLr")
    private final double minLr;
    @JsonProperty("warmupIterations")
    private final int warmupIterations;
    @JsonProperty("totalIterations")
    private final int totalIterations;

    @JsonCreator
    private Cosine(@JsonProperty("maxLr") double maxLr, @JsonProperty("minLr") double minLr,
                   @JsonProperty("warmupIterations") int warmupIterations,
                   @JsonProperty("totalIterations") int totalIterations) {
        this.maxLr = Args.positive("maxLr", maxLr, "pass the peak learning rate, e.g. from LrFinder");
        if (!(minLr >= 0 && minLr < maxLr)) {
            throw new IllegalArgumentException("minLr must be in [0, maxLr=" + maxLr + "), got " + minLr
                    + "; use 0 or a small fraction of maxLr");
        }
        this.minLr = minLr;
        this.warmupIterations = Args.atLeast("warmupIterations", warmupIterations, 0, "use 0 for no warm-up");
        this.totalIterations = Args.atLeast("totalIterations", totalIterations, warmupIterations + 1,
                "totalIterations (epochs × batches per epoch) must exceed warmupIterations=" + warmupIterations);
    }

    /** @return cosine annealing from {@code maxLr} to 0 over {@code totalIterations}, no warm-up */
    public static Cosine annealing(double maxLr, int totalIterations) {
        return new Cosine(maxLr, 0, 0, totalIterations);
    }

    /** @return linear warm-up over {@code warmupIterations}, then cosine annealing to 0 at {@code totalIterations} */
    public static Cosine withWarmup(double maxLr, int warmupIterations, int totalIterations) {
        return new Cosine(maxLr, 0, warmupIterations, totalIterations);
    }

    /** @return a copy that anneals to {@code minLr} instead of 0 */
    public Cosine withMinLr(double minLr) {
        return new Cosine(maxLr, minLr, warmupIterations, totalIterations);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (iteration < warmupIterations) {
            return maxLr * iteration / warmupIterations;
        }
        if (iteration >= totalIterations) {
            return minLr;
        }
        double pos = (double) (iteration - warmupIterations) / (totalIterations - warmupIterations);
        return minLr + (maxLr - minLr) * (1 + Math.cos(Math.PI * pos)) / 2;
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cosine c && c.maxLr == maxLr && c.minLr == minLr
                && c.warmupIterations == warmupIterations && c.totalIterations == totalIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxLr, minLr, warmupIterations, totalIterations);
    }

    @Override
    public String toString() {
        return "Cosine(maxLr=" + maxLr + ", minLr=" + minLr + ", warmupIterations=" + warmupIterations
                + ", totalIterations=" + totalIterations + ")";
    }
}
