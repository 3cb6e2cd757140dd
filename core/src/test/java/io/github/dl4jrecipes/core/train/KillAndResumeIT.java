package io.github.dl4jrecipes.core.train;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.dl4jrecipes.core.train.internal.CheckpointStore;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code kill -9} in the middle of an epoch: the process loses at most that epoch, leaves
 * no damaged checkpoint, and a resumed run ends with the weights of an uninterrupted one. A
 * second process on the folder of a live run is refused.
 */
class KillAndResumeIT {

    private static final long TIMEOUT_SECONDS = 120;
    private static final long POLL_MILLIS = 20;

    @Test
    void killedMidEpochThenResumedEqualsUninterrupted(@TempDir Path tmp) throws Exception {
        killMidEpochResumeAndCompare(tmp, false);
    }

    @Test
    void killedMidEpochWithAShuffledIteratorThenResumedEqualsUninterrupted(@TempDir Path tmp) throws Exception {
        killMidEpochResumeAndCompare(tmp, true);
    }

    @Test
    void secondProcessOnTheSameFolderIsRefusedWhileTheFirstRuns(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("ckpt");
        Process child = start(dir, tmp, false);
        MultiLayerNetwork second = CheckpointResumeTest.network(16);
        try {
            awaitCheckpoint(child, dir.resolve("epoch-0001.json"), tmp);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> CheckpointResumeTest.run(CheckpointResumeTest.fit(second, dir, CheckpointResumeTest.EPOCHS)));
            assertTrue(e.getMessage().contains("checkpoint directory " + dir + " is in use by another training run"),
                    e.getMessage());
            assertEquals(0, second.getIterationCount(), "nothing trained");
            assertTrue(child.isAlive(), "the first run goes on");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        // the operating system released the killed child's lock: this run resumes
        assertEquals(CheckpointResumeTest.EPOCHS,
                CheckpointResumeTest.run(CheckpointResumeTest.fit(second, dir, CheckpointResumeTest.EPOCHS)).history().size());
    }

    private static Process start(Path dir, Path tmp, boolean shuffled) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillTarget.class.getName(), dir.toString(),
                shuffled ? KillTarget.SHUFFLED : "list")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
    }

    private static void awaitCheckpoint(Process child, Path json, Path tmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.exists(json) && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(POLL_MILLIS);
        }
        assertTrue(Files.exists(json), Files.readString(tmp.resolve("child.log")));
    }

    private static void killMidEpochResumeAndCompare(Path tmp, boolean shuffled) throws Exception {
        Path dir = tmp.resolve("ckpt");
        Process child = start(dir, tmp, shuffled);
        try {
            awaitCheckpoint(child, dir.resolve("epoch-0002.json"), tmp);
            // 5 steps of ≥ 100 ms per epoch: 250 ms later the child is inside epoch 3
            Thread.sleep(KillTarget.SLEEP_PER_ITERATION_MILLIS * 5 / 2);
        } finally {
            child.destroyForcibly();   // SIGKILL on Linux
            child.waitFor();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        assertTrue(Files.notExists(dir.resolve("epoch-0003.json")), "epoch 3 was in progress");

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(CheckpointStore.class);
        logger.addAppender(log);
        MultiLayerNetwork resumed = CheckpointResumeTest.network(16);
        FitTest.CountingListener counter = new FitTest.CountingListener();
        resumed.setListeners(counter);
        try {
            run(CheckpointResumeTest.fit(resumed, dir, CheckpointResumeTest.EPOCHS), shuffled);
        } finally {
            logger.detachAppender(log);
        }
        assertTrue(log.list.stream().noneMatch(e -> e.getLevel() == Level.WARN), "no damaged checkpoint");
        assertEquals(4 * 5, counter.iterations, "resumed after epoch 2");

        MultiLayerNetwork uninterrupted = CheckpointResumeTest.network(16);
        run(CheckpointResumeTest.fit(uninterrupted, tmp.resolve("reference"), CheckpointResumeTest.EPOCHS), shuffled);
        assertArrayEquals(uninterrupted.params().toFloatVector(), resumed.params().toFloatVector());
    }

    private static void run(Fit<MultiLayerNetwork> fit, boolean shuffled) {
        if (shuffled) {
            CheckpointResumeTest.runShuffled(fit);
        } else {
            CheckpointResumeTest.run(fit);
        }
    }
}
