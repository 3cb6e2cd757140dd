package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.UnitSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queued candidates ({@link Tuner#enqueue}) on synthetic spaces: order, resume, values mapped back into the cube. */
class QueueTest {

    @TempDir
    Path tmp;

    @Test
    void valuesMapBackToTheCoordinatesArbiterReadsThemFrom() {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> params = new LinkedHashMap<>();
        params.put("a", Params.logUniform("a", 1e-4, 1e-1));
        params.put("b", Params.powersOfTwo("b", 16, 256));
        params.put("c", Params.choice("c", "x", "y", "z"));
        params.put("d", Params.integer("d", 1, 3));
        params.put("e", Params.uniform("e", 0, 0.5));
        UnitSpace<Map<String, Object>> unit = UnitSpace.of(SearchSpace.of(params));
        double[] point = unit.pointOf(Map.of("a", 1e-2, "b", 64, "c", "Z", "d", "2", "e", 0.125));
        // log-uniform: (log 1e-2 - log 1e-4) / (log 1e-1 - log 1e-4) = 2/3; 64 is choice 2 of 5: 2.5/5;
        // z is choice 2 of 3: 2.5/3; 2 is integer 1 of 3: 1.5/3; 0.125 of [0, 0.5]: 1/4
        assertArrayEquals(new double[] {2.0 / 3, 0.5, 2.5 / 3, 0.5, 0.25}, point, 1e-12);
        Map<String, Object> back = unit.value(point);
        assertEquals(1e-2, (Double) back.get("a"), 1e-15);
        assertEquals(64, back.get("b"));
        assertEquals("z", back.get("c"));
        assertEquals(2, back.get("d"));
        assertEquals(0.125, (Double) back.get("e"), 1e-15);

        double[] partial = unit.pointOf(Map.of("b", 16));
        assertEquals(0.1, partial[1], 1e-12);
        assertTrue(Double.isNaN(partial[0]) && Double.isNaN(partial[4]), "names left out stay open");

        double[] nearest = unit.nearestPointOf(Map.of("a", 0.0, "b", 100, "e", 9.0));
        assertEquals(0, nearest[0], 0, "below a range: its lower bound");
        assertEquals(0.7, nearest[1], 1e-12, "100 is nearest to 128, choice 3 of 5");
        assertEquals(1, nearest[4], 0, "above a range: its upper bound");
        assertEquals(0.5, nearest[2], 0, "not given: the centre");
    }

    @Test
    void queuedCandidatesTrainFirstInOrderAndOnceAcrossResumes() throws Exception {
        Path dir = tmp.resolve("s");
        TuningResult<Map<String, Object>> first = Tuner.random(Synthetic.unitX(), 1).maxTrials(4).threadsPerWorker(1)
                .enqueue(Map.of("x", 0.9)).enqueue(Map.of("x", "0.25")).study(dir).run(xObjective());
        List<TrialRecord> trials = first.trials();
        assertEquals(List.of(TrialSource.QUEUED, TrialSource.QUEUED, TrialSource.SAMPLER, TrialSource.SAMPLER),
                trials.stream().map(TrialRecord::source).toList());
        assertEquals(0.9, trials.get(0).value(), 1e-12);
        assertEquals(0.25, trials.get(1).value(), 1e-12);
        List<String> csv = Files.readAllLines(dir.resolve("leaderboard.csv"));
        assertEquals("rank,trial,status,objective,epochs,source,x", csv.get(0));
        assertTrue(csv.get(1).matches("1,1,complete,0\\.(9|89999+\\d*),1,queued,.*"),
                "the best row says where it came from: " + csv);

        TuningResult<Map<String, Object>> resumed = Tuner.random(Synthetic.unitX(), 1).maxTrials(5)
                .threadsPerWorker(1).enqueue(Map.of("x", 0.9)).enqueue(Map.of("x", "0.25")).study(dir)
                .run(xObjective());
        assertEquals(5, resumed.trials().size());
        assertEquals(TrialSource.SAMPLER, resumed.trials().get(4).source(), "queued ones are not trained twice");
    }

    @Test
    void anUnknownNameOrAValueOutsideItsSpaceIsRefusedBeforeTheStudyIsWritten() {
        Path dir = tmp.resolve("s");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Tuner.random(
                Synthetic.unitX(), 1).threadsPerWorker(1).enqueue(Map.of("y", 1)).study(dir).run(xObjective()));
        assertTrue(unknown.getMessage().contains("enqueue: no hyperparameter 'y'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("[x]"), "lists the names: " + unknown.getMessage());
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> Tuner.random(
                Synthetic.unitX(), 1).threadsPerWorker(1).enqueue(Map.of("x", 2)).study(dir).run(xObjective()));
        assertTrue(outside.getMessage().contains("enqueue: x=2 is not a value of its space"), outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tuner.random(Synthetic.unitX(), 1).enqueue(Map.of()));
        assertFalse(Files.exists(dir), "nothing written");
    }

    private static Objective<Map<String, Object>> xObjective() {
        return Objective.curve((c, epochs) -> (Double) c.get("x"));
    }
}
