package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.Direction;
import io.github.dl4jrecipes.tuning.Objective;
import io.github.dl4jrecipes.tuning.Samplers;
import io.github.dl4jrecipes.tuning.Scheduler;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.TabularSpace;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The sampler comparison: random search, TPE, multivariate TPE, CMA-ES (all at full budget) and
 * ASHA (random search with the ASHA scheduler, η {@value #ETA}) on two problems where the
 * validation metric does not saturate, over several seeds. Per seed each strategy searches the
 * same space ({@link SearchSpaces#tabular(TabularRecipe, DataSet)}: depth, width, 1cycle peak LR,
 * batch size, dropout, weight decay, activation) on the same split with the same study seed; the
 * recipe as given is trial 1 of every study. Prints per problem, seed and strategy the best
 * validation value among the first k trials (k = 10, 20, 40: in trial-number order, an ASHA
 * trial counting with the value of its last rung), the mean over seeds, the number of seeds on
 * which each strategy is strictly better than random search, and the epochs each strategy trained.
 * Samplers run with their defaults (TPE: 10 random startup trials, Optuna's).
 *
 * <ul>
 *   <li>{@code penguins}: the body mass of the bundled penguins (342 with a mass; 60/20/20
 *       split per seed) by a regressor of the other columns, validation RMSE in grams (minimised),
 *       {@value #PENGUIN_EPOCHS} epochs per trial.</li>
 *   <li>{@code fashion}: {@value #FASHION_TRAIN} + {@value #FASHION_VALID} Fashion-MNIST
 *       training images drawn per seed, shrunk to 14 × 14 (2 × 2 means), the 196 pixels as a table
 *       for the tabular classifier (an MLP), validation accuracy (maximised), {@value #FASHION_EPOCHS}
 *       epochs per trial. Needs Debian's {@code dataset-fashion-mnist}.</li>
 * </ul>
 *
 * <p>{@code mvn -B -q -pl bench -am package -DskipTests exec:java -Dexec.mainClass=io.github.dl4jrecipes.bench.SamplerComparison -Dexec.args="--problem penguins 1 2 3 4 5"}
 * (seeds; default 1 … 5; {@code --problem penguins|fashion|both}, {@code --trials N} for a smoke run).
 */
public final class SamplerComparison {

    /** Trials per study. */
    static final int DEFAULT_TRIALS = 40;
    /** Points of the best-so-far curve. */
    static final int[] CURVE = {10, 20, 40};
    /** Seeds when none are given: 1 … 5. */
    static final String[] DEFAULT_SEEDS = {"1", "2", "3", "4", "5"};
    /** ASHA's reduction factor (the paper's default). */
    static final int ETA = 3;
    /** Epochs of a penguins trial: 9 = 3², ASHA rungs 1, 3, 9. */
    static final int PENGUIN_EPOCHS = 9;
    /** Epochs of a Fashion-MNIST trial: ASHA rungs 1, 3. */
    static final int FASHION_EPOCHS = 3;
    /** Fashion-MNIST training images per seed: 600 keeps a trial to a few seconds on one shared core (accuracy about 75-80 %). */
    static final int FASHION_TRAIN = 600;
    /** Fashion-MNIST validation images per seed (one image = 0.25 pt of accuracy). */
    static final int FASHION_VALID = 400;
    /** Fashion-MNIST's image side. */
    private static final int SIDE = 28;
    /** The side after 2 × 2 averaging. */
    private static final int HALF = SIDE / 2;
    private static final String STRATEGIES_TEXT = "random, tpe, mv-tpe, cma-es, asha";

    private SamplerComparison() {
    }

    /** One problem of one seed: its space, its objective, the epochs of a full trial. */
    private record Setup(TabularSpace space, Objective<TabularRecipe> objective, int epochs, Direction direction) {
    }

    /** @param args {@code [--problem penguins|fashion|both] [--trials N] [seed ...]} */
    public static void main(String[] args) throws IOException {
        int trials = DEFAULT_TRIALS;
        String problem = "both";
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--problem" -> problem = args[++i];
                default -> seeds.add(args[i]);
            }
        }
        if (seeds.isEmpty()) {
            seeds.addAll(List.of(DEFAULT_SEEDS));
        }
        Path root = Files.createTempDirectory("sampler-comparison-");
        if (problem.equals("penguins") || problem.equals("both")) {
            compare("penguins body mass, validation RMSE (g), lower is better", seeds, trials, root,
                    SamplerComparison::penguins);
        }
        if (problem.equals("fashion") || problem.equals("both")) {
            compare("Fashion-MNIST " + FASHION_TRAIN + "/" + FASHION_VALID + " at 14x14, MLP, validation accuracy,"
                    + " higher is better", seeds, trials, root, seed -> fashion(seed, root));
        }
    }

    private static Setup penguins(long seed) {
        TabularData data = TabularData.penguinsCsv().target("body_mass_g").dropRowsWithoutTarget().build();
        TabularSplit split = data.split(0.6, 0.2, seed);
        TabularRecipe recipe = TabularRecipe.regressor(data.schema()).withEpochs(PENGUIN_EPOCHS).withSeed(seed)
                .withProgress(Progress.LOG);
        return new Setup(SearchSpaces.tabular(recipe, split.train()),
                TabularTuning.objective(recipe, split.train(), split.valid()), PENGUIN_EPOCHS, Direction.MINIMIZE);
    }

    private static Setup fashion(long seed, Path root) {
        Path csv = root.resolve("fashion-" + seed + ".csv");
        try {
            writePixels(FashionMnist.load().train(), FASHION_TRAIN + FASHION_VALID, seed, csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TabularData data = TabularData.fromCsv(csv).target("label").build();
        TabularSplit split = data.split((double) FASHION_TRAIN / (FASHION_TRAIN + FASHION_VALID), seed);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(FASHION_EPOCHS).withSeed(seed)
                .withProgress(Progress.LOG);
        return new Setup(SearchSpaces.tabular(recipe, split.train()),
                TabularTuning.objective(recipe, split.train(), split.valid()), FASHION_EPOCHS, Direction.MAXIMIZE);
    }

    /**
     * {@code rows} images drawn at random with {@code seed}, each shrunk to 14 × 14 by averaging 2 × 2
     * blocks (a quarter of the first layer's work), as a CSV of 196 pixel columns and the class name.
     */
    private static void writePixels(DataSet images, int rows, long seed, Path csv) throws IOException {
        INDArray features = images.getFeatures().reshape(images.numExamples(), -1);
        INDArray labels = images.getLabels();
        List<Integer> order = new ArrayList<>(IntStream.range(0, images.numExamples()).boxed().toList());
        java.util.Collections.shuffle(order, new Random(seed));
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            for (int p = 0; p < HALF * HALF; p++) {
                w.write("p" + p + ",");
            }
            w.write("label\n");
            for (int r : order.subList(0, rows)) {
                float[] row = features.getRow(r).toFloatVector();
                StringBuilder line = new StringBuilder();
                for (int y = 0; y < HALF; y++) {
                    for (int x = 0; x < HALF; x++) {
                        int at = 2 * y * SIDE + 2 * x;
                        float v = (row[at] + row[at + 1] + row[at + SIDE] + row[at + SIDE + 1]) / 4;
                        line.append(String.format(Locale.ROOT, "%.3g", v)).append(',');
                    }
                }
                line.append('"').append(FashionMnist.CLASS_NAMES.get(labels.getRow(r).argMax().getInt(0))).append("\"\n");
                w.write(line.toString());
            }
        }
    }

    private static void compare(String title, List<String> seeds, int trials, Path root,
                                Function<Long, Setup> problem) {
        int[] ks = IntStream.of(CURVE).filter(k -> k <= trials).toArray();
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        Map<String, Long> epochs = new LinkedHashMap<>();
        Direction direction = null;
        StringBuilder table = new StringBuilder(header(ks));
        for (String s : seeds) {
            long seed = Long.parseLong(s);
            long start = System.nanoTime();
            Setup setup = problem.apply(seed);
            direction = setup.direction();
            Map<String, Tuner<TabularRecipe>> tuners = new LinkedHashMap<>();
            Scheduler full = Scheduler.fullBudget(setup.epochs());
            tuners.put("random", Tuner.of(setup.space(), Samplers.random(), full));
            tuners.put("tpe", Tuner.of(setup.space(), Samplers.tpe(), full));
            tuners.put("mv-tpe", Tuner.of(setup.space(), Samplers.multivariateTpe(), full));
            tuners.put("cma-es", Tuner.of(setup.space(), Samplers.cmaEs(), full));
            tuners.put("asha", Tuner.asha(setup.space(), 1, setup.epochs(), ETA));
            StringBuilder seedRows = new StringBuilder();
            for (Map.Entry<String, Tuner<TabularRecipe>> e : tuners.entrySet()) {
                Path dir = root.resolve(title.hashCode() + "-" + e.getKey() + "-" + seed);
                TuningResult<TabularRecipe> result = e.getValue().maxTrials(trials).seed(seed).threadsPerWorker(1)
                        .study(dir).run(setup.objective());
                double[] c = curve(result, ks, setup.direction());
                curves.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(c);
                epochs.merge(e.getKey(), result.trials().stream().mapToLong(TrialRecord::epochs).sum(), Long::sum);
                seedRows.append(row(s, e.getKey(), c));
            }
            table.append(seedRows);
            System.out.printf(Locale.ROOT, "%s: seed %d done in %.0f s%n%s", title, seed,
                    (System.nanoTime() - start) / 1e9, seedRows);
        }
        List<double[]> random = curves.get("random");
        StringBuilder wins = new StringBuilder();
        for (Map.Entry<String, List<double[]>> e : curves.entrySet()) {
            table.append(row("mean", e.getKey(), mean(e.getValue())));
            if (!e.getKey().equals("random")) {
                wins.append(String.format(Locale.ROOT, "%-8s better than random on", e.getKey()));
                for (int i = 0; i < ks.length; i++) {
                    int k = i;
                    Direction d = direction;
                    long w = IntStream.range(0, seeds.size()).filter(j -> d.better(e.getValue().get(j)[k],
                            random.get(j)[k])).count();
                    wins.append(String.format(Locale.ROOT, " %d/%d seeds at %d,", w, seeds.size(), ks[k]));
                }
                wins.setLength(wins.length() - 1);
                wins.append('\n');
            }
        }
        System.out.println("== " + title + "; " + trials + " trials per study, " + seeds.size() + " seeds ("
                + String.join(" ", seeds) + "); strategies " + STRATEGIES_TEXT);
        System.out.print(table);
        System.out.print(wins);
        epochs.forEach((name, e) -> System.out.printf(Locale.ROOT, "%-8s trained %d epochs in all%n", name, e));
    }

    /** The best value among the first k trials, in trial order, for each k. */
    static double[] curve(TuningResult<TabularRecipe> result, int[] ks, Direction direction) {
        List<TrialRecord> trials = result.trials().stream().sorted(Comparator.comparingInt(TrialRecord::number))
                .toList();
        double[] best = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            best[i] = trials.stream().limit(ks[i]).mapToDouble(TrialRecord::value).filter(Double::isFinite)
                    .reduce((a, b) -> direction.better(a, b) ? a : b).orElse(Double.NaN);
        }
        return best;
    }

    private static double[] mean(List<double[]> curves) {
        double[] mean = new double[curves.get(0).length];
        for (double[] c : curves) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += c[i] / curves.size();
            }
        }
        return mean;
    }

    private static String header(int[] ks) {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-6s %-8s", "seed", "strategy"));
        for (int k : ks) {
            h.append(String.format(Locale.ROOT, " %10s", "best@" + k));
        }
        return h.append('\n').toString();
    }

    private static String row(String seed, String strategy, double[] values) {
        StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "%-6s %-8s", seed, strategy));
        for (double v : values) {
            r.append(String.format(Locale.ROOT, " %10.4f", v));
        }
        return r.append('\n').toString();
    }
}
