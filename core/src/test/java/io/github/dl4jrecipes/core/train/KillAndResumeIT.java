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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code kill -9} in the middle of an epoch: the process loses at most that epoch, leaves
 * no damaged checkpoint, and a resumed run ends with the weights of an uninterrupted one.
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

    private static void killMidEpochResumeAndCompare(Path tmp, boolean shuffled) throws Exception {
        Path dir = tmp.resolve("ckpt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillTarget.class.getName(), dir.toString(),
                shuffled ? KillTarget.SHUFFLED : "list")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!Files.exists(dir.resolve("epoch-0002.json")) && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(POLL_MILLIS);
            }
            assertTrue(Files.exists(dir.resolve("epoch-0002.json")), Files.readString(tmp.resolve("child.log")));
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
