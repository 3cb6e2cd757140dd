package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.Seeds;
import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CMA-ES as a sampler: synthetic objectives, no network is trained. */
class CmaEsSamplerTest {

    /** The minimum of the ellipsoid: a = 0.3, b = 0.7, c = 0.2, log10(lr) = -3. */
    private static final double[] OPTIMUM = {0.3, 0.7, 0.2, -3};

    /** 30 generations of 8. */
    private static final int TRIALS = 240;

    @TempDir
    Path tmp;

    private static SearchSpace ellipsoidSpace() {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> p = new LinkedHashMap<>();
        p.put("a", Params.uniform("a", 0, 1));
        p.put("b", Params.uniform("b", 0, 1));
        p.put("c", Params.uniform("c", 0, 1));
        p.put("lr", Params.logUniform("lr", 1e-5, 1e-1));
        return SearchSpace.of(p);
    }

    /** An ellipsoid with axis weights 1, 4, 16 and 1 (per decade) around {@link #OPTIMUM}; its minimum is 0. */
    private static double ellipsoid(Map<String, Object> c) {
        double a = (Double) c.get("a") - OPTIMUM[0];
        double b = (Double) c.get("b") - OPTIMUM[1];
        double cc = (Double) c.get("c") - OPTIMUM[2];
        double lr = Math.log10((Double) c.get("lr")) - OPTIMUM[3];
        return a * a + 4 * b * b + 16 * cc * cc + lr * lr;
    }

    private static List<Map<String, Object>> drive(Sampler sampler, SearchSpace searchSpace,
                                                   ToDoubleFunction<Map<String, Object>> loss, int trials, long seed) {
        UnitSpace<Map<String, Object>> space = UnitSpace.of(searchSpace);
        List<Observation> history = new ArrayList<>();
        List<Map<String, Object>> candidates = new ArrayList<>();
        for (int n = 1; n <= trials; n++) {
            double[] x = sampler.propose(space.dimensions(), history, n, Seeds.forTrial(seed, n));
            Map<String, Object> c = space.value(x);
            candidates.add(c);
            history.add(new Observation(n, x, loss.applyAsDouble(c), true));
        }
        return candidates;
    }

    private static Map<String, Object> best(List<Map<String, Object>> candidates) {
        return candidates.stream().min(java.util.Comparator.comparingDouble(CmaEsSamplerTest::ellipsoid)).orElseThrow();
    }

    @Test
    void convergesToTheMinimumOfAnEllipsoidFarBetterThanRandomSearch() {
        for (long seed = 1; seed <= 3; seed++) {
            Map<String, Object> cma = best(drive(Samplers.cmaEs(), ellipsoidSpace(), CmaEsSamplerTest::ellipsoid,
                    TRIALS, seed));
            Map<String, Object> random = best(drive(Samplers.random(), ellipsoidSpace(),
                    CmaEsSamplerTest::ellipsoid, TRIALS, seed));
            // measured: best ellipsoid 4.7e-4, 3.7e-5, 6.2e-4 for seeds 1-3; random search 0.22, 0.072, 0.046.
            // Below 1e-3, every axis is within sqrt(1e-3 / its weight) of the minimum
            assertTrue(ellipsoid(cma) < 1e-3, "seed " + seed + ": " + ellipsoid(cma) + " at " + cma);
            assertEquals(OPTIMUM[0], (Double) cma.get("a"), 0.032, "seed " + seed + ": " + cma);
            assertEquals(OPTIMUM[1], (Double) cma.get("b"), 0.016, "seed " + seed + ": " + cma);
            assertEquals(OPTIMUM[2], (Double) cma.get("c"), 0.008, "seed " + seed + ": " + cma);
            assertEquals(OPTIMUM[3], Math.log10((Double) cma.get("lr")), 0.032, "seed " + seed + ": " + cma);
            assertTrue(ellipsoid(cma) < ellipsoid(random) / 50, "seed " + seed + ": CMA-ES " + ellipsoid(cma)
                    + " vs random " + ellipsoid(random));
        }
    }

    @Test
    void theSameSeedGivesTheSameProposalsAndAnotherSeedOthers() {
        SearchSpace space = mixedSpace();
        assertEquals(drive(Samplers.cmaEs(), space, CmaEsSamplerTest::mixed, 40, 7),
                drive(Samplers.cmaEs(), space, CmaEsSamplerTest::mixed, 40, 7));
        assertTrue(!drive(Samplers.cmaEs(), space, CmaEsSamplerTest::mixed, 40, 7)
                .equals(drive(Samplers.cmaEs(), space, CmaEsSamplerTest::mixed, 40, 8)));
    }

