package io.github.dl4jrecipes.tuning;

import io.github.dl4jrecipes.tuning.internal.PostgresDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Worker JVMs sharing one study through a real PostgreSQL server: no trial number, promotion or
 * epoch is used twice, a killed worker's trial is continued by another from its checkpoint, and a
 * server restart is ridden out. Skipped (one line) where no test server runs; never under CI.
 */
class JdbcStudyProcessesTest {
    private static final long TIMEOUT_SECONDS = 300;
    private static final Duration HEARTBEAT = Duration.ofMillis(300);
    private static final Duration GRACE = Duration.ofMillis(2000);

    @TempDir
    Path tmp;
    private PostgresDatabase db;
    private final Map<Process, Path> outputs = new HashMap<>();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        db = PostgresDatabase.create();
    }

    @AfterEach
    void cleanUp() throws Exception {
        started.forEach(Process::destroyForcibly);
        if (db != null) {
            db.close();
        }
    }

    @Test
    void threeWorkersRunOneAshaStudyUsingEveryTrialAndPromotionOnce() throws Exception {
        int trials = 9;
        Path log = tmp.resolve("epochs.log");
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(worker("asha", trials, 9, 50, log, 3, "w" + w));
        }
        awaitAll(workers);

        List<TrialRecord> records = readBack("asha", trials, 9);
        assertEquals(IntStream.rangeClosed(1, trials).boxed().toList(), records.stream().map(TrialRecord::number).toList(),
                "every trial number once, none beyond the budget");
        assertTrue(records.stream().allMatch(t -> t.status() == TrialStatus.COMPLETE), records.toString());
        List<String[]> lines = lines(log);
        Set<String> trained = new HashSet<>();
        for (String[] l : lines) {
            assertTrue(trained.add(l[1] + "/" + l[2]), "trial " + l[1] + " epoch " + l[2] + " trained twice");
        }
        assertEquals(records.stream().mapToInt(TrialRecord::epochs).sum(), trained.size(),
                "every epoch a record holds was trained exactly once (promotions included)");
        assertTrue(records.stream().anyMatch(t -> t.epochs() == 9), "ASHA promoted a trial to the top rung");
        assertTrue(lines.stream().map(l -> l[0]).distinct().count() >= 2, "the work was shared");
        String fromDatabase = Leaderboard.of(records, Direction.MAXIMIZE).toText(trials);
        for (int w = 0; w < 3; w++) {
            String written = Files.readString(tmp.resolve("w" + w).resolve("leaderboard.csv"));
            assertEquals(Files.readString(tmp.resolve("w0").resolve("leaderboard.csv")), written,
                    "every worker wrote the same leaderboard");
        }
        assertEquals(fromDatabase, readBackResult("asha", trials, 9).leaderboard().toText(trials));
    }

    @Test
    void aKilledWorkersTrialIsContinuedByAnotherFromItsCheckpoint() throws Exception {
        int trials = 3;
        int epochs = 6;
        Path log = tmp.resolve("epochs.log");
        Process victim = worker("random", trials, epochs, 300, log, 2, "victim");
        Process survivor = worker("random", trials, epochs, 300, log, 2, "survivor");
        TrialRecord interrupted = awaitRunningTrialOf(victim, 2);
        victim.destroyForcibly().waitFor();   // SIGKILL
        TrialRecord atKill = readBack("random", trials, epochs).stream()
                .filter(t -> t.number() == interrupted.number()).findFirst().orElseThrow();
        int linesAtKill = lines(log).size();
        awaitAll(List.of(survivor));

        List<TrialRecord> records = readBack("random", trials, epochs);
        assertTrue(records.stream().allMatch(t -> t.status() == TrialStatus.COMPLETE && t.epochs() == epochs),
                records.toString());
        TrialRecord resumed = records.get(interrupted.number() - 1);
        assertEquals(1, resumed.attempts(), "the takeover counts as one failed attempt");
        assertTrue(resumed.error().contains("stopped while training it"), resumed.error());
        List<String[]> after = lines(log).subList(linesAtKill, lines(log).size());
        int firstEpochAfter = after.stream().filter(l -> Integer.parseInt(l[1]) == interrupted.number())
                .mapToInt(l -> Integer.parseInt(l[2])).min().orElseThrow();
        assertEquals(atKill.checkpointEpochs(), firstEpochAfter, "continued from its checkpoint, not from scratch");
        assertTrue(after.stream().allMatch(l -> Long.parseLong(l[0]) == survivor.pid()));
    }

    @Test
    void workersRideOutADatabaseRestart() throws Exception {
        int trials = 6;
        int epochs = 3;
        Path log = tmp.resolve("epochs.log");
        List<Process> workers = List.of(worker("random", trials, epochs, 200, log, 2, "a"),
                worker("random", trials, epochs, 200, log, 2, "b"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (lines(log).size() < 4 && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        Process restart = PostgresDatabase.restartServer();
        assertTrue(restart.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, restart.exitValue());
        awaitAll(workers);

        List<TrialRecord> records = readBack("random", trials, epochs);
        assertEquals(IntStream.rangeClosed(1, trials).boxed().toList(), records.stream().map(TrialRecord::number).toList());
        assertTrue(records.stream().allMatch(t -> t.status() == TrialStatus.COMPLETE && t.epochs() == epochs),
                records.toString());
        Set<Integer> complete = lines(log).stream().map(l -> Integer.parseInt(l[1])).collect(Collectors.toSet());
        assertEquals(records.stream().map(TrialRecord::number).collect(Collectors.toSet()), complete);
    }

    private Process worker(String strategy, int trials, int maxEpochs, long sleepMillis, Path log, int peers,
                           String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), JdbcStudyChild.class.getName(),
                db.url(), "study", strategy, Integer.toString(trials), Integer.toString(maxEpochs),
                Long.toString(sleepMillis), log.toString(), Integer.toString(peers),
                Long.toString(HEARTBEAT.toMillis()), Long.toString(GRACE.toMillis()), tmp.resolve(name).toString());
        Path out = tmp.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(db.env());
        Process p = pb.start();
        outputs.put(p, out);
        started.add(p);
        return p;
    }

    private void awaitAll(List<Process> workers) throws Exception {
        for (Process p : workers) {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("worker " + p.pid() + " did not finish:\n" + tail(p));
            }
            assertEquals(0, p.exitValue(), () -> "worker exit status; its output:\n" + tail(p));
        }
    }

    /** Waits until {@code worker} trains a trial that has at least {@code epochs} epochs checkpointed. */
    private TrialRecord awaitRunningTrialOf(Process worker, int epochs) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (System.nanoTime() < end) {
            List<TrialRecord> now;
            try {
                now = readBack("random", 3, 6);
            } catch (IllegalStateException notYet) {
                now = List.of();   // no worker has created the study yet
            }
            for (TrialRecord t : now) {
                if (t.status() == TrialStatus.RUNNING && t.owner() != null
                        && t.owner().startsWith(worker.pid() + "@") && t.checkpointEpochs() >= epochs) {
                    return t;
                }
            }
            if (!worker.isAlive()) {
                fail("worker ended early:\n" + tail(worker));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no running trial of worker " + worker.pid());
    }

    private List<TrialRecord> readBack(String strategy, int trials, int maxEpochs) {
        return io.github.dl4jrecipes.tuning.internal.JdbcStudyStore.read(db.target(), "study",
                new io.github.dl4jrecipes.tuning.internal.JdbcStudyStore.Settings(tmp.resolve("reader"),
                        Duration.ofSeconds(30), GRACE)).trials();
    }

    /** The result a fresh worker computes from the database: the study is done, so it trains nothing. */
    private TuningResult<Map<String, Object>> readBackResult(String strategy, int trials, int maxEpochs)
            throws IOException {
        StudyStorage storage = JdbcStudyChild.storage(db.urlWithUser(), "study", HEARTBEAT, GRACE,
                tmp.resolve("reader-result")).withPasswordFile(db.passwordFile(tmp.resolve("pw")));
        return JdbcStudyChild.tuner(strategy, trials, maxEpochs, storage).run((c, ctx) -> {
                    throw new AssertionError("a finished study trained trial " + ctx.trial());
                });
    }

    private static List<String[]> lines(Path log) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().map(l -> l.split(" ")).toList() : List.of();
    }

    private String tail(Process p) {
        try {
            List<String> lines = Files.readAllLines(outputs.get(p));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
