package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.core.train.internal.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Studies with two objectives: accuracy-like x (maximised) against a cost (x + y)/2 (minimised). */
class MultiObjectiveTest {

    @TempDir
    Path tmp;

    private static SearchSpace xy() {
        Map<String, org.deeplearning4j.arbiter.optimize.api.ParameterSpace<?>> p = new LinkedHashMap<>();
        p.put("x", Params.uniform("x", 0, 1));
        p.put("y", Params.uniform("y", 0, 1));
        return SearchSpace.of(p);
    }

    /** An objective whose epoch results come from {@code values}, the same after every epoch. */
    private static Objective<Map<String, Object>> reporting(BiFunction<Double, Double, EpochResult> values) {
        return (candidate, context) -> new TrialSession() {
            @Override
            public EpochResult trainEpoch(int epoch) {
                return values.apply((Double) candidate.get("x"), (Double) candidate.get("y"));
            }

            @Override
            public void save(Path file) throws Exception {
                Files.writeString(file, "-");
            }

            @Override
            public void restore(Path file) {
            }
        };
    }

    private static Objective<Map<String, Object>> accuracyAndCost() {
        return reporting((x, y) -> EpochResult.of(x, (x + y) / 2));
    }

    private Tuner<Map<String, Object>> tuner(Sampler sampler, String dir) {
        return Tuner.of(xy(), sampler, Scheduler.fullBudget(2)).directions(Direction.MAXIMIZE, Direction.MINIMIZE)
                .maxTrials(24).seed(3).threadsPerWorker(1).study(tmp.resolve(dir));
    }

    /** The front worked out by brute force: a trial is on it when no other is >= in x and <= in cost, better in one. */
    private static Set<Integer> expectedFront(List<TrialRecord> trials) {
        Set<Integer> front = new TreeSet<>();
        for (TrialRecord a : trials) {
            double ax = a.objectives()[0];
            double ac = a.objectives()[1];
            boolean dominated = trials.stream().anyMatch(b -> b.objectives()[0] >= ax && b.objectives()[1] <= ac
                    && (b.objectives()[0] > ax || b.objectives()[1] < ac));
            if (!dominated) {
                front.add(a.number());
            }
        }
        return front;
    }