    private static SearchSpace mixedSpace() {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> p = new LinkedHashMap<>();
        p.put("x", Params.uniform("x", 0, 1));
        p.put("width", Params.integer("width", 1, 64));
        p.put("optimizer", Params.choice("optimizer", "sgd", "adam", "rmsprop"));
        return SearchSpace.of(p);
    }

    /** Minimum at x = 0.6, width 40, adam. */
    private static double mixed(Map<String, Object> c) {
        double x = (Double) c.get("x") - 0.6;
        double w = ((Integer) c.get("width") - 40) / 64.0;
        return x * x + w * w + ("adam".equals(c.get("optimizer")) ? 0 : 1);
    }

    @Test
    void integersAreRoundedAndCategoriesComeFromTheTpePath() {
        List<Map<String, Object>> cs = drive(Samplers.cmaEs(), mixedSpace(), CmaEsSamplerTest::mixed, 80, 3);
        for (Map<String, Object> c : cs) {
            assertTrue(c.get("width") instanceof Integer, c.toString());
        }
        long adamLate = cs.subList(40, 80).stream().filter(c -> "adam".equals(c.get("optimizer"))).count();
        // a uniform draw would pick adam a third of the time (about 13 of 40); TPE learns the penalty
        assertTrue(adamLate >= 25, "adam in " + adamLate + " of the last 40 trials");
        Map<String, Object> best = cs.stream().min(java.util.Comparator.comparingDouble(CmaEsSamplerTest::mixed))
                .orElseThrow();
        assertEquals(0.6, (Double) best.get("x"), 0.05, best.toString());
        assertEquals(40, (Integer) best.get("width"), 4, best.toString());
    }

    @Test
    void aResumedStudyProposesWhatAnUninterruptedOneDoes() {
        Objective<Map<String, Object>> objective = Objective.<Map<String, Object>>curve((c, epochs) -> ellipsoid(c))
                .improving(Direction.MINIMIZE);
        TuningResult<Map<String, Object>> whole = Tuner.of(ellipsoidSpace(), Samplers.cmaEs(),
                Scheduler.fullBudget(1)).maxTrials(30).seed(9).threadsPerWorker(1).study(tmp.resolve("whole"))
                .run(objective);
        Path split = tmp.resolve("split");
        Tuner.of(ellipsoidSpace(), Samplers.cmaEs(), Scheduler.fullBudget(1)).maxTrials(13).seed(9)
                .threadsPerWorker(1).study(split).run(objective);
        TuningResult<Map<String, Object>> resumed = Tuner.of(ellipsoidSpace(), Samplers.cmaEs(),
                Scheduler.fullBudget(1)).maxTrials(30).seed(9).threadsPerWorker(1).study(split).run(objective);
        assertEquals(30, resumed.trials().size());
        // 13 trials stop inside the second generation of 8; the resumed study rebuilds it from the ledger
        for (int i = 0; i < 30; i++) {
            assertEquals(whole.trials().get(i).params(), resumed.trials().get(i).params(), "trial " + (i + 1));
        }
    }

    @Test
    void aSpaceWithoutAContinuousOrIntegerHyperparameterIsRefused() {
        SearchSpace categorical = SearchSpace.of(Map.of("optimizer", Params.choice("optimizer", "sgd", "adam")));
        UnitSpace<Map<String, Object>> space = UnitSpace.of(categorical);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samplers.cmaEs().propose(space.dimensions(), List.of(), 1, Seeds.forTrial(1, 1)));
        assertTrue(e.getMessage().contains("Samplers.cmaEs()"), e.getMessage());
        assertTrue(e.getMessage().contains("[optimizer]"), e.getMessage());
        assertTrue(e.getMessage().contains("Samplers.tpe()"), e.getMessage());
        IllegalStateException viaTuner = assertThrows(IllegalStateException.class, () -> Tuner.of(categorical,
                Samplers.cmaEs(), Scheduler.fullBudget(1)).maxTrials(3).threadsPerWorker(1)
                .study(tmp.resolve("s")).run(Objective.<Map<String, Object>>curve((c, epochs) -> 0.0)));
        assertTrue(viaTuner.getMessage().contains("Samplers.cmaEs()"), viaTuner.getMessage());
    }
}
