package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Dimension;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A Parzen window estimator over the whole unit cube (the multivariate TPE of Falkner et al.'s
 * BOHB, and Optuna's {@code TPESampler(multivariate=True)}): one kernel per observation plus a
 * wide prior kernel, each kernel a product over the dimensions (a truncated Gaussian on [0, 1]
 * for an ordered one, bandwidth by Scott's rule; for a
 * categorical one its observed category plus the prior weight spread over the categories). A draw
 * picks one kernel and samples every dimension from it, so values that were good together are
 * proposed together: the joint density, not the product of the marginals.
 */
public final class JointParzenEstimator {

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);
    private static final double PRIOR_MEAN = 0.5;
    private static final double PRIOR_SIGMA = 1.0;
    private static final int MAX_CLIP_POINTS = 100;
    /**
     * Bandwidth of every observation kernel of an ordered dimension: {@code 0.2 · n^(-1/(d+4))} of
     * the unit interval (Scott's rule for d dimensions, as Optuna's multivariate TPE), never below
     * the magic clip.
     */
    private static final double SIGMA_SCALE = 0.2;

    private final List<Dimension> dimensions;
    private final double[] weights;
    /** Per kernel and dimension: the centre (ordered) or the observed category's unit coordinate. */
    private final double[][] mus;
    private final double[][] sigmas;
    private final double[][] mass;
    /** Per kernel and categorical dimension: the category probabilities. */
    private final double[][][] categories;

    /**
     * @param dimensions the space's coordinates
     * @param points     observations in the unit cube, one per row
     */
    public JointParzenEstimator(List<Dimension> dimensions, double[][] points) {
        this.dimensions = List.copyOf(dimensions);
        int n = points.length;
        int d = dimensions.size();
        weights = new double[n + 1];
        Arrays.fill(weights, 0, n, 1.0);
        weights[n] = ParzenEstimator.PRIOR_WEIGHT;
        double total = Arrays.stream(weights).sum();
        for (int k = 0; k <= n; k++) {
            weights[k] /= total;
        }
        mus = new double[n + 1][d];
        sigmas = new double[n + 1][d];
        mass = new double[n + 1][d];
        categories = new double[n + 1][d][];
        double minSigma = 1.0 / Math.min(MAX_CLIP_POINTS, 1 + n);
        double bandwidth = SIGMA_SCALE * Math.pow(Math.max(1, n), -1.0 / (d + 4));
        for (int j = 0; j < d; j++) {
            Dimension dim = dimensions.get(j);
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = points[i][j];
            }
            for (int k = 0; k <= n; k++) {
                if (dim.isCategorical()) {
                    double[] p = new double[dim.categories()];
                    Arrays.fill(p, ParzenEstimator.PRIOR_WEIGHT / dim.categories());
                    if (k < n) {
                        p[dim.category(column[k])] += 1;
                    }
                    double sum = Arrays.stream(p).sum();
                    for (int c = 0; c < p.length; c++) {
                        p[c] /= sum;
                    }
                    categories[k][j] = p;
                    continue;
                }
                if (k < n) {
                    mus[k][j] = column[k];
                    sigmas[k][j] = Math.max(minSigma, bandwidth);
                } else {
                    mus[k][j] = PRIOR_MEAN;
                    sigmas[k][j] = PRIOR_SIGMA;
                }
                mass[k][j] = cdf(1, k, j) - cdf(0, k, j);
            }
        }
    }

    /**
     * @param rng random source
     * @return a draw from the mixture: one kernel, every coordinate from it
     */
    public double[] sample(Random rng) {
        double u = rng.nextDouble();
        int k = 0;
        for (double acc = weights[0]; acc < u && k < weights.length - 1; acc += weights[++k]) {
            // walk to the kernel that holds u
        }
        double[] x = new double[dimensions.size()];
        for (int j = 0; j < x.length; j++) {
            Dimension dim = dimensions.get(j);
            if (dim.isCategorical()) {
                x[j] = dim.unitOf(Categorical.draw(categories[k][j], rng));
            } else {
                double lo = cdf(0, k, j);
                double p = lo + rng.nextDouble() * (cdf(1, k, j) - lo);
                x[j] = Math.min(1.0, Math.max(0.0, mus[k][j] + sigmas[k][j] * STANDARD.inverseCumulativeProbability(p)));
            }
        }
        return x;
    }

    /**
     * @param x a point in the unit cube
     * @return the log of the mixture's joint density at {@code x}
     */
    public double logDensity(double[] x) {
        double[] logs = new double[weights.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights.length; k++) {
            double log = Math.log(weights[k]);
            for (int j = 0; j < x.length; j++) {
                Dimension dim = dimensions.get(j);
                if (dim.isCategorical()) {
                    log += Math.log(categories[k][j][dim.category(x[j])]);
                } else {
                    double z = (x[j] - mus[k][j]) / sigmas[k][j];
                    log += Math.log(Math.max(STANDARD.density(z) / (sigmas[k][j] * mass[k][j]), Double.MIN_NORMAL));
                }
            }
            logs[k] = log;
            max = Math.max(max, log);
        }
        double sum = 0;
        for (double log : logs) {
            sum += Math.exp(log - max);
        }
        return max + Math.log(sum);
    }

    private double cdf(double x, int kernel, int dim) {
        return STANDARD.cumulativeProbability((x - mus[kernel][dim]) / sigmas[kernel][dim]);
    }
}
