package io.github.dl4jrecipes.tuning.internal;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.Random;

/**
 * A one-dimensional Parzen window estimator on [0, 1]: a weighted mixture of Gaussians truncated
 * to the interval, one per observation plus a wide prior kernel (Bergstra et al., 2011, "Algorithms
 * for hyper-parameter optimization"). Bandwidths follow the usual TPE rule: each kernel is as wide
 * as the larger gap to its sorted neighbours, clipped to [1 / min(100, 1 + n), 1] of the interval
 * (the "magic clip").
 */
public final class ParzenEstimator {

    /** Weight of the prior kernel relative to one observation (TPE's customary 1.0). */
    public static final double PRIOR_WEIGHT = 1.0;
    /** The magic clip's cap on the number of points that shrink the minimum bandwidth (TPE: 100). */
    private static final int MAX_CLIP_POINTS = 100;
    private static final double PRIOR_MEAN = 0.5;
    private static final double PRIOR_SIGMA = 1.0;
    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

    private final double[] mus;
    private final double[] sigmas;
    private final double[] weights;
    private final double[] mass;

    /**
     * @param points observations in [0, 1]
     */
    public ParzenEstimator(double[] points) {
        int n = points.length;
        mus = new double[n + 1];
        System.arraycopy(points, 0, mus, 0, n);
        mus[n] = PRIOR_MEAN;
        sigmas = new double[n + 1];
        weights = new double[n + 1];
        double[] sorted = points.clone();
        Arrays.sort(sorted);
        double minSigma = 1.0 / Math.min(MAX_CLIP_POINTS, 1 + n);
        for (int i = 0; i < n; i++) {
            int at = Arrays.binarySearch(sorted, points[i]);
            double left = points[i] - (at > 0 ? sorted[at - 1] : 0.0);
            double right = (at < n - 1 ? sorted[at + 1] : 1.0) - points[i];
            sigmas[i] = Math.min(PRIOR_SIGMA, Math.max(minSigma, Math.max(left, right)));
            weights[i] = 1.0;
        }
        sigmas[n] = PRIOR_SIGMA;
        weights[n] = PRIOR_WEIGHT;
        double total = Arrays.stream(weights).sum();
        mass = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            weights[i] /= total;
            mass[i] = cdf(1, i) - cdf(0, i);
        }
    }

    /**
     * @param rng random source
     * @return a draw from the mixture, in [0, 1]
     */
    public double sample(Random rng) {
        double u = rng.nextDouble();
        int k = 0;
        for (double acc = weights[0]; acc < u && k < weights.length - 1; acc += weights[++k]) {
            // walk to the kernel that holds u
        }
        double lo = cdf(0, k);
        double p = lo + rng.nextDouble() * (cdf(1, k) - lo);
        double x = mus[k] + sigmas[k] * STANDARD.inverseCumulativeProbability(p);
        return Math.min(1.0, Math.max(0.0, x));
    }

    /**
     * @param x a point in [0, 1]
     * @return the log density of the mixture at {@code x}
     */
    public double logDensity(double x) {
        double density = 0;
        for (int i = 0; i < mus.length; i++) {
            double z = (x - mus[i]) / sigmas[i];
            density += weights[i] * STANDARD.density(z) / (sigmas[i] * mass[i]);
        }
        return Math.log(Math.max(density, Double.MIN_NORMAL));
    }

    private double cdf(double x, int kernel) {
        return STANDARD.cumulativeProbability((x - mus[kernel]) / sigmas[kernel]);
    }
}
