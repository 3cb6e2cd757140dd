package io.github.dl4jrecipes.tuning;

import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;

import java.util.List;
import java.util.Random;

/**
 * Factories for the strategies that choose where trials go.
 *
 * <pre>{@code
 * Sampler tpe = Samplers.tpe();              // model-based after 10 random trials
 * Sampler joint = Samplers.multivariateTpe(); // the same over the joint density of all hyperparameters
 * Sampler cma = Samplers.cmaEs();            // CMA-ES over the continuous and integer hyperparameters
 * Sampler zoom = Samplers.zoomIn(8, 0.5);    // rounds of 8, box halves each round
 * Sampler grid = Samplers.arbiter(new GridSearchCandidateGenerator(space, 3,
 *         GridSearchCandidateGenerator.Mode.Sequential, Map.of()));
 * }</pre>
 */
public final class Samplers {

    private Samplers() {
    }

    /** @return uniform random search over the unit cube (Bergstra &amp; Bengio, 2012) */
    public static Sampler random() {
        return new UniformSampler();
    }

    /** Uniform random search; a record so that a study can tell it from other samplers by its text. */
    private record UniformSampler() implements Sampler {
        @Override
        public double[] propose(List<Dimension> dimensions, List<Observation> history, int trial, Random rng) {
            return uniform(dimensions.size(), rng);
        }
    }

    /** @return TPE with Optuna's defaults: 10 random trials, 24 candidates, γ = 0.1 (at most 25) */
    public static Sampler tpe() {
        return new TpeSampler(TpeSampler.DEFAULT_STARTUP_TRIALS, TpeSampler.DEFAULT_CANDIDATES,
                TpeSampler.DEFAULT_GAMMA, TpeSampler.DEFAULT_MAX_GOOD, false);
    }

    /**
     * @return the multivariate TPE (Optuna's {@code TPESampler(multivariate=True)}): joint densities over
     *         all hyperparameters, so values that were good together are proposed together; Optuna's
     *         other defaults
     */
    public static Sampler multivariateTpe() {
        return multivariateTpe(TpeSampler.DEFAULT_STARTUP_TRIALS);
    }

    /**
     * @param startupTrials random trials before the model takes over, &ge; 1
     * @return the multivariate TPE with the given warm-up
     */
    public static Sampler multivariateTpe(int startupTrials) {
        return new TpeSampler(startupTrials, TpeSampler.DEFAULT_CANDIDATES, TpeSampler.DEFAULT_GAMMA,
                TpeSampler.DEFAULT_MAX_GOOD, true);
    }

    /**
     * @param startupTrials random trials before the model takes over, &ge; 1
     * @return TPE with the given warm-up and the other defaults
     */
    public static Sampler tpe(int startupTrials) {
        return new TpeSampler(startupTrials, TpeSampler.DEFAULT_CANDIDATES, TpeSampler.DEFAULT_GAMMA,
                TpeSampler.DEFAULT_MAX_GOOD, false);
    }

    /**
     * CMA-ES (Hansen's "The CMA Evolution Strategy: A Tutorial") over the continuous and integer
     * hyperparameters in their unit coordinate (log ranges in log space, integers rounded by the
     * space): a Gaussian that starts at the centre of the space with σ0 = 1/6 of every range (the
     * optimum expected within ±3σ0; Optuna's default), λ = 4 + ⌊3 ln n⌋ trials per generation for
     * n such hyperparameters, and the tutorial's recombination weights, learning rates and damping.
     * Categorical hyperparameters are drawn by the univariate TPE. The state is rebuilt from the
     * complete trials in trial-number order, so resumed and parallel studies continue the same
     * generations. Best for spaces of a few continuous hyperparameters and a budget of several
     * generations (10 λ trials or more); with fewer trials it stays close to a random search
     * around the centre.
     *
     * @return the CMA-ES sampler
     * @throws IllegalArgumentException when asked for a point of a space with no continuous or integer
     *                                  hyperparameter
     */
    public static Sampler cmaEs() {
        return new CmaEsSampler(CmaEsSampler.DEFAULT_INITIAL_SIGMA);
    }

    /** @return zoom-in random search with rounds of 8 trials and the box halving per round */
    public static Sampler zoomIn() {
        return new ZoomInSampler(ZoomInSampler.DEFAULT_ROUND_SIZE, ZoomInSampler.DEFAULT_SHRINK);
    }

    /**
     * @param roundSize trials per round, &ge; 1
     * @param shrink    factor in (0, 1) applied to the box per round
     * @return zoom-in random search
     */
    public static Sampler zoomIn(int roundSize, double shrink) {
        return new ZoomInSampler(roundSize, shrink);
    }

    /**
     * @param generator one of Arbiter's candidate generators over the same space
     * @return a sampler that takes its points from {@code generator}
     */
    public static Sampler arbiter(CandidateGenerator generator) {
        return new ArbiterSampler(generator);
    }

    static double[] uniform(int size, Random rng) {
        double[] point = new double[size];
        for (int i = 0; i < size; i++) {
            point[i] = rng.nextDouble();
        }
        return point;
    }
}
