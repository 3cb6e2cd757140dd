package io.github.dl4jrecipes.tuning.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoTest {

    @Test
    void dominanceNeedsNoWorseEverywhereAndBetterSomewhere() {
        assertTrue(Pareto.dominates(new double[] {1, 2}, new double[] {1, 3}));
        assertTrue(Pareto.dominates(new double[] {0, 2}, new double[] {1, 3}));
        assertFalse(Pareto.dominates(new double[] {1, 2}, new double[] {1, 2}), "equal points: neither dominates");
        assertFalse(Pareto.dominates(new double[] {0, 4}, new double[] {1, 3}), "a trade-off");
        assertFalse(Pareto.dominates(new double[] {1, 3}, new double[] {1, 2}));
    }

    @Test
    void frontsOfHandWrittenLossesWithTies() {
        // losses (lower is better): −accuracy, parameters
        List<double[]> losses = List.of(
                new double[] {-0.90, 100},  // 0 A: front 1
                new double[] {-0.85, 50},   // 1 B: front 1
                new double[] {-0.90, 100},  // 2 C = A: front 1 (a tie dominates nothing)
                new double[] {-0.80, 60},   // 3 D: dominated by B only -> front 2
                new double[] {-0.95, 200},  // 4 E: front 1
                new double[] {-0.85, 120},  // 5 F: dominated by A, B, C -> front 2 (D does not dominate it)
                new double[] {-0.80, 130},  // 6 G: dominated by D -> front 3
                new double[] {-0.85, 50});  // 7 H = B: front 1
        assertArrayEquals(new int[] {1, 1, 1, 2, 1, 2, 3, 1}, Pareto.fronts(losses));
        assertArrayEquals(new int[] {0, 1, 2, 4, 7}, Pareto.front(losses));
    }

    @Test
    void oneObjectiveGivesOneFrontPerDistinctValueAndNoPointsNoFronts() {
        assertArrayEquals(new int[] {2, 1, 3, 1},
                Pareto.fronts(List.of(new double[] {2}, new double[] {1}, new double[] {5}, new double[] {1})));
        assertArrayEquals(new int[0], Pareto.fronts(List.of()));
    }
}
