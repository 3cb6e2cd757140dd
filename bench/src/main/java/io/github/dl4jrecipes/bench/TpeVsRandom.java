package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.Objective;
import io.github.dl4jrecipes.tuning.Samplers;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.TabularSpace;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.TrialRecord;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The TPE quality bar on the bundled penguins table: does TPE's best-after-N-trials beat random
 * search's, on average over seeds? Per seed, both strategies search the same space
 * ({@link SearchSpaces#tabular(TabularRecipe, org.nd4j.linalg.dataset.DataSet)}: depth, width,
 * 1cycle peak LR, batch size, dropout, weight decay, the activation ladder) on the same 60/20/20
 * split with {@value #DEFAULT_TRIALS} full-budget trials of {@value #DEFAULT_EPOCHS} epochs and
 * the same study seed. The objective is the validation log-loss ({@link TabularTuning#lossObjective},
 * minimised): penguins' validation accuracy saturates at 100% for most candidates, so it cannot
 * tell strategies apart. Prints, per seed and as the mean over seeds, the best loss after
 * {@code k} trials (k = 5, 10, 20 and 40 when run that long: the best-so-far curve) for random and TPE, and whether TPE's
 * mean is lower.
 *
 * <p>TPE starts model-based after {@value #TPE_STARTUP_TRIALS} random trials (a quarter of the
 * budget; Optuna's default of 10 would leave half of a 20-trial study random).
 *
 * <p>{@code mvn -B -q -pl bench -am package -DskipTests exec:java -Dexec.mainClass=io.github.dl4jrecipes.bench.TpeVsRandom -Dexec.args="1 2 3 4 5"}
 * (seeds; default 1 … 5; {@code --trials N} and {@code --epochs E} before the seeds for a smoke run).
 */
public final class TpeVsRandom {

    /** Trials per study: 20 ({@code --trials 40} for the curve's last point). */
    static final int DEFAULT_TRIALS = 20;
    /** Epochs per trial (the 1cycle length): 6 keeps a seed to about a minute on 2 cores. */
    static final int DEFAULT_EPOCHS = 6;
    /** Random trials before TPE's model takes over. */
    static final int TPE_STARTUP_TRIALS = 5;
    /** Points of the best-so-far curve. */
    static final int[] CURVE = {5, 10, 20, 40};
    /** Seeds when none are given: 1 … 5 (the issue asks for at least 3). */
    static final String[] DEFAULT_SEEDS = {"1", "2", "3", "4", "5"};

    private TpeVsRandom() {
    }

    /** @param args {@code [--trials N] [--epochs E] [seed ...]} */
    public static void main(String[] args) throws IOException {
        int trials = DEFAULT_TRIALS;
        int epochs = DEFAULT_EPOCHS;
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--trials" -> trials = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                default -> seeds.add(args[i]);
            }
        }
        if (seeds.isEmpty()) {
            seeds.addAll(List.of(DEFAULT_SEEDS));
        }
        int maxTrials = trials;
        int[] ks = IntStream.of(CURVE).filter(k -> k <= maxTrials).toArray();
        TabularData data = TabularData.penguins();
        Path root = Files.createTempDirectory("tpe-vs-random-");
        List<double[]> randomCurves = new ArrayList<>();
        List<double[]> tpeCurves = new ArrayList<>();
        StringBuilder table = new StringBuilder(header(ks));
        for (String s : seeds) {
            long seed = Long.parseLong(s);
            TabularSplit split = data.split(0.6, 0.2, seed);
            TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(epochs).withSeed(seed)
                    .withProgress(Progress.LOG);
            TabularSpace space = SearchSpaces.tabular(recipe, split.train());
            Objective<TabularRecipe> objective = TabularTuning.lossObjective(split.train(), split.valid());
            long start = System.nanoTime();
            TuningResult<TabularRecipe> random = Tuner.random(space, epochs).maxTrials(trials).seed(seed)
                    .study(root.resolve("random-" + seed)).run(objective);    // the loss objective minimises
            TuningResult<TabularRecipe> tpe = Tuner.tpe(space, epochs).sampler(Samplers.tpe(TPE_STARTUP_TRIALS))
                    .maxTrials(trials).seed(seed).study(root.resolve("tpe-" + seed)).run(objective);
            double[] r = curve(random, ks);
            double[] t = curve(tpe, ks);
            randomCurves.add(r);
            tpeCurves.add(t);
            table.append(row(s, "random", r)).append(row(s, "tpe", t));
            System.out.printf(Locale.ROOT, "seed %d done in %.0f s%n", seed, (System.nanoTime() - start) / 1e9);
        }
        double[] randomMean = mean(randomCurves);
        double[] tpeMean = mean(tpeCurves);
        table.append(row("mean", "random", randomMean)).append(row("mean", "tpe", tpeMean));
        int last = ks.length - 1;
        long wins = IntStream.range(0, seeds.size()).filter(i -> tpeCurves.get(i)[last] < randomCurves.get(i)[last])
                .count();
        System.out.print(table);
        System.out.printf(Locale.ROOT, "validation log-loss, lower is better; %d trials x %d epochs per study, "
                + "%d seeds%n", trials, epochs, seeds.size());
        System.out.printf(Locale.ROOT, "TPE's mean best after %d trials beats random's: %s (%.4f vs %.4f); TPE better "
                + "on %d of %d seeds%n", ks[last], tpeMean[last] < randomMean[last] ? "yes" : "no", tpeMean[last],
                randomMean[last], wins, seeds.size());
    }

    /** The best (lowest) loss among the first k trials, in trial order, for each k. */
    static double[] curve(TuningResult<TabularRecipe> result, int[] ks) {
        List<TrialRecord> trials = result.trials().stream().sorted(Comparator.comparingInt(TrialRecord::number))
                .toList();
        double[] best = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
            best[i] = trials.stream().limit(ks[i]).mapToDouble(TrialRecord::value).filter(Double::isFinite).min()
                    .orElse(Double.NaN);
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
