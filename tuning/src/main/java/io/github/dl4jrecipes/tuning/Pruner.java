package io.github.dl4jrecipes.tuning;

import java.util.List;

/**
 * Stops unpromising trials between epochs; works with any sampler and scheduler.
 *
 * <pre>{@code
 * Pruner p = Pruner.median(5, 2);   // after 2 epochs, once 5 trials have finished
 * }</pre>
 */
public interface Pruner {

    /**
     * @param trial     the trial after its latest epoch
     * @param others    every other trial in the study
     * @param direction whether higher is better
     * @return whether to stop it now
     */
    boolean shouldPrune(TrialRecord trial, List<TrialRecord> others, Direction direction);

    /** @return a pruner that never prunes */
    static Pruner none() {
        return (trial, others, direction) -> false;
    }

    /** @return median stopping after 5 completed trials and 1 warm-up epoch */
    static Pruner median() {
        return median(MedianPruner.DEFAULT_MIN_TRIALS, MedianPruner.DEFAULT_WARMUP_EPOCHS);
    }

    /**
     * Median stopping (Golovin et al., 2017, "Google Vizier"): stop a trial whose best value so far
     * is worse than the median of the completed trials' values at the same epoch.
     *
     * @param minTrials    completed trials that must have reached the epoch before pruning starts
     * @param warmupEpochs epochs every trial trains before it can be pruned
     * @return the pruner
     */
    static Pruner median(int minTrials, int warmupEpochs) {
        return new MedianPruner(minTrials, warmupEpochs);
    }
}
