package io.github.dl4jrecipes.tuning.internal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CmaEsTest {

    @Test
    void populationSizeAndWeightsFollowTheTutorial() {
        // λ = 4 + floor(3 ln n): n = 2 → 4 + floor(2.08) = 6, n = 10 → 4 + floor(6.91) = 10, n = 1 → 4
        assertEquals(6, CmaEs.populationSize(2));
        assertEquals(10, CmaEs.populationSize(10));
        assertEquals(4, CmaEs.populationSize(1));
        // μ = 3, w'_i = ln 3.5 − ln i = 1.2528, 0.5596, 0.1542; sum 1.9666
        assertArrayEquals(new double[] {0.63704, 0.28455, 0.07841}, new CmaEs(new double[] {0.5, 0.5}, 0.2).weights(),
                1e-4);
    }

    @Test
    void theMeanMovesToTheWeightedMeanOfTheBestHalf() {
        CmaEs es = new CmaEs(new double[] {0.5, 0.5}, 0.2);
        double[][] points = {{0.6, 0.5}, {0.4, 0.4}, {0.5, 0.6}, {0.45, 0.5}, {0.55, 0.55}, {0.5, 0.45}};
        double[] losses = {3, 0, 5, 1, 4, 2};
        es.tell(points, losses);
        // best three: (0.4, 0.4), (0.45, 0.5), (0.5, 0.45) with weights 0.63704, 0.28455, 0.07841
        double x = 0.63704 * 0.4 + 0.28455 * 0.45 + 0.07841 * 0.5;
        double y = 0.63704 * 0.4 + 0.28455 * 0.5 + 0.07841 * 0.45;
        assertArrayEquals(new double[] {x, y}, es.mean(), 1e-4);
    }

    @Test
    void samplesStayInTheUnitCubeAndTheStepShrinksNearAMinimum() {
        CmaEs es = new CmaEs(new double[] {0.5, 0.5, 0.5}, 1.0 / 6);
        Random rng = new Random(1);
        for (int g = 0; g < 30; g++) {
            double[][] xs = new double[es.lambda()][];
            double[] losses = new double[es.lambda()];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = es.sample(rng);
                for (double v : xs[i]) {
                    assertTrue(v >= 0 && v <= 1, "outside the cube: " + v);
                }
                losses[i] = Math.pow(xs[i][0] - 0.2, 2) + Math.pow(xs[i][1] - 0.9, 2) + Math.pow(xs[i][2] - 0.5, 2);
            }
            es.tell(xs, losses);
        }
        assertTrue(es.sigma() < 0.01, "sigma " + es.sigma());
        assertArrayEquals(new double[] {0.2, 0.9, 0.5}, es.mean(), 0.01);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CmaEs(new double[0], 0.2));
        assertThrows(IllegalArgumentException.class, () -> new CmaEs(new double[] {0.5}, 0));
        CmaEs es = new CmaEs(new double[] {0.5, 0.5}, 0.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> es.tell(new double[][] {{0.5, 0.5}}, new double[] {1}));
        assertTrue(e.getMessage().contains("6 points, got 1"), e.getMessage());
    }
}
