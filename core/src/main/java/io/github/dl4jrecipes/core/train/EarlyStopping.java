package io.github.dl4jrecipes.core.train;

import io.github.dl4jrecipes.core.internal.Args;
import io.github.dl4jrecipes.core.task.Metric;

/**
 * Stop training when the validation metric has not improved for {@code patience} epochs, and
 * (by default) put back the weights of the best epoch. The rule is the one of DL4J's
 * {@code ScoreImprovementEpochTerminationCondition} and Keras' {@code EarlyStopping}: an epoch
 * improves on the best so far when it is better by more than {@code minDelta}.
 *
 * <pre>{@code
 * Fit.of(net, task).withEarlyStopping(EarlyStopping.patience(5).withMinDelta(1e-3))
 * }</pre>
 *
 * @param patience    epochs without improvement before stopping, at least 1
 * @param minDelta    the smallest change that counts as an improvement, ≥ 0
 * @param restoreBest whether to restore the best epoch's weights at the end
 */
public record EarlyStopping(int patience, double minDelta, boolean restoreBest) {

    /** Default minimum improvement: 0, as Keras' {@code EarlyStopping(min_delta=0)}. */
    public static final double DEFAULT_MIN_DELTA = 0.0;

    /** Validates the settings. */
    public EarlyStopping {
        Args.atLeast("patience", patience, 1, "5 to 10 epochs is usual.");
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("minDelta must be a finite number >= 0, got " + minDelta
                    + "; it is an absolute change of the metric, e.g. 1e-3.");
        }
    }

    /** Stops after {@code patience} epochs without improvement, restoring the best weights. */
    public static EarlyStopping patience(int patience) {
        return new EarlyStopping(patience, DEFAULT_MIN_DELTA, true);
    }

    /** A copy with another minimum improvement. */
    public EarlyStopping withMinDelta(double minDelta) {
        return new EarlyStopping(patience, minDelta, restoreBest);
    }

    /** A copy that does or does not restore the best weights at the end. */
    public EarlyStopping withRestoreBest(boolean restoreBest) {
        return new EarlyStopping(patience, minDelta, restoreBest);
    }

    /**
     * Where a run stands: its best epoch and whether to stop, replayed from the history (so a
     * resumed run decides exactly as an uninterrupted one).
     *
     * @param bestEpoch the best epoch so far (0 when no epoch has a finite validation metric)
     * @param stop      whether patience has run out
     */
    record Standing(int bestEpoch, boolean stop) { }

    Standing standing(History history, Metric metric) {
        double best = metric.worst();
        int bestEpoch = 0;
        for (EpochRecord e : history.epochs()) {
            double shifted = metric.direction() == Metric.Direction.HIGHER_IS_BETTER
                    ? e.validMetric() - minDelta : e.validMetric() + minDelta;
            if (Double.isFinite(e.validMetric()) && (bestEpoch == 0 || metric.isBetter(shifted, best))) {
                best = e.validMetric();
                bestEpoch = e.epoch();
            }
        }
        int last = history.size();
        return new Standing(bestEpoch, last - bestEpoch >= patience);
    }
}
