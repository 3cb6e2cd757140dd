package io.github.dl4jrecipes.tuning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hyperband and ASHA against tables computed by hand. */
class SuccessiveHalvingTest {

    @TempDir
    Path tmp;

    @Test
    void rungsArePowersOfEtaUpToMax() {
        assertEquals(List.of(1, 3, 9, 27, 81), Rungs.of(1, 81, 3).budgets());
        assertEquals(List.of(2, 4, 8, 16), Rungs.of(2, 20, 2).budgets(), "20 is rounded down to 16");
        assertEquals(List.of(5), Rungs.of(5, 5, 3).budgets());
    }

    /** Table 1 of Li et al. (2018), Hyperband with R = 81, η = 3: (n_i, r_i) per bracket s. */
    @Test
    void hyperbandBracketsMatchThePaper() {
        Hyperband hb = new Hyperband(Rungs.of(1, 81, 3), 1);
        int[][][] expected = {
                {{81, 1}, {27, 3}, {9, 9}, {3, 27}, {1, 81}},  // s = 4
                {{34, 3}, {11, 9}, {3, 27}, {1, 81}},          // s = 3
                {{15, 9}, {5, 27}, {1, 81}},                   // s = 2
                {{8, 27}, {2, 81}},                            // s = 1
                {{5, 81}},                                     // s = 0
        };
        for (int b = 0; b < expected.length; b++) {
            assertEquals(4 - b, hb.halvings(b));
            for (int i = 0; i < expected[b].length; i++) {
                assertEquals(expected[b][i][0], hb.trialsAt(b, i), "n of bracket " + b + " rung " + i);
                assertEquals(expected[b][i][1], hb.epochsAt(b, i), "r of bracket " + b + " rung " + i);
            }
        }
        assertEquals(4, hb.halvings(5), "a second sweep starts over at s = s_max");
    }

    /**
     * Hyperband, min 1, max 9, η = 3: brackets (9×1 → 3×3 → 1×9), (5×3 → 1×9), (3×9). Trial n's
     * objective is xs[n−1]; promoted trials continue from their checkpoints, so the total is
     * 9 + 3·2 + 6 = 21, 5·3 + 6 = 21 and 27: 69 epochs for 17 trials.
     */
    @Test
    void hyperbandPromotesTheTopThirdAndContinuesFromCheckpoints() {
        List<Double> xs = List.of(0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.95, 0.4,   // bracket 0
                0.6, 0.35, 0.85, 0.15, 0.55,                                       // bracket 1
                0.45, 0.65, 0.25);                                                 // bracket 2
        Map<Double, AtomicInteger> trained = Synthetic.counter();
        TuningResult<Map<String, Object>> result = Tuner.of(Synthetic.unitX(), Synthetic.fixed(xs),
                        Scheduler.hyperband(1, 9, 3)).maxTrials(100).threadsPerWorker(1)
                .study(tmp.resolve("hb")).run(Synthetic.xCounting(trained));

        Map<Integer, Integer> epochs = new TreeMap<>();
        result.trials().forEach(t -> epochs.put(t.number(), t.epochs()));
        Map<Integer, Integer> expected = new TreeMap<>();
        for (int n = 1; n <= 9; n++) {
            expected.put(n, 1);
        }
        expected.put(2, 3);
        expected.put(6, 3);
        expected.put(8, 9);
        for (int n = 10; n <= 14; n++) {
            expected.put(n, 3);
        }
        expected.put(12, 9);
        for (int n = 15; n <= 17; n++) {
            expected.put(n, 9);
        }
        assertEquals(expected, epochs);
        assertEquals(69, trained.values().stream().mapToInt(AtomicInteger::get).sum(),
                "promotions continue from checkpoints: no epoch is trained twice");
        assertEquals(9, trained.get(0.95).get());
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2),
                result.trials().stream().map(TrialRecord::bracket).toList());
        assertEquals(8, result.best().orElseThrow().number());
        assertTrue(result.trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETE));
    }

    /**
     * ASHA, rungs 1, 3, 9, η = 3, one worker, 9 trials. A trial is promoted once it is in the top
     * ⌊n/3⌋ of the n trials that reached its rung: t2 after t3, t6 after t6, t8 after t8 (to 3
     * epochs), then t8 again (top of the three at rung 1, to 9 epochs). Total 9 + 3 + 3 + 6 = 21.
     */
    @Test
    void ashaPromotesAsSoonAsATrialIsInTheTopThird() {
        List<Double> xs = List.of(0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.95, 0.4);
        Map<Double, AtomicInteger> trained = Synthetic.counter();
        TuningResult<Map<String, Object>> result = Tuner.of(Synthetic.unitX(), Synthetic.fixed(xs),
                        Scheduler.asha(1, 9, 3)).maxTrials(9).threadsPerWorker(1)
                .study(tmp.resolve("asha")).run(Synthetic.xCounting(trained));

        Map<Integer, Integer> epochs = new TreeMap<>();
        Map<Integer, Integer> rungs = new TreeMap<>();
        result.trials().forEach(t -> {
            epochs.put(t.number(), t.epochs());
            rungs.put(t.number(), t.rung());
        });
        assertEquals(Map.of(1, 1, 2, 3, 3, 1, 4, 1, 5, 1, 6, 3, 7, 1, 8, 9, 9, 1), epochs);
        assertEquals(Map.of(1, 0, 2, 1, 3, 0, 4, 0, 5, 0, 6, 1, 7, 0, 8, 2, 9, 0), rungs);
        assertEquals(21, trained.values().stream().mapToInt(AtomicInteger::get).sum());
    }

    @Test
    void totalEpochBudgetStopsTheSchedule() {
        List<Double> xs = List.of(0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.95, 0.4);
        Map<Double, AtomicInteger> trained = Synthetic.counter();
        TuningResult<Map<String, Object>> result = Tuner.of(Synthetic.unitX(), Synthetic.fixed(xs),
                        Scheduler.asha(1, 9, 3)).maxTrials(9).maxTotalEpochs(7).threadsPerWorker(1)
                .study(tmp.resolve("budget")).run(Synthetic.xCounting(trained));
        int total = result.trials().stream().mapToInt(TrialRecord::epochs).sum();
        assertTrue(total <= 7, "trained " + total);
        assertEquals(total, trained.values().stream().mapToInt(AtomicInteger::get).sum());
    }
}
