package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.Seeds;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Samplers on synthetic objectives: no network is trained. */
class StrategiesTest {

    /** The best learning rate of the synthetic objective: 10^-2.5. */
    private static final double BEST_LOG_LR = -2.5;
    private static final int TRIALS = 60;
    private static final int LATE = 30;

    @TempDir
    Path tmp;

    private static SearchSpace mixedSpace() {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> p = new LinkedHashMap<>();
        p.put("lr", Params.logUniform("lr", 1e-5, 1));
        p.put("optimizer", Params.choice("optimizer", "sgd", "adam", "rmsprop", "adagrad"));
        p.put("width", Params.integer("width", 1, 64));
        return SearchSpace.of(p);
    }

    /** Penalty for any optimizer but adam: large enough that the startup trials reveal it. */
    private static final double WRONG_OPTIMIZER = 3;

    /** A quadratic in log10(lr), a penalty for any optimizer but adam, and a mild one for width away from 32. */
    private static double objective(Map<String, Object> c) {
        double logLr = Math.log10((Double) c.get("lr"));
        double penalty = "adam".equals(c.get("optimizer")) ? 0 : WRONG_OPTIMIZER;
        return -Math.pow(logLr - BEST_LOG_LR, 2) - penalty - Math.abs((Integer) c.get("width") - 32) / 64.0;
    }

