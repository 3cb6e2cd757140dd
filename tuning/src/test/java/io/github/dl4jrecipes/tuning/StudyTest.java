package io.github.dl4jrecipes.tuning;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.tuning.internal.StudyStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Study directories, failures, retries, budgets and parallel workers, on synthetic objectives. */
class StudyTest {

    @TempDir
    Path tmp;

    private static Objective<Map<String, Object>> xObjective() {
        return Objective.curve((c, epochs) -> (Double) c.get("x"));
    }

    @Test
    void rerunningAFinishedStudyTrainsNothingAndKeepsTheLeaderboard() throws Exception {
        Path dir = tmp.resolve("s");
        TuningResult<Map<String, Object>> first = Tuner.random(Synthetic.unitX(), 2).maxTrials(5).threadsPerWorker(1)
                .study(dir).run(xObjective());
        AtomicInteger epochs = new AtomicInteger();
        TuningResult<Map<String, Object>> again = Tuner.random(Synthetic.unitX(), 2).maxTrials(5).threadsPerWorker(1)
                .study(dir).run(Objective.curve((c, e) -> {
                    epochs.incrementAndGet();
                    return (Double) c.get("x");
                }));
        assertEquals(0, epochs.get());
        assertEquals(first.leaderboard().toText(10), again.leaderboard().toText(10));
        assertTrue(Files.exists(dir.resolve("leaderboard.csv")));
        assertTrue(Files.exists(dir.resolve("leaderboard.json")));
        assertTrue(Files.exists(dir.resolve("report.html")));
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temp files left");
        }
    }

    @Test
    void anObjectiveThatDeclaresMinimizeIsMinimizedAndAContradictionIsRefused() {
        Objective<Map<String, Object>> loss = xObjective().improving(Direction.MINIMIZE);
        TuningResult<Map<String, Object>> result = Tuner.random(Synthetic.unitX(), 1).maxTrials(6).threadsPerWorker(1)
                .study(tmp.resolve("loss")).run(loss);
        double smallest = result.trials().stream().mapToDouble(t -> Double.parseDouble(t.params().get("x"))).min().orElseThrow();
        assertEquals(smallest, (Double) result.bestCandidate().orElseThrow().get("x"), 1e-12, "the smallest x wins");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tuner.random(Synthetic.unitX(), 1)
                .maxTrials(1).threadsPerWorker(1).direction(Direction.MAXIMIZE).study(tmp.resolve("x")).run(loss));
        assertTrue(e.getMessage().contains("direction(MAXIMIZE) contradicts the objective"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written for a refused study");
    }

    @Test
    void aStudyOfAnotherSpaceIsRefusedWithAnOffer() {
        Path dir = tmp.resolve("s");
        Tuner.random(Synthetic.unitX(), 1).maxTrials(1).threadsPerWorker(1).study(dir).run(xObjective());
        SearchSpace other = SearchSpace.of(Map.of("x", Params.uniform("x", 0, 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tuner.random(other, 1).maxTrials(1).threadsPerWorker(1).study(dir).run(xObjective()));
        assertTrue(e.getMessage().contains("different search space"), e.getMessage());
        assertTrue(e.getMessage().contains("s-2"), "offers a new study: " + e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void resumingWithAnotherSamplerOrScheduleIsRefusedAndAnOldStudyAdoptsTheFirstStrategyThatResumesIt()
            throws Exception {
        Path dir = tmp.resolve("s");
        Tuner.random(Synthetic.unitX(), 1).maxTrials(2).threadsPerWorker(1).study(dir).run(xObjective());
        IllegalStateException sampler = assertThrows(IllegalStateException.class, () -> Tuner.tpe(Synthetic.unitX(), 1)
                .maxTrials(3).threadsPerWorker(1).study(dir).run(xObjective()));
        assertTrue(sampler.getMessage().contains("was created with the strategy UniformSampler[] + FullBudget[epochs=1]"
                + ", this run uses TpeSampler["), sampler.getMessage());
        assertTrue(sampler.getMessage().contains("s-2"), "offers a new study: " + sampler.getMessage());
        IllegalStateException epochs = assertThrows(IllegalStateException.class, () -> Tuner.random(Synthetic.unitX(), 2)
                .maxTrials(3).threadsPerWorker(1).study(dir).run(xObjective()));
        assertTrue(epochs.getMessage().contains("this run uses UniformSampler[] + FullBudget[epochs=2]"),
                epochs.getMessage());
        assertEquals(2, trialFiles(dir).size(), "nothing ran");

        // a study written before the strategy was kept: the first run that resumes it records its own
        Path info = dir.resolve("study.json");
        Files.writeString(info, Files.readString(info).replaceAll("\"strategy\" : \"[^\"]*\",?", ""));
        assertFalse(Files.readString(info).contains("strategy"));
        Tuner.tpe(Synthetic.unitX(), 1).maxTrials(3).threadsPerWorker(1).study(dir).run(xObjective());
        assertTrue(Files.readString(info).contains("TpeSampler["), Files.readString(info));
        assertThrows(IllegalStateException.class, () -> Tuner.random(Synthetic.unitX(), 1).maxTrials(3)
                .threadsPerWorker(1).study(dir).run(xObjective()));
    }

    @Test
    void aCorruptedTrialRecordIsSkippedWithAWarningAndItsNumberIsNotReused() throws Exception {
        Path dir = tmp.resolve("s");
        Tuner.random(Synthetic.unitX(), 1).maxTrials(3).threadsPerWorker(1).study(dir).run(xObjective());
        Path second = dir.resolve("trials/00002.json");
        Files.writeString(second, "{\"number\": 2, \"status\": \"COMPL");
        Logger logger = (Logger) LoggerFactory.getLogger(StudyStore.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TuningResult<Map<String, Object>> r = Tuner.random(Synthetic.unitX(), 1).maxTrials(4).threadsPerWorker(1)
                    .study(dir).run(xObjective());
            assertEquals(List.of(1, 3, 4), r.trials().stream().map(TrialRecord::number).toList(),
                    "trial 2 is skipped, trial 4 is new");
            assertTrue(appender.list.stream().anyMatch(ev -> ev.getFormattedMessage().contains("00002.json")
                    && ev.getFormattedMessage().contains("corrupted")), "warns about the file");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aFailingTrialIsRecordedWithItsStackTraceAndTheStudyGoesOn() {
        TuningResult<Map<String, Object>> r = Tuner.random(Synthetic.unitX(), 2).maxTrials(4).retries(2)
                .threadsPerWorker(1).study(tmp.resolve("s")).run(Objective.curve((c, e) -> {
                    double x = (Double) c.get("x");
                    if (x < 0.5) {
                        throw new IllegalStateException("diverged at x=" + x);
                    }
                    return x;
                }));
        assertEquals(4, r.trials().size());
        for (TrialRecord t : r.trials()) {
            double x = t.point()[0];
            if (x < 0.5) {
                assertEquals(TrialStatus.FAILED, t.status());
                assertEquals(3, t.attempts(), "tried once and retried twice");
                assertTrue(t.error().contains("IllegalStateException: diverged"), t.error());
                assertTrue(t.error().contains("\tat "), "keeps the stack trace");
            } else {
                assertEquals(TrialStatus.COMPLETE, t.status());
            }
        }
        assertTrue(r.trials().stream().anyMatch(t -> t.status() == TrialStatus.FAILED), "seed 42 draws an x < 0.5");
    }

    @Test
    void anObjectiveThatRefusesItsInputsFailsTheStudyAtOnceWithItsMessage() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Objective<Map<String, Object>> refusing = (candidate, context) -> {
            opened.incrementAndGet();
            throw new IllegalArgumentException("recipe: a regressor, but the labels hold 3 classes; fix: ...");
        };
        Path dir = tmp.resolve("s");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tuner.random(Synthetic.unitX(), 2)
                .maxTrials(10).retries(3).workers(2).threadsPerWorker(1).cores(2).study(dir).run(refusing));
        assertEquals("recipe: a regressor, but the labels hold 3 classes; fix: ...", e.getMessage());
        assertTrue(opened.get() <= 2, "no trial starts after the refusal (two workers may open one each): "
                + opened.get());
        List<TrialRecord> trials = trialFiles(dir);
        assertEquals(opened.get(), trials.size());
        for (TrialRecord t : trials) {
            assertEquals(TrialStatus.FAILED, t.status(), "not queued for a retry");
            assertEquals(1, t.attempts());
            assertTrue(t.error().contains("labels hold 3 classes"), t.error());
        }
    }

    @Test
    void aTransientFailureIsRetriedFromItsCheckpoint() {
        Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
        TuningResult<Map<String, Object>> r = Tuner.random(Synthetic.unitX(), 3).maxTrials(2).retries(1)
                .threadsPerWorker(1).study(tmp.resolve("s"))
                .run((candidate, context) -> {
                    TrialSession inner = Objective.<Map<String, Object>>curve((c, e) -> (Double) c.get("x"))
                            .open(candidate, context);
                    return new TrialSession() {
                        @Override
                        public EpochResult trainEpoch(int epoch) throws Exception {
                            int n = calls.computeIfAbsent(context.trial(), k -> new AtomicInteger()).incrementAndGet();
                            if (n == 2) {
                                throw new java.io.IOException("disk hiccup");
                            }
                            return inner.trainEpoch(epoch);
                        }

                        @Override
                        public void save(Path file) throws Exception {
                            inner.save(file);
                        }

                        @Override
                        public void restore(Path file) throws Exception {
                            inner.restore(file);
                        }
                    };
                });
        for (TrialRecord t : r.trials()) {
            assertEquals(TrialStatus.COMPLETE, t.status());
            assertEquals(1, t.attempts());
            assertEquals(3, t.epochs());
            assertEquals(4, calls.get(t.number()).get(), "epoch 1 trained once before and once after the failure;"
                    + " epoch 0 came from the checkpoint");
        }
    }

    @Test
    void parallelWorkersNeitherLoseNorDuplicateTrials() {
        Map<Integer, AtomicInteger> epochsByTrial = new ConcurrentHashMap<>();
        TuningResult<Map<String, Object>> r = Tuner.random(Synthetic.unitX(), 3).maxTrials(12).workers(2)
                .threadsPerWorker(1).cores(2).study(tmp.resolve("s"))
                .run((candidate, context) -> {
                    TrialSession inner = xObjective().open(candidate, context);
                    return new TrialSession() {
                        @Override
                        public EpochResult trainEpoch(int epoch) throws Exception {
                            epochsByTrial.computeIfAbsent(context.trial(), k -> new AtomicInteger()).incrementAndGet();
                            Thread.sleep(5);
                            return inner.trainEpoch(epoch);
                        }

                        @Override
                        public void save(Path file) throws Exception {
                            inner.save(file);
                        }

                        @Override
                        public void restore(Path file) throws Exception {
                            inner.restore(file);
                        }
                    };
                });
        assertEquals(12, r.trials().size());
        assertEquals(12, epochsByTrial.size());
        epochsByTrial.values().forEach(n -> assertEquals(3, n.get()));
        assertTrue(r.trials().stream().allMatch(t -> t.status() == TrialStatus.COMPLETE));
    }

    @Test
    void wallTimeBudgetPausesTheRunningTrialForALaterResume() {
        Path dir = tmp.resolve("s");
        TuningResult<Map<String, Object>> r = Tuner.random(Synthetic.unitX(), 1000).maxTrials(1).threadsPerWorker(1)
                .maxWallTime(Duration.ofMillis(300)).study(dir).run(Objective.curve((c, e) -> {
                    Thread.sleep(20);
                    return (Double) c.get("x");
                }));
        TrialRecord t = r.trials().get(0);
        assertEquals(TrialStatus.WAITING, t.status());
        assertTrue(t.epochs() > 0 && t.epochs() < 1000, "epochs " + t.epochs());
        assertEquals(t.epochs(), t.checkpointEpochs());
        assertNotNull(t.checkpoint());
    }

    @Test
    void medianPrunerStopsTrialsWorseThanTheMedian() {
        // x in [0, 1]; trials below the median of the finished ones are pruned after their warm-up epoch
        TuningResult<Map<String, Object>> r = Tuner.random(Synthetic.unitX(), 5).maxTrials(20)
                .pruner(Pruner.median(3, 1)).threadsPerWorker(1).study(tmp.resolve("s")).run(xObjective());
        List<TrialRecord> pruned = r.trials().stream().filter(t -> t.status() == TrialStatus.PRUNED).toList();
        assertFalse(pruned.isEmpty());
        for (TrialRecord t : pruned) {
            assertEquals(2, t.epochs(), "pruned right after the warm-up epoch");
            List<Double> earlier = r.trials().stream()
                    .filter(o -> o.number() < t.number() && o.status() == TrialStatus.COMPLETE)
                    .map(TrialRecord::value).sorted().toList();
            assertTrue(earlier.size() >= 3);
            assertTrue(t.value() < earlier.get(earlier.size() / 2) + 1e-12, "pruned trial is below the median");
        }
    }

    @Test
    void badBudgetsAndSettingsAreRejected() {
        SearchSpace s = Synthetic.unitX();
        assertMessage(() -> Tuner.random(s, 0), "epochs per trial must be >= 1", "0");
        assertMessage(() -> Tuner.random(s, 1).maxTrials(0), "maxTrials must be >= 1", "0");
        assertMessage(() -> Tuner.random(s, 1).maxTotalEpochs(0), "maxTotalEpochs must be >= 1", "0");
        assertMessage(() -> Tuner.random(s, 1).maxWallTime(Duration.ZERO), "maxWallTime must be positive", "PT0S");
        assertMessage(() -> Tuner.asha(s, 1, 9, 1), "eta (reduction factor) must be >= 2", "1");
        assertMessage(() -> Tuner.hyperband(s, 0, 9, 3), "minEpochs must be >= 1", "0");
        assertMessage(() -> Tuner.asha(s, 5, 3, 3), "maxEpochs must be >= minEpochs", "3");
        assertMessage(() -> Tuner.random(s, 1).workers(3).threadsPerWorker(1).cores(2).study(tmp.resolve("c"))
                .run(xObjective()), "workers x threadsPerWorker must be <= cores", "3 x 1 > 2");
    }

    static List<TrialRecord> trialFiles(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir.resolve("trials"))) {
            List<TrialRecord> trials = new java.util.ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                trials.add(io.github.dl4jrecipes.core.train.internal.Json.MAPPER.readValue(f.toFile(), TrialRecord.class));
            }
            return trials;
        }
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String rule, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(rule), e.getMessage());
        assertTrue(e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void samplersSeeRunningTrialsAsTheWorstFinishedValueNeverTheirOwn() {
        List<String> wrong = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger runningSeen = new AtomicInteger();
        Sampler recording = (dims, history, trial, rng) -> {
            double worst = history.stream().filter(o -> o.complete() && !Double.isNaN(o.loss()))
                    .mapToDouble(Observation::loss).max().orElse(Double.NaN);
            history.stream().filter(o -> !o.complete()).forEach(o -> {
                runningSeen.incrementAndGet();
                if (Double.compare(o.loss(), worst) != 0) {
                    wrong.add("trial " + o.trial() + " seen with " + o.loss() + ", worst finished " + worst);
                }
            });
            return Samplers.random().propose(dims, history, trial, rng);
        };
        Tuner.of(Synthetic.unitX(), recording, Scheduler.fullBudget(4)).maxTrials(10).workers(2).threadsPerWorker(1)
                .cores(2).study(tmp.resolve("s")).run(Objective.curve((c, e) -> {
                    Thread.sleep(5);
                    return (Double) c.get("x");
                }));
        assertTrue(runningSeen.get() > 0, "with 2 workers a proposal sees the other worker's running trial");
        assertTrue(wrong.isEmpty(), "a running trial counts as the worst finished value (constant liar), its own "
                + "provisional value never: " + wrong);
    }
}
