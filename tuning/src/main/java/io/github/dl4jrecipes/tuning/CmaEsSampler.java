package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.CmaEs;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * CMA-ES over the ordered coordinates of the unit cube ({@link CmaEs}; Hansen's tutorial), as a
 * function of the study's history like every sampler: each proposal rebuilds the strategy from a
 * Gaussian at the centre of the cube with step size {@code initialSigma} by telling it the complete
 * trials in trial-number order, λ at a time, and draws from the result. So a resumed study, or
 * another worker, reaches the same generation from the same ledger; the trials of a generation
 * still running are drawn from the last full generation's distribution, as a parallel CMA-ES
 * does. Ordered coordinates are the continuous and integer hyperparameters in their unit
 * coordinate (log ranges in log space; an integer is the space's rounding of the coordinate, a
 * plateau to CMA-ES, as Optuna's CMA-ES rounds). Categorical coordinates have no order for a
 * Gaussian and are drawn by the univariate TPE from the same history. Failed, pruned and running
 * trials are not told (their values are missing or on a smaller budget).
 *
 * @param initialSigma σ0 in the unit coordinate
 */
record CmaEsSampler(double initialSigma) implements Sampler {

    /**
     * σ0 = 1/6 of each unit range: the optimum is expected within m0 ± 3σ0 of the centre, Hansen's
     * rule for σ0 (pycma's documentation), and Optuna's {@code CmaEsSampler} default
     * ({@code min_range / 6}).
     */
    static final double DEFAULT_INITIAL_SIGMA = 1.0 / 6;
    private static final double CENTRE = 0.5;

    CmaEsSampler {
        if (!(initialSigma > 0 && initialSigma <= 1)) {
            throw new IllegalArgumentException("Samplers.cmaEs(initialSigma) needs 0 < initialSigma <= 1 (a step"
                    + " in the unit coordinate), got " + initialSigma + "; 1/6 puts the whole range within 3 sigma");
        }
    }

    @Override
    public double[] propose(List<Dimension> dimensions, List<Observation> history, int trial, Random rng) {
        int[] ordered = IntStream.range(0, dimensions.size()).filter(i -> !dimensions.get(i).isCategorical())
                .toArray();
        if (ordered.length == 0) {
            throw new IllegalArgumentException("Samplers.cmaEs() needs at least one continuous or integer"
                    + " hyperparameter, but every one of " + dimensions.stream().map(Dimension::name).toList()
                    + " is categorical; use Samplers.tpe() or Samplers.multivariateTpe() for a categorical space");
        }
        Random categoricalRng = new Random(rng.nextLong());
        CmaEs es = replay(ordered, history);
        double[] x = es.sample(rng);
        double[] point = ordered.length == dimensions.size()
                ? new double[dimensions.size()]
                : Samplers.tpe().propose(dimensions, history, trial, categoricalRng);
        for (int k = 0; k < ordered.length; k++) {
            point[ordered[k]] = x[k];
        }
        return point;
    }

    /** The strategy after every full generation of complete trials, in trial-number order. */
    private CmaEs replay(int[] ordered, List<Observation> history) {
        double[] centre = new double[ordered.length];
        Arrays.fill(centre, CENTRE);
        CmaEs es = new CmaEs(centre, initialSigma);
        List<Observation> told = history.stream().filter(o -> o.complete() && Double.isFinite(o.loss()))
                .sorted(java.util.Comparator.comparingInt(Observation::trial)).toList();
        int lambda = es.lambda();
        for (int start = 0; start + lambda <= told.size(); start += lambda) {
            List<Observation> generation = told.subList(start, start + lambda);
            double[][] points = generation.stream()
                    .map(o -> Arrays.stream(ordered).mapToDouble(i -> o.point()[i]).toArray())
                    .toArray(double[][]::new);
            es.tell(points, generation.stream().mapToDouble(Observation::loss).toArray());
        }
        return es;
    }
}
