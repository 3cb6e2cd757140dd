package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.tuning.Objective;
import io.github.dl4jrecipes.tuning.SearchSpaces;
import io.github.dl4jrecipes.tuning.TabularSpace;
import io.github.dl4jrecipes.tuning.TabularTuning;
import io.github.dl4jrecipes.tuning.Tuner;
import io.github.dl4jrecipes.tuning.TuningResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The tuning quality bar on the bundled penguins table: does ASHA (1 … {@value #MAX_EPOCHS} epochs,
 * η {@value #ETA}) or Hyperband reach random search's best validation accuracy (± {@value #TOLERANCE})
 * with at most a third of random search's training epochs? Per seed: random search with
 * {@value #RANDOM_TRIALS} full-budget trials, then ASHA and Hyperband each capped at a third of
 * the epochs random search trained ({@code maxTotalEpochs}); prints each study's best and epochs.
 *
 * <p>{@code mvn -B -q -pl bench -am package -DskipTests exec:java -Dexec.mainClass=io.github.dl4jrecipes.bench.TuningEpochs -Dexec.args="1 2 3"}
 */
public final class TuningEpochs {

    /** Epochs of a fully trained trial: 9 = 3², ASHA rungs 1, 3, 9. */
    static final int MAX_EPOCHS = 9;
    /** η of ASHA and Hyperband (the papers' default). */
    static final int ETA = 3;
    /** Full-budget trials of the random search baseline. */
    static final int RANDOM_TRIALS = 16;
    /** Share of random search's epochs the bandit strategies get: the quality bar, 1/3. */
    static final int EPOCH_FRACTION = 3;
    /** Trials the bandit strategies may start (the epoch budget stops them first). */
    static final int BANDIT_TRIALS = 200;
    /** "Reaching" random search's best: within half a point of accuracy. */
    static final double TOLERANCE = 0.005;

    private TuningEpochs() {
    }

    /** @param args seeds (default 1 2 3) */
    public static void main(String[] args) throws IOException {
        String[] seeds = args.length > 0 ? args : new String[] {"1", "2", "3"};
        TabularData data = TabularData.penguins();
        Path root = Files.createTempDirectory("tuning-epochs-");
        System.out.println("seed  strategy   trials  epochs  best_valid_acc  reaches_random_best");
        int reached = 0;
        int runs = 0;
        for (String s : seeds) {
            long seed = Long.parseLong(s);
            TabularSplit split = data.split(0.6, 0.2, seed);
            TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(MAX_EPOCHS).withSeed(seed)
                    .withProgress(Progress.LOG);
            TabularSpace space = SearchSpaces.tabular(recipe, split.train());
            Objective<TabularRecipe> objective = TabularTuning.objective(split.train(), split.valid());
            TuningResult<TabularRecipe> random = Tuner.random(space, MAX_EPOCHS).maxTrials(RANDOM_TRIALS).seed(seed)
                    .study(root.resolve("random-" + seed)).run(objective);
            double target = best(random);
            long randomEpochs = epochs(random);
            print(seed, "random", random, target, true);
            long budget = randomEpochs / EPOCH_FRACTION;
            for (String strategy : new String[] {"asha", "hyperband"}) {
                Tuner<TabularRecipe> tuner = strategy.equals("asha") ? Tuner.asha(space, 1, MAX_EPOCHS, ETA)
                        : Tuner.hyperband(space, 1, MAX_EPOCHS, ETA);
                TuningResult<TabularRecipe> r = tuner.maxTrials(BANDIT_TRIALS).maxTotalEpochs(budget).seed(seed)
                        .study(root.resolve(strategy + "-" + seed)).run(objective);
                boolean ok = best(r) >= target - TOLERANCE;
                reached += ok ? 1 : 0;
                runs++;
                print(seed, strategy, r, target, ok);
            }
        }
        System.out.printf(Locale.ROOT, "bandit studies reaching random search's best (±%.1f pt) with <= 1/%d of its "
                + "epochs: %d of %d%n", TOLERANCE * 100, EPOCH_FRACTION, reached, runs);
    }

    private static double best(TuningResult<TabularRecipe> result) {
        return result.trials().stream().flatMap(t -> t.values().stream()).mapToDouble(Double::doubleValue).max()
                .orElse(Double.NaN);
    }

    private static long epochs(TuningResult<TabularRecipe> result) {
        return result.trials().stream().mapToLong(t -> t.values().size()).sum();
    }

    private static void print(long seed, String strategy, TuningResult<TabularRecipe> r, double target, boolean ok) {
        System.out.printf(Locale.ROOT, "%-5d %-10s %-7d %-7d %-15.4f %s%n", seed, strategy, r.trials().size(),
                epochs(r), best(r), ok ? "yes" : "no (random: " + target + ")");
    }
}
