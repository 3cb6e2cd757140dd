package io.github.dl4jrecipes.tuning;

import java.util.List;

/**
 * Decides how many epochs each trial gets: the same for all ({@link #fullBudget}), or successive
 * halving over epochs ({@link #asha}, {@link #hyperband}) where the best trials of a rung are
 * promoted to train on from their checkpoints. Schedulers are functions of the trial records, so a
 * resumed or shared study schedules as if it never stopped.
 *
 * <pre>{@code
 * Scheduler s = Scheduler.hyperband(1, 27, 3);   // brackets of 27x1, 12x3(...), as in Li et al.
 * }</pre>
 */
public interface Scheduler {

    /**
     * @param trials every trial in the study
     * @param direction whether higher or lower objectives are better
     * @return the next thing to do
     */
    Decision next(List<TrialRecord> trials, Direction direction);

    /**
     * @param epochs epochs for every trial, &ge; 1
     * @return a scheduler that trains every trial fully
     */
    static Scheduler fullBudget(int epochs) {
        return new FullBudget(epochs);
    }

    /**
     * Asynchronous successive halving (Li et al., 2020, "A system for massively parallel
     * hyperparameter tuning"): rungs at minEpochs·η^k ≤ maxEpochs; a trial is promoted as soon as
     * it is in the top 1/η of the trials that have reached its rung, else a new trial starts.
     *
     * @param minEpochs epochs of the lowest rung, &ge; 1
     * @param maxEpochs most epochs a trial gets, &ge; minEpochs
     * @param eta       reduction factor, &ge; 2
     * @return the scheduler
     */
    static Scheduler asha(int minEpochs, int maxEpochs, int eta) {
        return new Asha(Rungs.of(minEpochs, maxEpochs, eta));
    }

    /**
     * Hyperband (Li et al., 2018, JMLR 18(185)): brackets of synchronous successive halving from
     * the most exploratory (many trials, minEpochs each) to plain full training, repeated
     * {@code iterations} times.
     *
     * @param minEpochs  epochs of the lowest rung, &ge; 1
     * @param maxEpochs  most epochs a trial gets, &ge; minEpochs
     * @param eta        reduction factor, &ge; 2
     * @param iterations sweeps over all brackets, &ge; 1
     * @return the scheduler
     */
    static Scheduler hyperband(int minEpochs, int maxEpochs, int eta, int iterations) {
        return new Hyperband(Rungs.of(minEpochs, maxEpochs, eta), iterations);
    }

    /**
     * @param minEpochs epochs of the lowest rung
     * @param maxEpochs most epochs a trial gets
     * @param eta       reduction factor
     * @return Hyperband with one sweep over its brackets
     */
    static Scheduler hyperband(int minEpochs, int maxEpochs, int eta) {
        return hyperband(minEpochs, maxEpochs, eta, 1);
    }
}
