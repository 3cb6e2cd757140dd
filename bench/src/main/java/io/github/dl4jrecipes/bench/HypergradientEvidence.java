package io.github.dl4jrecipes.bench;

import io.github.dl4jrecipes.core.data.DataLoadException;
import io.github.dl4jrecipes.core.data.FashionMnist;
import io.github.dl4jrecipes.core.data.IdxImages;
import io.github.dl4jrecipes.core.data.Split;
import io.github.dl4jrecipes.core.data.Splits;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularSplit;
import io.github.dl4jrecipes.core.plot.Curve;
import io.github.dl4jrecipes.core.plot.Panel;
import io.github.dl4jrecipes.core.plot.Plots;
import io.github.dl4jrecipes.core.schedule.HypergradientAdam;
import io.github.dl4jrecipes.core.train.EpochRecord;
import io.github.dl4jrecipes.core.train.History;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.core.train.TrainedModel;
import io.github.dl4jrecipes.core.train.internal.AtomicFiles;
import io.github.dl4jrecipes.recipes.image.ImageRecipe;
import io.github.dl4jrecipes.recipes.augment.Augment;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Evidence for the hypergradient learning rate (issue 16): on Fashion-MNIST with the image
 * recipe's {@code small()} network and on the penguins table with the tabular recipe, Adam-HD
 * ({@link HypergradientAdam}, the paper's β = 1e-7) started from a deliberately wrong learning
 * rate, 10× below and 10× above the LR finder's pick, against plain Adam at that rate and against
 * the default (LR finder + 1cycle). Prints the validation metric after the last epoch of each run
 * as a Markdown table, writes it to {@code <out>/hypergradient.md} and plots the learning rate per
 * epoch of every run to {@code <out>/hypergradient-lr.png} (the adapted α for Adam-HD, as the
 * history records it).
 *
 * <p>{@code mvn -B -q -pl bench -am package -DskipTests exec:java
 * -Dexec.mainClass=io.github.dl4jrecipes.bench.HypergradientEvidence -Dexec.args="--epochs 5"};
 * smoke run: {@code --epochs 1 --train 300 --valid 100}. Options: {@code --epochs E}
 * (default {@value #DEFAULT_EPOCHS}), {@code --train N} and {@code --valid N} (Fashion-MNIST images,
 * default {@value #DEFAULT_TRAIN} and {@value #DEFAULT_VALID}), {@code --seed S}, {@code --out DIR}
 * (default {@code target/hypergradient}), {@code --only fashion|tabular}. Fashion-MNIST needs
 * Debian's {@code dataset-fashion-mnist} (skipped with a note when it cannot be loaded).
 */
public final class HypergradientEvidence {

    /** Epochs per run. */
    static final int DEFAULT_EPOCHS = 5;
    /** Fashion-MNIST training images (a stratified subset, so that 7 runs fit in minutes here). */
    static final int DEFAULT_TRAIN = 5_000;
    /** Fashion-MNIST validation images. */
    static final int DEFAULT_VALID = 1_000;
    /** How far off the wrong initial learning rates are: 10× below and above the LR finder's pick. */
    static final double WRONG_FACTOR = 10;

    private HypergradientEvidence() {
    }

    /** One problem: a recipe trained by {@code train} with an optimizer, or with its default (null). */
    private record Problem(String name, Function<IUpdater, TrainedModel<?>> train) {
    }

    /** @param args see the class comment */
    public static void main(String[] args) throws IOException {
        int epochs = DEFAULT_EPOCHS;
        int trainImages = DEFAULT_TRAIN;
        int validImages = DEFAULT_VALID;
        long seed = 42;
        Path out = Path.of("target", "hypergradient");
        String only = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(value);
                case "--train" -> trainImages = Integer.parseInt(value);
                case "--valid" -> validImages = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                case "--only" -> only = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --epochs, --train, "
                        + "--valid, --seed, --out or --only fashion|tabular");
            }
        }
        List<Problem> problems = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        if (only == null || only.equals("tabular")) {
            problems.add(tabular(epochs, seed));
        }
        if (only == null || only.equals("fashion")) {
            try {
                problems.add(fashion(epochs, trainImages, validImages, seed));
            } catch (DataLoadException e) {
                report.append("Fashion-MNIST skipped (install dataset-fashion-mnist): ").append(e.getMessage())
                        .append("\n\n");
            }
        }
        report.append(String.format(Locale.ROOT, "Validation metric after %d epoch(s), seed %d; initial learning "
                + "rates %gx below and above the LR finder's pick%n%n", epochs, seed, WRONG_FACTOR));
        report.append("| problem | run | initial LR | final LR | validation metric |\n|---|---|---|---|---|\n");
        List<Panel> panels = new ArrayList<>();
        for (Problem problem : problems) {
            Map<String, History> runs = new LinkedHashMap<>();
            TrainedModel<?> reference = problem.train().apply(null);
            double pick = Double.parseDouble(reference.card().settings().get("recipe.maxLr"));
            runs.put("LR finder + 1cycle (peak " + format(pick) + ")", reference.history());
            for (double lr : new double[]{pick / WRONG_FACTOR, pick * WRONG_FACTOR}) {
                runs.put("Adam at " + format(lr), problem.train().apply(new Adam(lr)).history());
                runs.put("Adam-HD from " + format(lr), problem.train().apply(HypergradientAdam.of(lr)).history());
            }
            List<Curve> curves = new ArrayList<>();
            boolean positive = true;
            for (Map.Entry<String, History> run : runs.entrySet()) {
                List<EpochRecord> records = run.getValue().epochs();
                EpochRecord last = records.get(records.size() - 1);
                report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f |%n", problem.name(), run.getKey(),
                        format(records.get(0).learningRate()), format(last.learningRate()), last.validMetric()));
                double[] x = records.stream().mapToDouble(EpochRecord::epoch).toArray();
                double[] y = records.stream().mapToDouble(EpochRecord::learningRate).toArray();
                positive &= Arrays.stream(y).allMatch(v -> v > 0);
                curves.add(new Curve(run.getKey(), x, y));
            }
            panels.add(Panel.of(problem.name() + ": learning rate at the end of each epoch", "epoch", "learning rate",
                    curves).withLogY(positive));
        }
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("hypergradient.md"), report.toString());
        if (!panels.isEmpty()) {
            Plots.panels(panels, out.resolve("hypergradient-lr.png"));
        }
        System.out.println(report);
        System.out.println("wrote " + out.resolve("hypergradient.md") + " and " + out.resolve("hypergradient-lr.png"));
    }

    private static Problem tabular(int epochs, long seed) {
        TabularData data = TabularData.penguins();
        TabularSplit split = data.split(0.8, seed);
        TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withEpochs(epochs).withSeed(seed)
                .withProgress(Progress.LOG);
        return new Problem("penguins (tabular)", updater -> (updater == null ? recipe : recipe.withOptimizer(updater))
                .fit(split.train(), split.valid()));
    }

    private static Problem fashion(int epochs, int train, int valid, long seed) {
        IdxImages fm = FashionMnist.load();
        int all = fm.train().numExamples();
        DataSet pool = Splits.trainValid(fm.train(), (double) (train + valid) / all, seed).train();
        Split parts = Splits.trainValid(pool, (double) train / (train + valid), seed);
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, fm.classNames().size()).small()
                .withAugment(Augment.none()).withEpochs(epochs).withSeed(seed);
        return new Problem("Fashion-MNIST small()", updater -> (updater == null ? recipe : recipe.withOptimizer(updater))
                .fit(parts.train(), parts.valid()));
    }

    private static String format(double lr) {
        return String.format(Locale.ROOT, "%.3g", lr);
    }
}
