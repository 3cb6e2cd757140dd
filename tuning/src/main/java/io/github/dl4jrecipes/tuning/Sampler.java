package io.github.dl4jrecipes.tuning;

import java.util.List;
import java.util.Random;

/**
 * Proposes where the next trial goes: a point in the unit cube of the search space's
 * {@link Dimension}s. Samplers are functions of the study's history, so a study resumed in a new
 * process (or shared between processes) continues where it stopped. Factories are on
 * {@link Samplers}.
 */
public interface Sampler {

    /**
     * @param dimensions the space's coordinates
     * @param history    every trial so far (complete, pruned or running), in trial order
     * @param trial      the 1-based number of this proposal among the sampler's own (the trial number,
     *                   unless the study also holds trials it did not propose: the candidate as given, queued ones)
     * @param rng        the study's random source for this proposal
     * @return a point in [0, 1]^d, or null when the strategy has nothing left to propose (a grid
     *         that is exhausted)
     */
    double[] propose(List<Dimension> dimensions, List<Observation> history, int trial, Random rng);
}