    @Test
    void theStudyKeepsEveryValueAndRanksTheParetoFrontFirst() throws Exception {
        TuningResult<Map<String, Object>> result = tuner(Samplers.random(), "s").run(accuracyAndCost());
        List<TrialRecord> trials = result.trials();
        assertEquals(24, trials.size());
        for (TrialRecord t : trials) {
            double x = Double.parseDouble(t.params().get("x"));
            double y = Double.parseDouble(t.params().get("y"));
            assertEquals(TrialStatus.COMPLETE, t.status());
            assertEquals(List.of(List.of(x, (x + y) / 2), List.of(x, (x + y) / 2)), t.objectiveValues());
            assertEquals(x, t.value());
        }
        Set<Integer> front = expectedFront(trials);
        assertTrue(front.size() >= 2 && front.size() < 24, "a real front: " + front);
        List<TrialRecord> got = result.paretoFront();
        assertEquals(front, new TreeSet<>(got.stream().map(TrialRecord::number).toList()));
        // ranked: the front first, by the first objective (higher x first)
        List<TrialRecord> rows = result.leaderboard().rows();
        assertEquals(front, new TreeSet<>(rows.subList(0, front.size()).stream().map(TrialRecord::number).toList()));
        for (int i = 1; i < front.size(); i++) {
            assertTrue(rows.get(i - 1).value() >= rows.get(i).value());
        }
        assertEquals(rows.get(0).number(), result.best().orElseThrow().number());

        // leaderboard.csv: a front column, both objectives
        List<String> csv = Files.readAllLines(result.studyDir().resolve("leaderboard.csv"));
        assertTrue(csv.get(0).startsWith("rank,trial,status,front,objective,objective_2,epochs,source"), csv.get(0));
        Set<Integer> csvFront = new TreeSet<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",");
            if (cells[3].equals("1")) {
                csvFront.add(Integer.parseInt(cells[1]));
            }
        }
        assertEquals(front, csvFront);
        List<?> json = Json.MAPPER.readValue(result.studyDir().resolve("leaderboard.json").toFile(), List.class);
        Map<?, ?> top = (Map<?, ?>) json.get(0);
        assertEquals(1, top.get("front"));
        assertEquals(List.of(rows.get(0).objectives()[0], rows.get(0).objectives()[1]), top.get("objectives"));
        assertEquals(List.of("MAXIMIZE", "MINIMIZE"), top.get("directions"));
    }

    @Test
    void theReportMarksExactlyTheFrontTrialsAndDrawsTheFrontLine() throws Exception {
        TuningResult<Map<String, Object>> result = tuner(Samplers.random(), "s").run(accuracyAndCost());
        Set<Integer> front = expectedFront(result.trials());
        Element svg = HtmlReportTest.svg(Files.readString(result.report()), "pareto");
        Set<Integer> marked = new TreeSet<>();
        Set<Integer> dominated = new TreeSet<>();
        NodeList circles = svg.getElementsByTagName("circle");
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            int trial = Integer.parseInt(c.getAttribute("data-trial"));
            (c.getAttribute("class").equals("pareto-front") ? marked : dominated).add(trial);
        }
        assertEquals(front, marked);
        Set<Integer> rest = new TreeSet<>();
        result.trials().forEach(t -> rest.add(t.number()));
        rest.removeAll(front);
        assertEquals(rest, dominated);
        // the line joins the front's points from left to right: as many points as front trials, x rising
        Element line = (Element) svg.getElementsByTagName("polyline").item(0);
        assertEquals("pareto-line", line.getAttribute("id"));
        String[] pts = line.getAttribute("points").trim().split("\\s+");
        assertEquals(front.size(), pts.length);
        for (int i = 1; i < pts.length; i++) {
            assertTrue(Double.parseDouble(pts[i].split(",")[0]) >= Double.parseDouble(pts[i - 1].split(",")[0]));
        }
        // x = objective 1 on [min, max] of the complete trials, across the frame 56 … 664
        double lo = result.trials().stream().mapToDouble(t -> t.objectives()[0]).min().orElseThrow();
        double hi = result.trials().stream().mapToDouble(t -> t.objectives()[0]).max().orElseThrow();
        TrialRecord first = result.paretoFront().get(0);
        assertEquals(56 + (first.objectives()[0] - lo) / (hi - lo) * (720 - 112),
                Double.parseDouble(pts[pts.length - 1].split(",")[0]), 0.06);
    }

    @Test
    void aReopenedStudyReadsItsValuesBackAndRefusesOtherDirections() throws Exception {
        TuningResult<Map<String, Object>> first = tuner(Samplers.random(), "s").run(accuracyAndCost());
        TuningResult<Map<String, Object>> again = tuner(Samplers.random(), "s").run(
                reporting((x, y) -> { throw new AssertionError("a finished study trains nothing"); }));
        assertEquals(first.trials().size(), again.trials().size());
        for (int i = 0; i < first.trials().size(); i++) {
            assertEquals(first.trials().get(i).objectiveValues(), again.trials().get(i).objectiveValues());
        }
        Map<?, ?> info = Json.MAPPER.readValue(tmp.resolve("s/study.json").toFile(), Map.class);
        assertEquals(2, info.get("format"));
        assertEquals(List.of("MAXIMIZE", "MINIMIZE"), info.get("directions"));

        IllegalStateException other = assertThrows(IllegalStateException.class, () -> Tuner.of(xy(), Samplers.random(),
                Scheduler.fullBudget(2)).directions(Direction.MAXIMIZE, Direction.MAXIMIZE).maxTrials(24).seed(3)
                .threadsPerWorker(1).study(tmp.resolve("s")).run(accuracyAndCost()));
        assertTrue(other.getMessage().contains("MAXIMIZE, MINIMIZE its 2 objectives")
                && other.getMessage().contains("MAXIMIZE, MAXIMIZE its 2 objectives"), other.getMessage());
        IllegalStateException single = assertThrows(IllegalStateException.class, () -> Tuner.of(xy(),
                Samplers.random(), Scheduler.fullBudget(2)).maxTrials(24).seed(3).threadsPerWorker(1)
                .study(tmp.resolve("s")).run(Objective.curve((c, e) -> 0.0)));
        assertTrue(single.getMessage().contains("MAXIMIZE its objective"), single.getMessage());
    }

    @Test
    void aSingleObjectiveStudyWritesTheFilesOlderVersionsRead() throws Exception {
        Tuner.of(xy(), Samplers.random(), Scheduler.fullBudget(1)).maxTrials(2).threadsPerWorker(1)
                .study(tmp.resolve("one")).run(Objective.curve((c, e) -> (Double) c.get("x")));
        Map<?, ?> info = Json.MAPPER.readValue(tmp.resolve("one/study.json").toFile(), Map.class);
        assertEquals(1, info.get("format"));
        assertFalse(info.containsKey("directions"));
        String trial = Files.readString(tmp.resolve("one/trials/00001.json"));
        assertFalse(trial.contains("objectiveValues"), trial);
    }

    @Test
    void samplersSeeEachCompleteTrialsParetoFrontAsItsLoss() {
        List<List<Observation>> seen = new CopyOnWriteArrayList<>();
        Sampler recording = (dims, history, trial, rng) -> {
            seen.add(List.copyOf(history));
            return Samplers.random().propose(dims, history, trial, rng);
        };
        TuningResult<Map<String, Object>> result = Tuner.of(xy(), recording, Scheduler.fullBudget(1))
                .directions(Direction.MAXIMIZE, Direction.MINIMIZE).maxTrials(12).seed(5).threadsPerWorker(1)
                .study(tmp.resolve("s")).run(accuracyAndCost());
        List<Observation> last = seen.get(seen.size() - 1);
        List<TrialRecord> before = result.trials().subList(0, last.size());
        // fronts by hand: peel off the brute-force front repeatedly
        List<TrialRecord> left = new ArrayList<>(before);
        Map<Integer, Integer> fronts = new LinkedHashMap<>();
        for (int rank = 1; !left.isEmpty(); rank++) {
            Set<Integer> front = expectedFront(left);
            for (int n : front) {
                fronts.put(n, rank);
            }
            left.removeIf(t -> front.contains(t.number()));
        }
        assertTrue(fronts.values().stream().anyMatch(r -> r > 1), "several fronts: " + fronts);
        for (Observation o : last) {
            assertTrue(o.complete());
            assertEquals((double) fronts.get(o.trial()), o.loss(), "trial " + o.trial());
        }
    }

    @Test
    void tpeAndCmaEsRunMultiObjectiveStudies() {
        for (Sampler s : List.of(Samplers.tpe(4), Samplers.cmaEs())) {
            TuningResult<Map<String, Object>> r = Tuner.of(xy(), s, Scheduler.fullBudget(1))
                    .directions(Direction.MAXIMIZE, Direction.MINIMIZE).maxTrials(16).seed(2).threadsPerWorker(1)
                    .study(tmp.resolve(s.toString().replaceAll("\\W", ""))).run(accuracyAndCost());
            assertEquals(16, r.trials().stream().filter(t -> t.status() == TrialStatus.COMPLETE).count());
            assertEquals(expectedFront(r.trials()),
                    new TreeSet<>(r.paretoFront().stream().map(TrialRecord::number).toList()));
        }
    }

    @Test
    void aValueCountThatDoesNotMatchTheDirectionsStopsTheStudy() {
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> tuner(Samplers.random(),
                "one").run(reporting((x, y) -> EpochResult.of(x))));
        assertTrue(one.getMessage().contains("reported 1 value(s)") && one.getMessage().contains("2 direction(s)")
                && one.getMessage().contains("EpochResult.of(first, second, ...)"), one.getMessage());
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class, () -> Tuner.of(xy(),
                Samplers.random(), Scheduler.fullBudget(1)).maxTrials(3).threadsPerWorker(1)
                .study(tmp.resolve("three")).run(reporting((x, y) -> EpochResult.of(x, y, 1.0))));
        assertTrue(three.getMessage().contains("reported 3 value(s)") && three.getMessage().contains("1 direction(s)")
                && three.getMessage().contains("Tuner.directions"), three.getMessage());
    }

    @Test
    void aNanObjectiveFailsItsTrialOnly() {
        TuningResult<Map<String, Object>> r = tuner(Samplers.random(), "s").run(
                reporting((x, y) -> EpochResult.of(x, x < 0.3 ? Double.NaN : y)));
        List<TrialRecord> failed = r.trials().stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
        assertFalse(failed.isEmpty(), "seed 3 draws some x < 0.3");
        for (TrialRecord t : r.trials()) {
            double x = Double.parseDouble(t.params().get("x"));
            assertEquals(x < 0.3 ? TrialStatus.FAILED : TrialStatus.COMPLETE, t.status(), "trial " + t.number());
        }
        assertTrue(failed.get(0).error().contains("include NaN"), failed.get(0).error());
        assertEquals(1, failed.get(0).attempts(), "not retried");
        assertTrue(r.paretoFront().stream().noneMatch(t -> t.status() == TrialStatus.FAILED));
    }

    @Test
    void successiveHalvingPruningAndAContradictingDirectionAreRefused() {
        IllegalArgumentException asha = assertThrows(IllegalArgumentException.class, () -> Tuner.asha(xy(), 1, 9, 3)
                .directions(Direction.MAXIMIZE, Direction.MINIMIZE).study(tmp.resolve("a")).run(accuracyAndCost()));
        assertTrue(asha.getMessage().contains("Tuner.directions[MAXIMIZE, MINIMIZE]")
                && asha.getMessage().contains("Scheduler.fullBudget(epochs)"), asha.getMessage());
        IllegalArgumentException pruned = assertThrows(IllegalArgumentException.class, () -> tuner(Samplers.random(),
                "p").pruner(Pruner.median()).run(accuracyAndCost()));
        assertTrue(pruned.getMessage().contains("cannot prune") && pruned.getMessage().contains("drop pruner(..)"),
                pruned.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> tuner(Samplers.random(),
                "b").direction(Direction.MAXIMIZE).run(accuracyAndCost()));
        assertTrue(both.getMessage().contains("drop direction(..)"), both.getMessage());
        IllegalArgumentException declared = assertThrows(IllegalArgumentException.class, () -> tuner(Samplers.random(),
                "d").run(accuracyAndCost().improving(Direction.MINIMIZE)));
        assertTrue(declared.getMessage().contains("make MINIMIZE the first direction"), declared.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EpochResult(1, Map.of(), List.of(2.0, 3.0)));
    }
}
