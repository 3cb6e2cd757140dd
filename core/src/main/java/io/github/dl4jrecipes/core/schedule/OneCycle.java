package io.github.dl4jrecipes.core.schedule;

import io.github.dl4jrecipes.core.internal.Args;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * The 1cycle learning-rate policy (Smith, 2018; Smith &amp; Topin, 2019) with fastai's defaults
 * ({@code fit_one_cycle}): over the first {@code pctStart} of training the rate rises from
 * {@code maxLr/div} to {@code maxLr} along a cosine, then anneals along a cosine to
 * {@code maxLr/divFinal}. With {@code p = t / T}:
 * <ul>
 *   <li>{@code p < pctStart}: {@code cos(maxLr/div → maxLr, p / pctStart)}</li>
 *   <li>otherwise: {@code cos(maxLr → maxLr/divFinal, (p − pctStart)/(1 − pctStart))}</li>
 * </ul>
 * where {@code cos(a → b, x) = a + (1 + cos(π(1 − x)))·(b − a)/2}; after {@code T} the final value.
 * Momentum (or Adam's β1) cycles the other way, 0.95 → 0.85 → 0.95: see {@link #momentum()},
 * {@link #nesterovs()} and {@link #adam()}.
 *
 * <pre>{@code
 * OneCycle lr = OneCycle.maxLr(3e-3).withTotalIterations(epochs * batchesPerEpoch);
 * builder.updater(lr.adam());          // LR and β1 cycled; or lr.nesterovs()
 * }</pre>
 *
 * <p>Stored in DL4J configurations: a file format, never renamed.
 */
public final class OneCycle implements ISchedule {

    private static final long serialVersionUID = 1L;

    /** Fraction of training spent warming up: 0.25, fastai's {@code fit_one_cycle} default. */
    public static final double DEFAULT_PCT_START = 0.25;
    /** Initial LR is {@code maxLr / 25}: fastai's {@code div} default. */
    public static final double DEFAULT_DIV = 25;
    /** Final LR is {@code maxLr / 1e5}: fastai's {@code div_final} default. */
    public static final double DEFAULT_DIV_FINAL = 1e5;

    /** Marks a policy whose length is not known yet; see {@link #withTotalIterations(int)}. */
    private static final int UNSET = 0;

    @JsonProperty("maxLr")
    private final double maxLr;
    @JsonProperty("totalIterations")
    private final int totalIterations;
    @JsonProperty("pctStart")
    private final double pctStart;
    @JsonProperty("div")
    private final double div;
    @JsonProperty("divFinal")
    private final double divFinal;
    @JsonProperty("momentum")
    private final OneCycleMomentum momentum;

    @JsonCreator
    private OneCycle(@JsonProperty("maxLr") double maxLr, @JsonProperty("totalIterations") int totalIterations,
                     @JsonProperty("pctStart") double pctStart, @JsonProperty("div") double div,
                     @JsonProperty("divFinal") double divFinal, @JsonProperty("momentum") OneCycleMomentum momentum) {
        this.maxLr = Args.positive("maxLr", maxLr, "use LrFinder's suggestion, e.g. OneCycle.maxLr(result.suggestion())");
        this.totalIterations = Args.atLeast("totalIterations", totalIterations, UNSET,
                "pass epochs × batches per epoch");
        this.pctStart = Args.openUnit("pctStart", pctStart, "use " + DEFAULT_PCT_START + " (fastai) or 0.3 (Smith)");
        if (!(div > 1) || Double.isInfinite(div)) {
            throw new IllegalArgumentException("div must be a finite number > 1 (start LR = maxLr / div), got " + div
                    + "; use " + DEFAULT_DIV + " (fastai)");
        }
        if (!(divFinal > 1) || Double.isInfinite(divFinal)) {
            throw new IllegalArgumentException("divFinal must be a finite number > 1 (final LR = maxLr / divFinal), got "
                    + divFinal + "; use " + DEFAULT_DIV_FINAL + " (fastai)");
        }
        this.div = div;
        this.divFinal = divFinal;
        this.momentum = Objects.requireNonNull(momentum, "momentum");
    }

    /**
     * @param maxLr the peak learning rate (fastai's {@code lr_max}), e.g. from {@code LrFinder}
     * @return the policy with fastai's defaults; set its length with {@link #withTotalIterations(int)}
     */
    public static OneCycle maxLr(double maxLr) {
        return new OneCycle(maxLr, UNSET, DEFAULT_PCT_START, DEFAULT_DIV, DEFAULT_DIV_FINAL,
                OneCycleMomentum.defaults());
    }

    /** @return a copy lasting {@code totalIterations} iterations (epochs × batches per epoch) */
    public OneCycle withTotalIterations(int totalIterations) {
        Args.atLeast("totalIterations", totalIterations, 1, "pass epochs × batches per epoch");
        return new OneCycle(maxLr, totalIterations, pctStart, div, divFinal, momentum);
    }

    /** @return a copy lasting {@code epochs × batchesPerEpoch} iterations */
    public OneCycle withEpochs(int epochs, int batchesPerEpoch) {
        Args.atLeast("epochs", epochs, 1, "train at least one epoch");
        Args.atLeast("batchesPerEpoch", batchesPerEpoch, 1, "the iterator must yield at least one batch");
        return withTotalIterations(Math.multiplyExact(epochs, batchesPerEpoch));
    }

    /** @return a copy with another warm-up fraction in (0, 1) */
    public OneCycle withPctStart(double pctStart) {
        return new OneCycle(maxLr, totalIterations, pctStart, div, divFinal, momentum);
    }

    /** @return a copy starting at {@code maxLr / div}; {@code div > 1} */
    public OneCycle withDiv(double div) {
        return new OneCycle(maxLr, totalIterations, pctStart, div, divFinal, momentum);
    }

    /** @return a copy ending at {@code maxLr / divFinal}; {@code divFinal > 1} */
    public OneCycle withDivFinal(double divFinal) {
        return new OneCycle(maxLr, totalIterations, pctStart, div, divFinal, momentum);
    }

    /** @return a copy whose momentum cycles {@code high → low → high} (defaults 0.95 and 0.85) */
    public OneCycle withMomentum(double high, double low) {
        return new OneCycle(maxLr, totalIterations, pctStart, div, divFinal, new OneCycleMomentum(high, low));
    }

    /** @return the peak learning rate, as given to {@link #maxLr(double)} */
    public double maxLr() {
        return maxLr;
    }

    /** @return the total length in iterations, 0 while unset */
    public int totalIterations() {
        return totalIterations;
    }

    /** @return the warm-up fraction */
    public double pctStart() {
        return pctStart;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        requireLength();
        return Check.cycle(maxLr / div, maxLr, maxLr / divFinal, pctStart, iteration, totalIterations);
    }

    /**
     * The momentum (β1) schedule that goes with this policy: cosine from high to low over the
     * warm-up, back to high over the annealing, so momentum is low when the LR is high.
     *
     * @return an iteration-based schedule of the same length
     */
    public ISchedule momentum() {
        requireLength();
        return momentum.over(totalIterations, pctStart);
    }

    /** @return Nesterov momentum with this LR schedule and the cycled momentum schedule */
    public Nesterovs nesterovs() {
        return new Nesterovs(this, momentum());
    }

    /** @return Adam with this LR schedule and β1 cycled (a {@link ScheduledAdam}) */
    public ScheduledAdam adam() {
        return ScheduledAdam.of(this).withBeta1(momentum());
    }

    private void requireLength() {
        if (totalIterations == UNSET) {
            throw new IllegalStateException("OneCycle(maxLr=" + maxLr + ") has no length yet: totalIterations is unset; "
                    + "call withTotalIterations(epochs * batchesPerEpoch) or withEpochs(epochs, batchesPerEpoch)");
        }
    }

    @Override
    public ISchedule clone() {
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneCycle c && c.maxLr == maxLr && c.totalIterations == totalIterations
                && c.pctStart == pctStart && c.div == div && c.divFinal == divFinal && c.momentum.equals(momentum);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxLr, totalIterations, pctStart, div, divFinal, momentum);
    }

    @Override
    public String toString() {
        return "OneCycle(maxLr=" + maxLr + ", totalIterations=" + totalIterations + ", pctStart=" + pctStart
                + ", div=" + div + ", divFinal=" + divFinal + ", " + momentum + ")";
    }
}
