package io.github.dl4jrecipes.tuning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImportanceTest {

    private static TrialRecord trial(int n, double[] x, double value) {
        return new TrialRecord(n, TrialStatus.COMPLETE, x, Map.of(), -1, 0, 1, List.of(value), Map.of(), null, 0,
                null, 0, null, null);
    }

    @Test
    void theHyperparameterThatDrivesTheObjectiveRanksFirst() {
        List<Dimension> dims = List.of(new Dimension("lr", 0), new Dimension("noise", 0), new Dimension("opt", 3));
        Random rng = new Random(3);
        List<TrialRecord> trials = new ArrayList<>();
        for (int n = 1; n <= 80; n++) {
            double[] x = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
            int opt = dims.get(2).category(x[2]);
            trials.add(trial(n, x, -Math.pow(x[0] - 0.3, 2) * 10 + (opt == 1 ? 0.3 : 0)));
        }
        Map<String, Double> importance = Importance.of(trials, dims, Direction.MAXIMIZE);
        assertEquals(List.of("lr", "opt", "noise"), List.copyOf(importance.keySet()));
        assertTrue(importance.get("lr") > 0.5, importance.toString());
        assertTrue(importance.get("noise") < 0.1, importance.toString());
        importance.values().forEach(v -> assertTrue(v >= 0 && v <= 1));
    }

    @Test
    void tooFewTrialsGiveNoImportance() {
        List<TrialRecord> trials = new ArrayList<>();
        for (int n = 1; n < Importance.MIN_TRIALS; n++) {
            trials.add(trial(n, new double[] {n / 10.0}, n));
        }
        assertTrue(Importance.of(trials, List.of(new Dimension("x", 0)), Direction.MAXIMIZE).isEmpty());
    }

    @Test
    void groupsOfEqualMeansExplainNothingAndSeparatedGroupsExplainAll() {
        List<Dimension> dims = List.of(new Dimension("c", 2));
        List<TrialRecord> none = new ArrayList<>();
        List<TrialRecord> all = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            double[] x = {n % 2 == 0 ? 0.25 : 0.75};
            none.add(trial(n, x, n <= 4 ? 1 : 2));       // each category holds one 1 and one 2 per pair
            all.add(trial(n, x, n % 2 == 0 ? 1 : 2));    // the category decides the value
        }
        assertEquals(0.0, Importance.of(none, dims, Direction.MAXIMIZE).get("c"), 1e-12);
        assertEquals(1.0, Importance.of(all, dims, Direction.MAXIMIZE).get("c"), 1e-12);
    }
}