    /** Runs a sampler for TRIALS trials (loss = −objective) and returns the candidates in order. */
    private static List<Map<String, Object>> drive(Sampler sampler, long seed) {
        UnitSpace<Map<String, Object>> space = UnitSpace.of(mixedSpace());
        List<Observation> history = new ArrayList<>();
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int n = 1; n <= TRIALS; n++) {
            double[] x = sampler.propose(space.dimensions(), history, n, Seeds.forTrial(seed, n));
            Map<String, Object> c = space.value(x);
            candidates.add(c);
            history.add(new Observation(n, x, -objective(c), true));
        }
        return candidates;
    }

    private static double lateMean(List<Map<String, Object>> cs, ToDoubleFunction<Map<String, Object>> f) {
        return cs.subList(TRIALS - LATE, TRIALS).stream().mapToDouble(f).average().orElseThrow();
    }

    @Test
    void tpeConcentratesOnTheGoodRegionOfAQuadraticInLogLr() {
        double tpeDistance = 0;
        double randomDistance = 0;
        double tpeAdam = 0;
        double randomAdam = 0;
        long[] seeds = {1, 2, 3};
        for (long seed : seeds) {
            List<Map<String, Object>> tpe = drive(Samplers.tpe(), seed);
            List<Map<String, Object>> random = drive(Samplers.random(), seed);
            ToDoubleFunction<Map<String, Object>> distance =
                    c -> Math.abs(Math.log10((Double) c.get("lr")) - BEST_LOG_LR);
            ToDoubleFunction<Map<String, Object>> adam = c -> "adam".equals(c.get("optimizer")) ? 1 : 0;
            tpeDistance += lateMean(tpe, distance) / seeds.length;
            randomDistance += lateMean(random, distance) / seeds.length;
            tpeAdam += lateMean(tpe, adam) / seeds.length;
            randomAdam += lateMean(random, adam) / seeds.length;
        }
        // random search over 5 decades sits ~1.3 decades from the optimum on average
        assertTrue(tpeDistance < randomDistance / 2, "TPE " + tpeDistance + " vs random " + randomDistance);
        assertTrue(tpeAdam > 0.6 && randomAdam < 0.4, "share of adam: TPE " + tpeAdam + ", random " + randomAdam);
    }

    @Test
    void tpeBeatsRandomSearchOnBestAfterNTrials() {
        for (long seed = 1; seed <= 3; seed++) {
            double tpe = drive(Samplers.tpe(), seed).stream().mapToDouble(StrategiesTest::objective).max().orElseThrow();
            double random = drive(Samplers.random(), seed).stream().mapToDouble(StrategiesTest::objective).max()
                    .orElseThrow();
            assertTrue(tpe > random, "seed " + seed + ": TPE best " + tpe + " vs random " + random);
        }
    }

    @Test
    void multivariateTpeFollowsARidgeThatUnivariateTpeCannotSee() {
        // loss |x - y|: every x and every y is good with the right partner, so the marginals of the good
        // trials are flat and only the joint density tells where to go
        UnitSpace<Map<String, Object>> space = UnitSpace.of(SearchSpace.of(Map.of(
                "x", Params.uniform("x", 0, 1), "y", Params.uniform("y", 0, 1))));
        double joint = 0;
        double univariate = 0;
        int wins = 0;
        for (long seed = 1; seed <= RIDGE_SEEDS; seed++) {
            double j = lateRidgeGap(space, Samplers.multivariateTpe(), seed);
            double u = lateRidgeGap(space, Samplers.tpe(), seed);
            joint += j / RIDGE_SEEDS;
            univariate += u / RIDGE_SEEDS;
            wins += j < u ? 1 : 0;
        }
        // measured: mean |x - y| 0.095 (multivariate) vs 0.161 (univariate) vs 0.35 (random), 7 wins of 8
        assertTrue(joint < 0.75 * univariate, "mean |x - y| of the late trials: multivariate " + joint
                + " vs univariate " + univariate);
        assertTrue(wins >= 6, "multivariate closer to the ridge on " + wins + " of " + RIDGE_SEEDS + " seeds");
    }

    private static final int RIDGE_SEEDS = 8;

    private static double lateRidgeGap(UnitSpace<Map<String, Object>> space, Sampler sampler, long seed) {
        List<Observation> history = new ArrayList<>();
        double late = 0;
        for (int n = 1; n <= TRIALS; n++) {
            double[] x = sampler.propose(space.dimensions(), history, n, Seeds.forTrial(seed, n));
            double gap = Math.abs(x[0] - x[1]);
            history.add(new Observation(n, x, gap, true));
            if (n > TRIALS - LATE) {
                late += gap / LATE;
            }
        }
        return late;
    }

    @Test
    void zoomInShrinksAroundTheBest() {
        List<Map<String, Object>> zoom = drive(Samplers.zoomIn(10, 0.5), 7);
        List<Map<String, Object>> random = drive(Samplers.random(), 7);
        ToDoubleFunction<Map<String, Object>> distance =
                c -> Math.abs(Math.log10((Double) c.get("lr")) - BEST_LOG_LR);
        assertTrue(lateMean(zoom, distance) < 0.75 * lateMean(random, distance),
                "zoom-in " + lateMean(zoom, distance) + " vs random " + lateMean(random, distance));
        // the last round's box (half-width 0.5 · 0.5^5 of the unit range) is narrow
        List<Double> lastRound = zoom.subList(50, 60).stream().map(c -> Math.log10((Double) c.get("lr"))).toList();
        double spread = lastRound.stream().mapToDouble(d -> d).max().orElseThrow()
                - lastRound.stream().mapToDouble(d -> d).min().orElseThrow();
        assertTrue(spread <= 5 * 2 * 0.5 * Math.pow(0.5, 5) + 1e-9, "spread " + spread + " decades");
    }

    @Test
    void samplersAreDeterministicForASeed() {
        for (Sampler s : List.of(Samplers.tpe(), Samplers.zoomIn(), Samplers.random())) {
            assertEquals(drive(s, 11), drive(s, 11));
        }
    }

    @Test
    void arbiterGridIsASamplerAndIsExhausted() {
        SearchSpace space = SearchSpace.of(Map.of("x", Params.uniform("x", 0, 1),
                "c", Params.choice("c", "a", "b")));
        UnitSpace<Map<String, Object>> unit = UnitSpace.of(space);
        Sampler grid = Samplers.arbiter(new GridSearchCandidateGenerator(space, 3,
                GridSearchCandidateGenerator.Mode.Sequential, null));
        Set<Map<String, Object>> seen = new HashSet<>();
        List<Observation> history = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            double[] x = grid.propose(unit.dimensions(), history, n, new Random(n));
            assertTrue(seen.add(unit.value(x)), "grid point repeated: " + unit.value(x));
            history.add(new Observation(n, x, 0, true));
        }
        assertNull(grid.propose(unit.dimensions(), history, 7, new Random(7)), "3 x 2 grid is exhausted");
    }

    /** Every strategy through the Tuner on a tiny synthetic problem with a fixed seed. */
    @Test
    void everyStrategyFindsAGoodRegionThroughTheTuner() {
        Objective<Map<String, Object>> quad = Objective.curve((c, epochs) -> objective(c) - 1.0 / epochs);
        Map<String, Tuner<Map<String, Object>>> tuners = new LinkedHashMap<>();
        tuners.put("random", Tuner.random(mixedSpace(), 2).maxTrials(40));
        tuners.put("tpe", Tuner.tpe(mixedSpace(), 2).maxTrials(40));
        tuners.put("zoom", Tuner.of(mixedSpace(), Samplers.zoomIn(), Scheduler.fullBudget(2)).maxTrials(40));
        tuners.put("asha", Tuner.asha(mixedSpace(), 1, 9, 3).maxTrials(40));
        tuners.put("hyperband", Tuner.hyperband(mixedSpace(), 1, 9, 3));
        tuners.put("tpe+median", Tuner.tpe(mixedSpace(), 4).maxTrials(30).pruner(Pruner.median(3, 1)));
        for (Map.Entry<String, Tuner<Map<String, Object>>> e : tuners.entrySet()) {
            TuningResult<Map<String, Object>> a = e.getValue().seed(5).threadsPerWorker(1)
                    .study(tmp.resolve(e.getKey())).run(quad);
            TrialRecord best = a.best().orElseThrow();
            // the objective spans about [-10.3, -0.5]; a uniform draw averages about -6
            assertTrue(best.value() > -3.0, e.getKey() + " best " + best.value() + " " + best.params());
            assertEquals(a.bestCandidate().orElseThrow().get("optimizer").toString(), best.params().get("optimizer"));
        }
    }
}
