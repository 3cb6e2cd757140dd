package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.JointParzenEstimator;
import io.github.dl4jrecipes.tuning.internal.Categorical;
import io.github.dl4jrecipes.tuning.internal.ParzenEstimator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Tree-structured Parzen Estimator (Bergstra et al., 2011): splits the finished trials into the
 * best γ and the rest, fits a density l(x) to the good ones and g(x) to the others, draws
 * candidates from l and keeps the one with the largest l(x)/g(x). Each dimension is modelled
 * on its own (the univariate TPE): ordered ones with {@link ParzenEstimator} in the unit
 * coordinate (so log-scale ranges are modelled in log space), categorical ones with smoothed
 * category frequencies. Pruned trials always count among the bad ones. The multivariate TPE
 * ({@code multivariate}, Optuna's {@code TPESampler(multivariate=True)}; Falkner et al., 2018)
 * models l and g as joint densities over all dimensions ({@link JointParzenEstimator}), so
 * hyperparameters that interact (learning rate and batch size) are proposed in combinations that
 * were good together.
 *
 * @param startupTrials random trials before the model takes over
 * @param candidates    draws from l(x) scored per proposal
 * @param gamma         fraction of finished trials counted as good
 * @param maxGood       cap on the number of good trials
 * @param multivariate  whether l and g are joint densities over the dimensions (else one per dimension)
 */
record TpeSampler(int startupTrials, int candidates, double gamma, int maxGood, boolean multivariate)
        implements Sampler {

    /** Random trials before the model is used (Optuna's TPESampler default). */
    static final int DEFAULT_STARTUP_TRIALS = 10;
    /** Candidates drawn from l(x) per proposal (Optuna's and Hyperopt's default). */
    static final int DEFAULT_CANDIDATES = 24;
    /** Fraction of trials counted as good (Optuna's default gamma: ceil(0.1 n), at most 25). */
    static final double DEFAULT_GAMMA = 0.1;
    /** Cap on the good trials (Optuna's default gamma). */
    static final int DEFAULT_MAX_GOOD = 25;

    TpeSampler {
        if (startupTrials < 1 || candidates < 1 || maxGood < 1 || !(gamma > 0 && gamma < 1)) {
            throw new IllegalArgumentException("TPE needs startupTrials >= 1, candidates >= 1, maxGood >= 1 and"
                    + " 0 < gamma < 1; got " + startupTrials + ", " + candidates + ", " + maxGood + ", " + gamma);
        }
    }

    @Override
    public double[] propose(List<Dimension> dimensions, List<Observation> history, int trial, Random rng) {
        List<Observation> complete = history.stream()
                .filter(o -> o.complete() && !Double.isNaN(o.loss()))
                .sorted(Comparator.comparingDouble(Observation::loss)).toList();
        if (complete.size() < startupTrials) {
            return Samplers.uniform(dimensions.size(), rng);
        }
        int good = Math.min(maxGood, Math.max(1, (int) Math.ceil(gamma * complete.size())));
        List<Observation> below = complete.subList(0, good);
        List<Observation> above = new ArrayList<>(complete.subList(good, complete.size()));
        history.stream().filter(o -> !o.complete() && !Double.isNaN(o.loss())).forEach(above::add);
        if (multivariate) {
            return joint(dimensions, below, above, rng);
        }
        double[] point = new double[dimensions.size()];
        for (int d = 0; d < point.length; d++) {
            Dimension dim = dimensions.get(d);
            point[d] = dim.isCategorical()
                    ? categorical(dim, column(below, d), column(above, d), rng)
                    : ordered(column(below, d), column(above, d), rng);
        }
        return point;
    }

    private double[] joint(List<Dimension> dimensions, List<Observation> below, List<Observation> above,
                           Random rng) {
        JointParzenEstimator l = new JointParzenEstimator(dimensions, points(below));
        JointParzenEstimator g = new JointParzenEstimator(dimensions, points(above));
        double[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            double[] x = l.sample(rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (best == null || score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private static double[][] points(List<Observation> observations) {
        return observations.stream().map(Observation::point).toArray(double[][]::new);
    }

    private double ordered(double[] below, double[] above, Random rng) {
        ParzenEstimator l = new ParzenEstimator(below);
        ParzenEstimator g = new ParzenEstimator(above);
        double best = Double.NaN;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            double x = l.sample(rng);
            double score = l.logDensity(x) - g.logDensity(x);
            if (score > bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return best;
    }

    private double categorical(Dimension dim, double[] below, double[] above, Random rng) {
        double[] l = frequencies(dim, below);
        double[] g = frequencies(dim, above);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            int c = Categorical.draw(l, rng);
            double score = Math.log(l[c]) - Math.log(g[c]);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return dim.unitOf(best);
    }

    /** Category frequencies smoothed by the prior weight spread evenly over the categories. */
    private static double[] frequencies(Dimension dim, double[] points) {
        int k = dim.categories();
        double[] f = new double[k];
        java.util.Arrays.fill(f, ParzenEstimator.PRIOR_WEIGHT / k);
        for (double p : points) {
            f[dim.category(p)] += 1;
        }
        double total = points.length + ParzenEstimator.PRIOR_WEIGHT;
        for (int i = 0; i < k; i++) {
            f[i] /= total;
        }
        return f;
    }

    private static double[] column(List<Observation> observations, int d) {
        return observations.stream().mapToDouble(o -> o.point()[d]).toArray();
    }
}
