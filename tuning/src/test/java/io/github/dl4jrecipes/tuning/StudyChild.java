package io.github.dl4jrecipes.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A study run in a child JVM by {@link StudyProcessesTest}: random search over x in [0, 1],
 * objective x, each epoch sleeping and appending "pid trial epoch" to a log.
 * Arguments: studyDir trials epochs sleepMillis logFile peers.
 */
public final class StudyChild {

    private static final long PEER_WAIT_MILLIS = 120_000;

    private StudyChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int trials = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        long sleep = Long.parseLong(args[3]);
        Path log = Path.of(args[4]);
        int peers = Integer.parseInt(args[5]);
        Path ready = Files.createDirectories(log.resolveSibling("ready"));
        Files.createFile(ready.resolve(Long.toString(ProcessHandle.current().pid())));
        tuner(dir, trials, epochs).run(objective(log, sleep, peers));
    }

    static Tuner<Map<String, Object>> tuner(Path dir, int trials, int epochs) {
        return Tuner.random(Synthetic.unitX(), epochs).maxTrials(trials).threadsPerWorker(1).study(dir);
    }

    /** Waits (at its first epoch) until {@code peers} processes are ready, so they all share the study. */
    static Objective<Map<String, Object>> objective(Path log, long sleepMillis, int peers) {
        Objective<Map<String, Object>> x = Objective.curve((c, e) -> (Double) c.get("x"));
        return (candidate, context) -> {
            TrialSession inner = x.open(candidate, context);
            return new TrialSession() {
                @Override
                public EpochResult trainEpoch(int epoch) throws Exception {
                    awaitPeers(log.resolveSibling("ready"), peers);
                    Thread.sleep(sleepMillis);
                    EpochResult r = inner.trainEpoch(epoch);
                    Files.writeString(log, ProcessHandle.current().pid() + " " + context.trial() + " " + epoch + "\n",
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    return r;
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
        };
    }

    private static void awaitPeers(Path ready, int peers) throws InterruptedException {
        long end = System.currentTimeMillis() + PEER_WAIT_MILLIS;
        while (count(ready) < peers && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    private static long count(Path ready) {
        try (var files = Files.list(ready)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
