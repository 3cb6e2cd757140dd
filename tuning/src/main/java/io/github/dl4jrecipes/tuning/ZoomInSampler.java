package io.github.dl4jrecipes.tuning;

import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Iterative zoom-in random search: trials come in rounds of {@code roundSize}; round 0 samples
 * the whole space, and each later round samples a box around the best trial finished so far whose
 * half-width shrinks by {@code shrink} per round (categorical coordinates keep the best's choice
 * with probability 1 − half-width·2, else draw uniformly).
 *
 * @param roundSize trials per round
 * @param shrink    factor in (0, 1) applied to the box's half-width each round
 */
record ZoomInSampler(int roundSize, double shrink) implements Sampler {

    /** Trials per round: enough for a rough picture of a handful of dimensions. */
    static final int DEFAULT_ROUND_SIZE = 8;
    /** Half the box each round, as in bisection. */
    static final double DEFAULT_SHRINK = 0.5;
    private static final double FULL_HALF_WIDTH = 0.5;

    ZoomInSampler {
        if (roundSize < 1) {
            throw new IllegalArgumentException("zoom-in roundSize must be >= 1, got " + roundSize);
        }
        if (!(shrink > 0 && shrink < 1)) {
            throw new IllegalArgumentException("zoom-in shrink must be in (0, 1), got " + shrink
                    + "; 0.5 halves the box each round");
        }
    }

    @Override
    public double[] propose(List<Dimension> dimensions, List<Observation> history, int trial, Random rng) {
        int round = (trial - 1) / roundSize;
        Observation best = history.stream().filter(o -> o.complete() && !Double.isNaN(o.loss()))
                .min(Comparator.comparingDouble(Observation::loss)).orElse(null);
        if (round == 0 || best == null) {
            return Samplers.uniform(dimensions.size(), rng);
        }
        double halfWidth = FULL_HALF_WIDTH * Math.pow(shrink, round);
        double[] point = new double[dimensions.size()];
        for (int d = 0; d < point.length; d++) {
            Dimension dim = dimensions.get(d);
            double centre = best.point()[d];
            if (dim.isCategorical()) {
                point[d] = rng.nextDouble() < 2 * halfWidth ? rng.nextDouble() : centre;
            } else {
                double lo = Math.max(0, centre - halfWidth);
                double hi = Math.min(1, centre + halfWidth);
                point[d] = lo + rng.nextDouble() * (hi - lo);
            }
        }
        return point;
    }
}
