package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Dimension;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The joint Parzen estimator keeps what was good together: densities and draws on the diagonal. */
class JointParzenEstimatorTest {

    private static final List<Dimension> XY = List.of(new Dimension("x", 0), new Dimension("y", 0));

    /** Ten observations on the diagonal x = y: both marginals are the same spread over [0, 1]. */
    private static double[][] diagonal() {
        double[][] points = new double[10][];
        for (int i = 0; i < 10; i++) {
            points[i] = new double[] {0.05 + 0.1 * i, 0.05 + 0.1 * i};
        }
        return points;
    }

    @Test
    void theJointDensityFavoursTheDiagonalWhereTheProductOfMarginalsCannot() {
        JointParzenEstimator joint = new JointParzenEstimator(XY, diagonal());
        double onDiagonal = joint.logDensity(new double[] {0.25, 0.25});
        double across = joint.logDensity(new double[] {0.25, 0.75});
        assertTrue(onDiagonal - across > 2, "joint: " + onDiagonal + " vs " + across);
        // the univariate model sees the same marginal in x and y: the two points score alike
        double[] column = new double[10];
        for (int i = 0; i < 10; i++) {
            column[i] = diagonal()[i][0];
        }
        ParzenEstimator marginal = new ParzenEstimator(column);
        assertEquals(marginal.logDensity(0.25) + marginal.logDensity(0.25),
                marginal.logDensity(0.25) + marginal.logDensity(0.75), 0.05);
    }

    @Test
    void drawsTakeEveryCoordinateFromOneKernel() {
        JointParzenEstimator joint = new JointParzenEstimator(XY, diagonal());
        Random rng = new Random(7);
        int near = 0;
        int draws = 2000;
        for (int i = 0; i < draws; i++) {
            double[] x = joint.sample(rng);
            assertTrue(x[0] >= 0 && x[0] <= 1 && x[1] >= 0 && x[1] <= 1);
            if (Math.abs(x[0] - x[1]) < 0.2) {
                near++;
            }
        }
        // 10 of 11 kernels sit on the diagonal with bandwidth 0.2 · 10^(-1/6) = 0.136 (|x - y| ~ N(0, 0.19):
        // P(< 0.2) ≈ 0.71, of 10/11); independent uniform coordinates would give 1 - 0.8² = 0.36
        assertTrue(near > 0.55 * draws, near + " of " + draws + " draws near the diagonal");
    }

    @Test
    void categoricalCoordinatesComeFromTheSameKernelAsTheOrderedOnes() {
        List<Dimension> dims = List.of(new Dimension("act", 3), new Dimension("lr", 0));
        double[][] points = new double[8][];
        for (int i = 0; i < 8; i++) {
            // category 0 always with a low lr, category 2 always with a high one
            points[i] = i % 2 == 0 ? new double[] {dims.get(0).unitOf(0), 0.1} : new double[] {dims.get(0).unitOf(2), 0.9};
        }
        JointParzenEstimator joint = new JointParzenEstimator(dims, points);
        assertTrue(joint.logDensity(new double[] {dims.get(0).unitOf(0), 0.1})
                > joint.logDensity(new double[] {dims.get(0).unitOf(0), 0.9}) + 1);
        assertTrue(joint.logDensity(new double[] {dims.get(0).unitOf(2), 0.9})
                > joint.logDensity(new double[] {dims.get(0).unitOf(2), 0.1}) + 1);
    }
}
