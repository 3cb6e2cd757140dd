package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.TrialStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL study store against a real server (skipped, with one line, where none runs). */
class JdbcStudyStoreTest {
    private static final Duration RETRY = Duration.ofSeconds(30);
    private static final List<io.github.dl4jrecipes.tuning.Dimension> DIMS =
            List.of(new io.github.dl4jrecipes.tuning.Dimension("lr", 0), new io.github.dl4jrecipes.tuning.Dimension("act", 3));
    private static final JdbcStudyStore.StudyInfo INFO = new JdbcStudyStore.StudyInfo(DIMS,
            List.of(new Axis("lr", false, true, List.of(new Axis.Tick(0, "1e-4"), new Axis.Tick(1, "1e-1")))),
            "TpeSampler + FullBudget", 0.01, null);
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path work;
    private PostgresDatabase db;

    @BeforeEach
    void database() throws Exception {
        db = PostgresDatabase.create();
    }

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void theSchemaIsCreatedOnFirstUseAndANewerOneIsRefused() throws Exception {
        try (JdbcStudyStore store = open("s", "fp")) {
            assertEquals(List.of(), store.trials());
        }
        db.sql("UPDATE dl4jr_schema SET version = " + (JdbcStudyStore.SCHEMA_VERSION_MULTI_OBJECTIVE + 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open("s", "fp"));
        assertTrue(e.getMessage().contains("schema version 3, this version reads 1 and 2"), e.getMessage());
        assertTrue(e.getMessage().contains("fix: run the workers with the newer dl4j-recipes"), e.getMessage());
    }

    @Test
    void aStudyOfAnotherSpaceOrDirectionIsRefusedNamingBoth() throws Exception {
        open("tabular", "fp-A").close();
        IllegalStateException space = assertThrows(IllegalStateException.class, () -> open("tabular", "fp-B"));
        assertTrue(space.getMessage().contains("study 'tabular' in postgresql://"), space.getMessage());
        assertTrue(space.getMessage().contains("different search space"), space.getMessage());
        assertTrue(space.getMessage().contains("space of fp-A; this space: space of fp-B"), space.getMessage());
        IllegalStateException direction = assertThrows(IllegalStateException.class,
                () -> JdbcStudyStore.open(db.target(), "tabular", "fp-A", "space of fp-A", Direction.MINIMIZE, INFO, settings(RETRY)));
        assertTrue(direction.getMessage().contains("created to MAXIMIZE its objective, this run would MINIMIZE"),
                direction.getMessage());
    }

    @Test
    void aWorkerWithAnotherStrategyIsRefusedNamingBoth() throws Exception {
        open("s", "fp").close();
        JdbcStudyStore.StudyInfo other = new JdbcStudyStore.StudyInfo(DIMS, INFO.axes(), "RandomSampler + Asha", null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcStudyStore.open(db.target(),
                "s", "fp", "space of fp", Direction.MAXIMIZE, other, settings(RETRY)));
        assertTrue(e.getMessage().contains("created with the strategy TpeSampler + FullBudget, this worker uses"
                + " RandomSampler + Asha"), e.getMessage());
    }

    @Test
    void recordsAndIntermediateValuesRoundTrip() throws Exception {
        try (JdbcStudyStore store = open("s", "fp")) {
            TrialRecord t = trial(1, "w1").withEpoch(0.5, Map.of("loss", 1.0), "c1").withEpoch(0.75, Map.of(), "c2");
            store.transact(l -> {
                l.write(t);
                return null;
            });
            TrialRecord back = store.trials().get(0);
            assertEquals(List.of(0.5, 0.75), back.values());
            assertEquals(Map.of("loss", List.of(1.0)), back.metrics());
            assertEquals("c2", back.checkpoint());
            assertArrayEquals(t.point(), back.point());
            assertEquals(Map.of(1, List.of(0.5, 0.75)), store.intermediateValues());
            JdbcStudyStore.Snapshot read = JdbcStudyStore.read(db.target(), "s", settings(RETRY));
            assertEquals(INFO, read.info(), "the space's dimensions, axes, strategy and LR pick are kept");
            assertEquals(Direction.MAXIMIZE, read.direction());
            assertEquals(List.of(0.5, 0.75), read.trials().get(0).values());
        }
    }

    @Test
    void aMultiObjectiveStudyKeepsEveryValueAndMarksTheSchemaSoOlderVersionsRefuseIt() throws Exception {
        open("single", "fp").close();
        assertEquals(1, schemaVersion(), "single-objective studies keep the schema older versions read");
        JdbcStudyStore.StudyInfo multi = new JdbcStudyStore.StudyInfo(DIMS, INFO.axes(), INFO.strategy(), null,
                List.of(Direction.MAXIMIZE, Direction.MINIMIZE));
        try (JdbcStudyStore store = JdbcStudyStore.open(db.target(), "multi", "fp", "space of fp", Direction.MAXIMIZE,
                multi, settings(RETRY))) {
            TrialRecord t = trial(1, "w1").withEpoch(io.github.dl4jrecipes.tuning.EpochResult.of(0.5, 120.0), "c1")
                    .withEpoch(io.github.dl4jrecipes.tuning.EpochResult.of(0.75, 120.0), "c2");
            store.transact(l -> {
                l.write(t);
                return null;
            });
            assertEquals(List.of(List.of(0.5, 120.0), List.of(0.75, 120.0)), store.trials().get(0).objectiveValues());
        }
        assertEquals(JdbcStudyStore.SCHEMA_VERSION_MULTI_OBJECTIVE, schemaVersion(),
                "a version reading schema 1 only refuses the database from now on");
        JdbcStudyStore.Snapshot read = JdbcStudyStore.read(db.target(), "multi", settings(RETRY));
        assertEquals(List.of(Direction.MAXIMIZE, Direction.MINIMIZE), read.directions());
        assertArrayEquals(new double[] {0.75, 120.0}, read.trials().get(0).objectives());
        open("single", "fp").close();
        IllegalStateException other = assertThrows(IllegalStateException.class, () -> JdbcStudyStore.open(
                db.target(), "multi", "fp", "space of fp", Direction.MAXIMIZE, INFO, settings(RETRY)));
        assertTrue(other.getMessage().contains("created to MAXIMIZE, MINIMIZE its 2 objectives, this run would"
                + " MAXIMIZE its objective"), other.getMessage());
    }

    private int schemaVersion() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:" + db.url(),
                db.env().get(JdbcTarget.USER_ENV), db.env().get(JdbcTarget.PASSWORD_ENV));
             java.sql.ResultSet r = c.createStatement().executeQuery("SELECT version FROM dl4jr_schema")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void workersInTwoProcessesNeverTakeTheSameTrialNumber() throws Exception {
        int perWorker = 15;
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        try (JdbcStudyStore a = open("s", "fp"); JdbcStudyStore b = open("s", "fp")) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (JdbcStudyStore store : List.of(a, b, a, b)) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        taken.add(store.transact(l -> {
                            int n = l.nextNumber();
                            l.write(trial(n, Thread.currentThread().getName()));
                            return n;
                        }));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            List<Integer> sorted = new ArrayList<>(taken);
            Collections.sort(sorted);
            List<Integer> expected = new ArrayList<>();
            for (int n = 1; n <= 4 * perWorker; n++) {
                expected.add(n);
            }
            assertEquals(expected, sorted, "every number once, none skipped");
            assertEquals(4 * perWorker, a.trials().size());
        }
    }

    @Test
    void heartbeatsAgeAndAreRenewed() throws Exception {
        try (JdbcStudyStore store = open("s", "fp")) {
            store.transact(l -> {
                l.write(trial(1, "w1"));
                l.write(trial(2, null));
                return null;
            });
            Thread.sleep(1200);
            Duration before = store.transact(l -> l.heartbeatAge(1)).orElseThrow();
            assertTrue(before.toMillis() >= 1000, before.toString());
            assertTrue(store.transact(l -> l.heartbeatAge(2)).isEmpty(), "a trial nobody owns has no heartbeat");
            store.heartbeat("w1", List.of(1));
            Duration after = store.transact(l -> l.heartbeatAge(1)).orElseThrow();
            assertTrue(after.toMillis() < 1000, after.toString());
            store.heartbeat("someone else", List.of(1));
            Thread.sleep(1100);
            assertTrue(store.transact(l -> l.heartbeatAge(1)).orElseThrow().toMillis() >= 1000,
                    "another owner's heartbeat does not renew it");
        }
    }

    @Test
    void checkpointsAreSharedThroughTheDatabase() throws Exception {
        try (JdbcStudyStore writer = open("s", "fp"); JdbcStudyStore reader = open("s", "fp")) {
            byte[] bytes = new byte[300_000];
            new java.util.Random(1).nextBytes(bytes);
            writer.saveCheckpoint("checkpoints/00001-e0002.bin", file -> java.nio.file.Files.write(file, bytes));
            java.nio.file.Path copy = reader.checkpoint("checkpoints/00001-e0002.bin").orElseThrow();
            assertArrayEquals(bytes, java.nio.file.Files.readAllBytes(copy));
            reader.deleteCheckpoint("checkpoints/00001-e0002.bin");
            assertTrue(writer.checkpoint("checkpoints/00001-e0002.bin").isEmpty());
        }
    }

    @Test
    void aServerRestartIsRiddenOutAndNothingIsLost() throws Exception {
        try (JdbcStudyStore store = open("s", "fp")) {
            store.transact(l -> {
                l.write(trial(1, "w1"));
                return null;
            });
            Process restart = PostgresDatabase.restartServer();
            for (int n = 2; n <= 6; n++) {
                int number = n;
                store.transact(l -> {
                    l.write(trial(number, "w1"));
                    return null;
                });
                Thread.sleep(200);
            }
            assertTrue(restart.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, restart.exitValue());
            assertEquals(List.of(1, 2, 3, 4, 5, 6), store.trials().stream().map(TrialRecord::number).toList());
        }
    }

    @Test
    void anUnreachableServerFailsAfterTheRetryWindowNamingTheDatabaseNotThePassword() {
        JdbcTarget nowhere = JdbcTarget.parse("postgresql://127.0.0.1:1/none", null,
                Map.of(JdbcTarget.USER_ENV, "u", JdbcTarget.PASSWORD_ENV, "s3cret-pw"), "test");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcStudyStore.open(nowhere, "s",
                "fp", "space", Direction.MAXIMIZE, INFO, settings(Duration.ofSeconds(2))));
        assertTrue(e.getMessage().contains("study 's' in postgresql://u@127.0.0.1:1/none"), e.getMessage());
        assertTrue(e.getMessage().contains("has not answered for 2 s"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsReportedAtOnceWithTheSettingsThatFixIt() {
        JdbcTarget wrong = JdbcTarget.parse(db.url(), null, Map.of(JdbcTarget.USER_ENV, "dl4jr",
                JdbcTarget.PASSWORD_ENV, "not-the-password"), "--storage");
        long start = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JdbcStudyStore.open(wrong, "s",
                "fp", "space", Direction.MAXIMIZE, INFO, settings(RETRY)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "not retried for the whole window");
        assertTrue(e.getMessage().contains("fix: set the user and password through DL4J_RECIPES_DB_USER"),
                e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }

    private JdbcStudyStore open(String name, String fingerprint) {
        return JdbcStudyStore.open(db.target(), name, fingerprint, "space of " + fingerprint, Direction.MAXIMIZE, INFO,
                settings(RETRY));
    }

    private JdbcStudyStore.Settings settings(Duration retry) {
        return new JdbcStudyStore.Settings(work, retry, Duration.ofSeconds(60));
    }

    private static TrialRecord trial(int number, String owner) {
        return new TrialRecord(number, TrialStatus.RUNNING, new double[]{0.25, number / 100.0},
                Map.of("lr", "0.01"), -1, 0, 3, List.of(), Map.of(), null, 0, owner, 0, null,
                io.github.dl4jrecipes.tuning.TrialSource.SAMPLER);
    }
}
