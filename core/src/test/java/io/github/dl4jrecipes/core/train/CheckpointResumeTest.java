package io.github.dl4jrecipes.core.train;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.core.data.InMemoryIterator;
import io.github.dl4jrecipes.core.train.internal.CheckpointStore;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointResumeTest {

    static final int EPOCHS = 6;
    static final DataSet TRAIN = TinyData.blobs(150, 11, 1.0);
    static final DataSet VALID = TinyData.blobs(60, 12, 1.0);

    /** Adam with a learning rate halved every two epochs, and dropout: every kind of state. */
    static MultiLayerNetwork network(int hidden) {
        return TinyData.network(hidden, new Adam(new StepSchedule(ScheduleType.EPOCH, 0.02, 0.5, 2)), 0.2);
    }

    static Fit<MultiLayerNetwork> fit(MultiLayerNetwork net, Path dir, int epochs) {
        return Fit.of(net, TinyData.TASK).withEpochs(epochs).withCheckpoints(Checkpoints.in(dir));
    }

    static TrainedModel<MultiLayerNetwork> run(Fit<MultiLayerNetwork> fit) {
        return fit.run(TinyData.iterator(TRAIN, 30), TinyData.iterator(VALID, 30));
    }

    /** With the iterator the recipes use: a new seeded order every epoch. */
    static TrainedModel<MultiLayerNetwork> runShuffled(Fit<MultiLayerNetwork> fit) {
        return fit.run(InMemoryIterator.shuffled(TRAIN, 30, 5), InMemoryIterator.sequential(VALID, 30));
    }

    /** Throws once, in the middle of an epoch, like a crash. */
    static final class Crash extends BaseTrainingListener {
        private final int atIteration;

        Crash(int atIteration) {
            this.atIteration = atIteration;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            if (iteration == atIteration) {
                throw new IllegalStateException("simulated crash at iteration " + iteration);
            }
        }
    }

    @Test
    void interruptedAndResumedRunEndsWithTheSameWeights(@TempDir Path tmp) throws IOException {
        MultiLayerNetwork uninterrupted = network(16);
        TrainedModel<MultiLayerNetwork> a = run(fit(uninterrupted, tmp.resolve("a"), EPOCHS));

        MultiLayerNetwork crashing = network(16);
        crashing.setListeners(new Crash(17));   // 5 batches per epoch: iteration 17 is mid epoch 4
        Path dir = tmp.resolve("b");
        IllegalStateException crash = assertThrows(IllegalStateException.class,
                () -> run(fit(crashing, dir, EPOCHS)));
        assertTrue(crash.getMessage().contains("simulated crash"));
        assertEquals(Set3.of("epoch-0001", "epoch-0002", "epoch-0003"), epochFiles(dir));

        MultiLayerNetwork resumed = network(16);
        FitTest.CountingListener counter = new FitTest.CountingListener();
        resumed.setListeners(counter);
        TrainedModel<MultiLayerNetwork> c = run(fit(resumed, dir, EPOCHS));
        assertEquals(3 * 5, counter.iterations, "only epochs 4 to 6 were trained again");

        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector(),
                "weights after resume equal the uninterrupted run's, bit for bit");
        assertArrayEquals(uninterrupted.getUpdater().getStateViewArray().toFloatVector(),
                resumed.getUpdater().getStateViewArray().toFloatVector(), "updater state too");
        assertEquals(uninterrupted.getIterationCount(), resumed.getIterationCount());
        assertEquals(uninterrupted.getEpochCount(), resumed.getEpochCount());
        assertEquals(EPOCHS, c.history().size());
        for (int i = 0; i < EPOCHS; i++) {
            EpochRecord x = a.history().epochs().get(i);
            EpochRecord y = c.history().epochs().get(i);
            assertEquals(x.trainLoss(), y.trainLoss(), 0.0, "epoch " + (i + 1));
            assertEquals(x.validMetric(), y.validMetric(), 0.0);
            assertEquals(x.learningRate(), y.learningRate(), 0.0);
        }
        assertEquals(a.card().dataFingerprint(), c.card().dataFingerprint());
        assertTrue(a.card().dataFingerprint().startsWith("sha256:"));
    }

    @Test
    void resumeWithAShuffledIteratorEndsWithTheSameWeights(@TempDir Path tmp) throws IOException {
        MultiLayerNetwork uninterrupted = network(16);
        runShuffled(fit(uninterrupted, tmp.resolve("a"), EPOCHS));

        MultiLayerNetwork crashing = network(16);
        crashing.setListeners(new Crash(17));   // mid epoch 4
        Path dir = tmp.resolve("b");
        assertThrows(IllegalStateException.class, () -> runShuffled(fit(crashing, dir, EPOCHS)));
        assertTrue(Files.readString(dir.resolve("epoch-0003.json")).contains("\"examples\" : 150"),
                "the checkpoint holds the iterator's state");
        MultiLayerNetwork resumed = network(16);
        runShuffled(fit(resumed, dir, EPOCHS));
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector(),
                "weights after resume equal the uninterrupted run's, bit for bit");
    }

    @Test
    void checkpointOfAnotherTrainingSetSizeIsRefused(@TempDir Path tmp) {
        Path dir = tmp.resolve("ckpt");
        runShuffled(fit(network(16), dir, 2));
        MultiLayerNetwork net = network(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit(net, dir, 4)
                .run(InMemoryIterator.shuffled(TinyData.blobs(120, 11, 1.0), 30, 5), InMemoryIterator.sequential(VALID, 30)));
        assertTrue(e.getMessage().contains("epoch-0002.zip does not fit the train iterator"), e.getMessage());
        assertTrue(e.getMessage().contains("150 examples but this InMemoryIterator yields 120"), e.getMessage());
        assertEquals(0, net.getIterationCount(), "nothing trained");
    }

    @Test
    void checkpointMadeWithOtherSettingsIsRefusedNamingWhatChanged(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        run(fit(network(16), dir, 2).withSetting("recipe.maxLr", "0.03"));
        Map<String, String> before = hashes(dir);
        MultiLayerNetwork net = network(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(fit(net, dir, 4).withSetting("recipe.maxLr", "0.01").withSeed(3)));
        assertTrue(e.getMessage().contains("epoch-0002.zip was made with other settings: recipe.maxLr is 0.03 there "
                + "but 0.01 here (and 1 more: [seed])"), e.getMessage());
        assertEquals(0, net.getIterationCount(), "nothing trained");
        assertEquals(before, hashes(dir));
        assertEquals(4, run(fit(net, dir, 4).withSetting("recipe.maxLr", "0.03")).history().size(),
                "same settings: resumed, and trained on to more epochs");
    }

    @Test
    void resumeIsExactWithTheOneCycleScheduleAndScheduledAdam(@TempDir Path tmp) {
        // 1cycle over 6 epochs of 5 batches, with beta1 cycling: a custom updater and its state
        var updater = io.github.dl4jrecipes.core.schedule.OneCycle.maxLr(0.02).withEpochs(EPOCHS, 5).adam();
        MultiLayerNetwork uninterrupted = TinyData.network(16, updater, 0.2);
        run(fit(uninterrupted, tmp.resolve("a"), EPOCHS));

        MultiLayerNetwork crashing = TinyData.network(16, updater, 0.2);
        crashing.setListeners(new Crash(12));
        assertThrows(IllegalStateException.class, () -> run(fit(crashing, tmp.resolve("b"), EPOCHS)));
        MultiLayerNetwork resumed = TinyData.network(16, updater, 0.2);
        FitTest.CountingListener counter = new FitTest.CountingListener();
        resumed.setListeners(counter);
        TrainedModel<MultiLayerNetwork> c = run(fit(resumed, tmp.resolve("b"), EPOCHS));
        assertEquals(4 * 5, counter.iterations, "resumed after epoch 2");
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector());
        double peak = c.history().epochs().stream().mapToDouble(EpochRecord::learningRate).max().orElseThrow();
        assertTrue(c.history().last().orElseThrow().learningRate() < peak / 100, "the schedule ran to its end");
    }

    @Test
    void runThatStoppedEarlyStaysStoppedAndGetsTheBestWeightsFromTheBestCheckpoint(@TempDir Path tmp) {
        Path dir = tmp.resolve("ckpt");
        DataSet noiseTrain = TinyData.noise(60, 3);
        DataSet noiseValid = TinyData.noise(60, 4);
        MultiLayerNetwork first = TinyData.network(64, new Adam(0.05), 0);
        TrainedModel<MultiLayerNetwork> a = Fit.of(first, TinyData.TASK).withEpochs(40)
                .withEarlyStopping(EarlyStopping.patience(3)).withCheckpoints(Checkpoints.in(dir))
                .run(TinyData.iterator(noiseTrain, 20), TinyData.iterator(noiseValid, 20));
        assertTrue(a.history().size() < 40, "stopped early");

        MultiLayerNetwork second = TinyData.network(64, new Adam(0.05), 0);
        FitTest.CountingListener counter = new FitTest.CountingListener();
        second.setListeners(counter);
        TrainedModel<MultiLayerNetwork> b = Fit.of(second, TinyData.TASK).withEpochs(40)
                .withEarlyStopping(EarlyStopping.patience(3)).withCheckpoints(Checkpoints.in(dir))
                .run(TinyData.iterator(noiseTrain, 20), TinyData.iterator(noiseValid, 20));
        assertEquals(0, counter.iterations, "nothing more to train");
        assertEquals(a.history(), b.history());
        assertArrayEquals(first.params().toFloatVector(), second.params().toFloatVector(),
                "best weights restored from best.zip");
    }

    @Test
    void corruptedCheckpointIsDetectedAndThePreviousOneUsed(@TempDir Path tmp) throws IOException {
        MultiLayerNetwork reference = network(16);
        Path dir = tmp.resolve("ckpt");
        run(fit(reference, dir, 3));
        Files.write(dir.resolve("epoch-0003.zip"), new byte[] {1, 2, 3, 4});   // truncated by a bad disk

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(CheckpointStore.class);
        logger.addAppender(log);
        MultiLayerNetwork resumed = network(16);
        FitTest.CountingListener counter = new FitTest.CountingListener();
        resumed.setListeners(counter);
        try {
            TrainedModel<MultiLayerNetwork> model = run(fit(resumed, dir, 3));
            assertEquals(3, model.history().size());
            assertEquals(5, counter.iterations, "resumed after epoch 2: one epoch of 5 batches");
        } finally {
            logger.detachAppender(log);
        }
        assertTrue(log.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                && e.getFormattedMessage().contains("epoch-0003.zip")
                && e.getFormattedMessage().contains("corrupted")), "warning names the file");
        // resumed after epoch 2 and retrained epoch 3: same weights as the first run
        assertArrayEquals(reference.params().toFloatVector(), resumed.params().toFloatVector());
    }

    @Test
    void checkpointOfAnotherArchitectureIsRejectedAndNothingIsOverwritten(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        run(fit(network(16), dir, 2));
        Map<String, String> before = hashes(dir);
        MultiLayerNetwork wider = network(32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(fit(wider, dir, 4)));
        assertTrue(e.getMessage().contains("different architecture"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch-0002.zip"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 16]") && e.getMessage().contains("[4, 32]"), e.getMessage());
        assertEquals(before, hashes(dir));
    }

    @Test
    void unwritableCheckpointDirectoryIsRejected(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        MultiLayerNetwork net = network(16);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run(fit(net, file.resolve("ckpt"), 2)));
        assertTrue(e.getMessage().contains("checkpoint directory"), e.getMessage());
        assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        assertEquals("x", Files.readString(file));
        assertEquals(0, net.getIterationCount(), "nothing trained");
    }

    @Test
    void folderLockedByAnotherRunIsRefusedAndFreedWhenItEnds(@TempDir Path tmp) {
        Path dir = tmp.resolve("ckpt");
        MultiLayerNetwork net = network(16);
        try (CheckpointStore other = CheckpointStore.open(dir, 3)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(fit(net, dir, 2)));
            assertTrue(e.getMessage().startsWith("checkpoint directory " + dir + " is in use by another training run"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("another checkpoint directory"), e.getMessage());
            assertEquals(0, net.getIterationCount(), "nothing trained");
        }
        assertEquals(2, run(fit(net, dir, 2)).history().size(), "free again once the other run ended");
    }

    @Test
    void temporaryFilesOfAKilledWriterAreDeletedOnOpenAndOthersKept(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ckpt"));
        long deadPid = 999_999_999L;   // above Linux's pid_max: no such process
        Path leftover = Files.write(dir.resolve(".epoch-0001.zip.dl4jr-" + deadPid + "-"
                + java.util.UUID.randomUUID().toString().replace("-", "") + ".tmp"), new byte[10]);
        Path users = Files.writeString(dir.resolve("notes.tmp"), "mine");
        try (CheckpointStore opened = CheckpointStore.open(dir, 3)) {
            assertTrue(Files.notExists(leftover), "leftover deleted on open, before anything is written");
        }
        assertEquals("mine", Files.readString(users));
    }

    @Test
    void keepsTheLastKAndTheBestAndNoTemporaryFiles(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        run(Fit.of(network(16), TinyData.TASK).withEpochs(5)
                .withCheckpoints(Checkpoints.in(dir).withKeepLast(2)));
        assertEquals(Set3.of("epoch-0004", "epoch-0005"), epochFiles(dir));
        assertTrue(Files.exists(dir.resolve("best.zip")) && Files.exists(dir.resolve("best.json")));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void everyNEpochsAndAfterTheLast(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("ckpt");
        run(Fit.of(network(16), TinyData.TASK).withEpochs(5)
                .withCheckpoints(Checkpoints.in(dir).withEvery(2).withKeepLast(10).withSaveBest(false)));
        assertEquals(Set3.of("epoch-0002", "epoch-0004", "epoch-0005"), epochFiles(dir));
        assertTrue(Files.notExists(dir.resolve("best.zip")));
    }

    /** Names of epoch checkpoints that have both files. */
    private static java.util.Set<String> epochFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            java.util.Set<String> json = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith("epoch-") && n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).collect(Collectors.toSet());
            json.forEach(n -> assertTrue(Files.exists(dir.resolve(n + ".zip")), n));
            return json;
        }
    }

    private static Map<String, String> hashes(Path dir) throws IOException {
        Map<String, String> h = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.collect(Collectors.toList())) {
                h.put(f.getFileName().toString(), Arrays.toString(
                        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return h;
    }

    /** Set.of for readability. */
    private static final class Set3 {
        static java.util.Set<String> of(String... names) {
            return java.util.Set.of(names);
        }
    }
}
