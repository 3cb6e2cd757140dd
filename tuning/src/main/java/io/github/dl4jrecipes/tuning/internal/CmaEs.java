package io.github.dl4jrecipes.tuning.internal;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The covariance matrix adaptation evolution strategy in ask/tell form, on the unit cube: a
 * Gaussian N(m, σ²C) from which {@link #sample} draws, and {@link #tell} that moves it by one
 * generation of λ evaluated points. Every constant and update follows Hansen's "The CMA
 * Evolution Strategy: A Tutorial" (arXiv:1604.00772, table 1 and section 4, with positive
 * weights only, c_m = 1): weighted recombination of the best μ = ⌊λ/2⌋, cumulative step-size
 * adaptation through the path p_σ, the rank-one update through p_c (with the h_σ stall) and the
 * rank-μ update. The points told need not come from {@link #sample} (a study's first trial is the
 * candidate as given, a parallel worker's point was drawn from an older generation): each step
 * y = (x − m)/σ is shortened to a Mahalanobis length of at most √n + 2n/(n + 2), as Hansen
 * ("Injecting external solutions into CMA-ES", 2011) does for injected solutions.
 */
public final class CmaEs {

    /** Draws tried before a point outside the unit cube is clipped to it (Optuna's cmaes resamples likewise). */
    private static final int MAX_RESAMPLES = 100;
    /** Floor of C's eigenvalues, so that a degenerate generation cannot make C singular. */
    private static final double MIN_EIGENVALUE = 1e-20;

    private final int n;
    private final int lambda;
    private final double[] weights;
    private final double muEff;
    private final double cSigma;
    private final double dSigma;
    private final double cc;
    private final double c1;
    private final double cMu;
    private final double chiN;

    private final double[] mean;
    private double sigma;
    private final double[][] c;
    private final double[] pSigma;
    private final double[] pc;
    private int generation;
    /** C = B diag(d²) Bᵀ. */
    private final double[][] b;
    private final double[] d;

    /**
     * @param mean  the initial mean, in [0, 1]^n
     * @param sigma the initial step size, &gt; 0
     */
    public CmaEs(double[] mean, double sigma) {
        if (mean.length < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("CMA-ES needs at least one dimension and sigma > 0; got "
                    + mean.length + " dimensions, sigma " + sigma);
        }
        n = mean.length;
        lambda = populationSize(n);
        int mu = lambda / 2;
        weights = new double[mu];
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
        }
        double sum = Arrays.stream(weights).sum();
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
        }
        muEff = 1 / Arrays.stream(weights).map(w -> w * w).sum();
        cSigma = (muEff + 2) / (n + muEff + 5);
        dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        this.mean = mean.clone();
        this.sigma = sigma;
        c = identity(n);
        b = identity(n);
        d = new double[n];
        Arrays.fill(d, 1);
        pSigma = new double[n];
        pc = new double[n];
    }

    /**
     * @param n the number of dimensions, &ge; 1
     * @return λ = 4 + ⌊3 ln n⌋, the tutorial's default population size
     */
    public static int populationSize(int n) {
        return 4 + (int) Math.floor(3 * Math.log(n));
    }

    /** @return λ, the points per generation */
    public int lambda() {
        return lambda;
    }

    /** @return the recombination weights of the best μ points, summing to 1 */
    public double[] weights() {
        return weights.clone();
    }

    /** @return the current mean */
    public double[] mean() {
        return mean.clone();
    }

    /** @return the current step size */
    public double sigma() {
        return sigma;
    }

    /**
     * @param rng the random source
     * @return a draw from N(m, σ²C) inside the unit cube: redrawn when outside, clipped after
     *         {@value #MAX_RESAMPLES} draws
     */
    public double[] sample(Random rng) {
        double[] x = null;
        for (int attempt = 0; attempt < MAX_RESAMPLES; attempt++) {
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = d[i] * rng.nextGaussian();
            }
            x = new double[n];
            for (int i = 0; i < n; i++) {
                double step = 0;
                for (int j = 0; j < n; j++) {
                    step += b[i][j] * z[j];
                }
                x[i] = mean[i] + sigma * step;
            }
            if (Arrays.stream(x).allMatch(v -> v >= 0 && v <= 1)) {
                return x;
            }
        }
        return Arrays.stream(x).map(v -> Math.min(1, Math.max(0, v))).toArray();
    }

    /**
     * One generation: moves the mean to the weighted mean of the best μ points and adapts σ and C.
     *
     * @param points the generation's λ points
     * @param losses their losses, lower is better, all finite
     */
    public void tell(double[][] points, double[] losses) {
        if (points.length != lambda || losses.length != lambda) {
            throw new IllegalArgumentException("a CMA-ES generation has " + lambda + " points, got " + points.length);
        }
        Integer[] order = IntStream.range(0, lambda).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> losses[i]));
        double[][] y = new double[weights.length][];
        double[] yw = new double[n];
        for (int k = 0; k < weights.length; k++) {
            y[k] = step(points[order[k]]);
            for (int i = 0; i < n; i++) {
                yw[i] += weights[k] * y[k][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] += sigma * yw[i];
        }
        double[] whitened = invSqrtC(yw);
        double ps = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        for (int i = 0; i < n; i++) {
            pSigma[i] = (1 - cSigma) * pSigma[i] + ps * whitened[i];
        }
        double psNorm = norm(pSigma);
        generation++;
        boolean hSigma = psNorm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation))
                < (1.4 + 2.0 / (n + 1)) * chiN;
        double pcScale = hSigma ? Math.sqrt(cc * (2 - cc) * muEff) : 0;
        for (int i = 0; i < n; i++) {
            pc[i] = (1 - cc) * pc[i] + pcScale * yw[i];
        }
        double deltaH = hSigma ? 0 : cc * (2 - cc);
        double keep = 1 + c1 * deltaH - c1 - cMu;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rankMu = 0;
                for (int k = 0; k < weights.length; k++) {
                    rankMu += weights[k] * y[k][i] * y[k][j];
                }
                c[i][j] = keep * c[i][j] + c1 * pc[i] * pc[j] + cMu * rankMu;
            }
        }
        sigma *= Math.exp(cSigma / dSigma * (psNorm / chiN - 1));
        decompose();
    }

    /** (x − m)/σ, shortened to the injection bound in C's metric. */
    private double[] step(double[] x) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (x[i] - mean[i]) / sigma;
        }
        double length = norm(invSqrtC(y));
        double bound = Math.sqrt(n) + 2.0 * n / (n + 2);
        if (length > bound) {
            for (int i = 0; i < n; i++) {
                y[i] *= bound / length;
            }
        }
        return y;
    }

    /** C^(-1/2) v = B diag(1/d) Bᵀ v. */
    private double[] invSqrtC(double[] v) {
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                t[j] += b[i][j] * v[i];
            }
            t[j] /= d[j];
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i] += b[i][j] * t[j];
            }
        }
        return out;
    }

    private void decompose() {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = (c[i][j] + c[j][i]) / 2;
                c[i][j] = s;
                c[j][i] = s;
            }
        }
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(c));
        RealMatrix v = eigen.getV();
        double[] values = eigen.getRealEigenvalues();
        for (int j = 0; j < n; j++) {
            d[j] = Math.sqrt(Math.max(MIN_EIGENVALUE, values[j]));
            for (int i = 0; i < n; i++) {
                b[i][j] = v.getEntry(i, j);
            }
        }
    }

    private static double norm(double[] v) {
        return Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            m[i][i] = 1;
        }
        return m;
    }
}
