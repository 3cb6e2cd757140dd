package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.EpochResult;
import io.github.dl4jrecipes.tuning.Objective;
import io.github.dl4jrecipes.tuning.Params;
import io.github.dl4jrecipes.tuning.SearchSpace;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.StudyStorage;
import io.github.dl4jrecipes.tuning.TabularSpace;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.TrialSession;
import io.github.dl4jrecipes.tuning.Tuner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a study in PostgreSQL scales with worker processes (issue 15's benchmark), on a throwaway
 * cluster that {@code .ci/postgres.sh} starts and stops:
 * <ul>
 *   <li>a cheap objective (one epoch: {@value #SLEEP_MILLIS} ms of sleep) with 1, 2, 4, 8, 16 worker
 *       JVMs, {@value #TRIALS_PER_WORKER} trials per worker, all released together once every JVM
 *       has started. Each trial logs when its epoch starts and ends: trials per second over the window
 *       from the first start to the last end (JVM start-up, ND4J loading and the final reports are
 *       outside it), efficiency against {@code n} times the 1-worker rate, and the storage's overhead
 *       per trial: the mean gap between one trial's end and the same worker's next start (claiming
 *       it, the epoch's checkpoint and record, the final state);</li>
 *   <li>real trials: a 20-trial ASHA study of the penguins preset (1 … 9 epochs) with 1 and with 2
 *       worker processes, wall time each.</li>
 * </ul>
 * {@code mvn -B -q -pl bench -am package -DskipTests exec:java
 * -Dexec.mainClass=io.github.dl4jrecipes.bench.StudyScaling} (args: worker counts, default 1 2 4 8 16;
 * {@code --no-penguins} skips the second part). Run from the repository root on a quiet machine.
 */
public final class StudyScaling {
    static final long SLEEP_MILLIS = 2000;
    static final int TRIALS_PER_WORKER = 4;
    static final int PENGUIN_TRIALS = 20;
    static final int PENGUIN_MAX_EPOCHS = 9;
    static final int ETA = 3;
    private static final Path POSTGRES = Path.of(".ci/postgres.sh");
    private static final long TIMEOUT_MINUTES = 30;

    private StudyScaling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args);
            return;
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean penguins = !rest.remove("--no-penguins");
        List<Integer> counts = rest.isEmpty() ? List.of(1, 2, 4, 8, 16) : rest.stream().map(Integer::parseInt).toList();
        Map<String, String> env = startServer();
        try {
            System.out.printf(Locale.ROOT, "cheap objective: %d ms per trial, %d trials per worker%n", SLEEP_MILLIS,
                    TRIALS_PER_WORKER);
            System.out.println("workers  trials  window_s  trials_per_s  efficiency  overhead_ms_per_trial");
            double single = Double.NaN;
            for (int n : counts) {
                Path work = Files.createTempDirectory("study-scaling-" + n + "-");
                int trials = n * TRIALS_PER_WORKER;
                run(env, work, n, "cheap", "cheap-" + n, trials);
                Window w = Window.of(work, n);
                double rate = trials / w.seconds();
                if (Double.isNaN(single)) {
                    single = rate / n;
                }
                System.out.printf(Locale.ROOT, "%7d  %6d  %8.2f  %12.3f  %10.2f  %21.1f%n", n, trials, w.seconds(), rate,
                        rate / (single * n), w.gapMillis());
            }
            if (penguins) {
                for (int n : List.of(1, 2)) {
                    Path work = Files.createTempDirectory("study-penguins-" + n + "-");
                    double wall = run(env, work, n, "penguins", "penguins-" + n, PENGUIN_TRIALS);
                    System.out.printf(Locale.ROOT, "penguins ASHA %d trials (1 … %d epochs), %d worker process(es): "
                            + "%.1f s%n", PENGUIN_TRIALS, PENGUIN_MAX_EPOCHS, n, wall);
                }
            }
        } finally {
            stopServer(env);
        }
    }

    /** Starts {@code n} workers, releases them together, and returns the seconds from release to the last exit. */
    private static double run(Map<String, String> env, Path work, int n, String kind, String study, int trials)
            throws IOException, InterruptedException {
        Path ready = Files.createDirectories(work.resolve("ready"));
        Path go = work.resolve("go");
        List<Process> workers = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            List<String> cmd = List.of(ChildJvm.java(),
                    "-Xmx512m", "-cp", ChildJvm.classpath(), StudyScaling.class.getName(), "worker", kind,
                    env.get("DL4JR_TEST_POSTGRES_URL"), study, Integer.toString(trials), ready.toString(),
                    go.toString(), work.resolve("w" + w).toString(), Integer.toString(n));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(work.resolve("w" + w + ".log").toFile());
            pb.environment().put("DL4J_RECIPES_DB_USER", env.get("DL4JR_TEST_POSTGRES_USER"));
            pb.environment().put("DL4J_RECIPES_DB_PASSWORD", env.get("DL4JR_TEST_POSTGRES_PASSWORD"));
            workers.add(pb.start());
        }
        while (count(ready) < n) {
            for (Process p : workers) {
                if (!p.isAlive() && p.exitValue() != 0) {
                    throw new IOException("a worker failed before the start; see " + work);
                }
            }
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        Files.createFile(go);
        for (Process p : workers) {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException("a worker failed or hung; its log is in " + work);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A worker: waits until released, then runs its share of the study. */
    private static void worker(String[] args) throws Exception {
        String kind = args[1];
        StudyStorage storage = StudyStorage.jdbc(args[2], args[3]).withWorkDir(Path.of(args[7]));
        int trials = Integer.parseInt(args[4]);
        Path ready = Path.of(args[5]);
        Path go = Path.of(args[6]);
        Runnable awaitStart = () -> {
            try {
                Files.createFile(ready.resolve(Long.toString(ProcessHandle.current().pid())));
                while (!Files.exists(go)) {
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        if (kind.equals("cheap")) {
            SearchSpace space = SearchSpace.of(Map.of("x", Params.uniform("x", 0, 1)));
            Tuner<Map<String, Object>> tuner = Tuner.random(space, 1).maxTrials(trials).threadsPerWorker(1)
                    .storage(storage);
            awaitStart.run();
            tuner.run(sleeping(Path.of(args[7] + ".times")));
            return;
        }
        TabularData data = TabularData.penguins();
        TabularSplit split = data.split(0.6, 0.2, 42);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(PENGUIN_MAX_EPOCHS)
                .withMaxLr(0.01).withProgress(Progress.LOG);
        TabularSpace space = SearchSpaces.tabular(recipe, split.train(), storage);
        Tuner<TabularRecipe> tuner = Tuner.asha(space, 1, PENGUIN_MAX_EPOCHS, ETA).maxTrials(trials)
                .threadsPerWorker(Math.max(1, Runtime.getRuntime().availableProcessors() / Integer.parseInt(args[8])))
                .storage(storage);
        awaitStart.run();
        tuner.run(TabularTuning.objective(recipe, split.train(), split.valid()));
    }

    /** One epoch: sleeps, then reports x; appends "startMillis endMillis" to {@code times}. */
    private static Objective<Map<String, Object>> sleeping(Path times) {
        return (candidate, context) -> new TrialSession() {
            @Override
            public EpochResult trainEpoch(int epoch) throws Exception {
                long start = System.currentTimeMillis();
                Thread.sleep(SLEEP_MILLIS);
                Files.writeString(times, start + " " + System.currentTimeMillis() + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                return EpochResult.of((Double) candidate.get("x"));
            }

            @Override
            public void save(Path file) throws IOException {
                Files.writeString(file, "x");
            }

            @Override
            public void restore(Path file) {
                // nothing to restore: the objective keeps no state
            }
        };
    }

    /**
     * The trials' window (first start to last end) and the mean gap between a worker's trials.
     *
     * @param seconds   the window
     * @param gapMillis the mean time from the end of a trial to the start of that worker's next one
     */
    record Window(double seconds, double gapMillis) {
        static Window of(Path work, int workers) throws IOException {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long gaps = 0;
            int count = 0;
            for (int w = 0; w < workers; w++) {
                Path times = work.resolve("w" + w + ".times");
                if (!Files.exists(times)) {
                    continue;   // a worker that found no trial left
                }
                long previousEnd = -1;
                for (String line : Files.readAllLines(times)) {
                    String[] f = line.split(" ");
                    long start = Long.parseLong(f[0]);
                    long end = Long.parseLong(f[1]);
                    first = Math.min(first, start);
                    last = Math.max(last, end);
                    if (previousEnd >= 0) {
                        gaps += start - previousEnd;
                        count++;
                    }
                    previousEnd = end;
                }
            }
            return new Window((last - first) / 1000.0, count == 0 ? Double.NaN : (double) gaps / count);
        }
    }

    private static Map<String, String> startServer() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", POSTGRES.toString(), "start").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(POSTGRES + " start failed (run from the repository root)");
        }
        Map<String, String> env = new HashMap<>();
        for (String line : out.split("\\R")) {
            String[] kv = line.replaceFirst("^export ", "").split("=", 2);
            if (kv.length == 2) {
                env.put(kv[0], kv[1].replaceAll("^'|'$", ""));
            }
        }
        return env;
    }

    private static void stopServer(Map<String, String> env) throws IOException, InterruptedException {
        new ProcessBuilder("bash", POSTGRES.toString(), "stop", env.get("DL4JR_TEST_POSTGRES_DATA")).inheritIO()
                .start().waitFor();
    }

    private static long count(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }
}
