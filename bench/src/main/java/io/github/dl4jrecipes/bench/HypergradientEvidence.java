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
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Evidence for the hypergradient learning rate (issue 16): on Fashion-MNIST with the image
 * recipe's {@code small()} network and on the penguins table with the tabular recipe, Adam-HD
 * ({@link HypergradientAdam}; β the paper's 1e-7 or those given) started from a deliberately wrong learning
 * rate, 10× below and 10× above the LR finder's pick, against plain Adam at that rate and against
 * the default (LR finder + 1cycle). Prints the validation metric after the last epoch of each run
 * as a Markdown table, writes it to {@code <out>/hypergradient.md} and plots the learning rate per
 * epoch of every run to {@code <out>/hypergradient-lr.png} (the adapted α for Adam-HD, as the
 * history records it).
 *
 * <p>{@code mvn -B -q -pl bench -am package -DskipTests exec:java
 * -Dexec.mainClass=io.github.dl4jrecipes.bench.HypergradientEvidence -Dexec.args="--epochs 5"};
 * smoke run: {@code --epochs 1 --train 300 --valid 100}. Options: {@code --epochs E}
 * (default {@value #DEFAULT_EPOCHS}; Fashion-MNIST only, penguins trains the recipe's default epochs),
 * {@code --train N} and {@code --valid N} (Fashion-MNIST images, default {@value #DEFAULT_TRAIN} and
 * {@value #DEFAULT_VALID}), {@code --seed S} and {@code --seeds K} (seeds S to S+K−1, default 42 and 1),
 * {@code --hyper-lrs β1,β2} (Adam-HD's β, default the paper's), {@code --out DIR}
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

    /** One problem: a recipe trained by {@code train} with an optimizer, or with its default (null), for a seed. */
    private record Problem(String name, BiFunction<IUpdater, Long, TrainedModel<?>> train) {
    }

    /** @param args see the class comment */
    public static void main(String[] args) throws IOException {
        int epochs = DEFAULT_EPOCHS;
        int trainImages = DEFAULT_TRAIN;
        int validImages = DEFAULT_VALID;
        long seed = 42;
        int seeds = 1;
        double[] hyperLrs = {HypergradientAdam.DEFAULT_HYPER_LEARNING_RATE};
        Path out = Path.of("target", "hypergradient");
        String only = null;
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(value);
                case "--train" -> trainImages = Integer.parseInt(value);
                case "--valid" -> validImages = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--seeds" -> seeds = Integer.parseInt(value);
                case "--hyper-lrs" -> hyperLrs = Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--out" -> out = Path.of(value);
                case "--only" -> only = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --epochs, --train, "
                        + "--valid, --seed, --seeds, --hyper-lrs, --out or --only fashion|tabular");
            }
        }
        List<Problem> problems = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        if (only == null || only.equals("tabular")) {
            problems.add(tabular());
        }
        if (only == null || only.equals("fashion")) {
            try {
                problems.add(fashion(epochs, trainImages, validImages, seed));
            } catch (DataLoadException e) {
                report.append("Fashion-MNIST skipped (install dataset-fashion-mnist): ").append(e.getMessage())
                        .append("\n\n");
            }
        }
        String fashionRun = String.format(Locale.ROOT, "Fashion-MNIST: %d epochs on %,d images", epochs, trainImages);
        report.append(String.format(Locale.ROOT, "Validation metric after the last epoch (%s), mean over seeds "
                + "%d–%d (each seed's value in brackets); initial learning rates %.0f× below and above the LR finder's "
                + "pick; Adam-HD with hyper-learning-rate β as given. Learning rates: seed %d's.%n%n",
                problems.stream().map(p -> p.name().startsWith("Fashion") ? fashionRun
                        : "penguins: the recipe's default epochs").collect(Collectors.joining("; ")),
                seed, seed + seeds - 1, WRONG_FACTOR, seed));
        report.append("| problem | run | LR after epoch 1 | final LR | validation metric |\n|---|---|---|---|---|\n");
        List<Panel> panels = new ArrayList<>();
        for (Problem problem : problems) {
            Map<String, List<History>> runs = new LinkedHashMap<>();
            for (long s = seed; s < seed + seeds; s++) {
                TrainedModel<?> reference = problem.train().apply(null, s);
                double pick = Double.parseDouble(reference.card().settings().get("recipe.maxLr"));
                add(runs, "LR finder + 1cycle", reference.history());
                for (double factor : new double[]{1 / WRONG_FACTOR, WRONG_FACTOR}) {
                    String where = factor < 1 ? "10× low" : "10× high";
                    add(runs, "Adam, " + where, problem.train().apply(new Adam(pick * factor), s).history());
                    for (double beta : hyperLrs) {
                        add(runs, "Adam-HD β " + format(beta) + ", " + where, problem.train()
                                .apply(HypergradientAdam.of(pick * factor).withHyperLearningRate(beta), s).history());
                    }
                }
            }
            List<Curve> curves = new ArrayList<>();
            boolean positive = true;
            for (Map.Entry<String, List<History>> run : runs.entrySet()) {
                List<EpochRecord> first = run.getValue().get(0).epochs();
                EpochRecord last = first.get(first.size() - 1);
                double[] finals = run.getValue().stream()
                        .mapToDouble(h -> h.epochs().get(h.epochs().size() - 1).validMetric()).toArray();
                report.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f (%s) |%n", problem.name(),
                        run.getKey(), format(first.get(0).learningRate()), format(last.learningRate()),
                        Arrays.stream(finals).average().orElse(Double.NaN), Arrays.stream(finals)
                                .mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).collect(Collectors.joining(", "))));
                double[] x = first.stream().mapToDouble(EpochRecord::epoch).toArray();
                double[] y = first.stream().mapToDouble(EpochRecord::learningRate).toArray();
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

    private static void add(Map<String, List<History>> runs, String name, History history) {
        runs.computeIfAbsent(name, k -> new ArrayList<>()).add(history);
    }

    /** Penguins with the tabular recipe's own epochs and batch size (its 80/20 split drawn per seed). */
    private static Problem tabular() {
        TabularData data = TabularData.penguins();
        return new Problem("penguins (tabular)", (updater, seed) -> {
            TabularSplit split = data.split(0.8, seed);
            TabularRecipe recipe = TabularRecipe.classifier(data.schema()).withSeed(seed).withProgress(Progress.LOG);
            return (updater == null ? recipe : recipe.withOptimizer(updater)).fit(split.train(), split.valid());
        });
    }

    private static Problem fashion(int epochs, int train, int valid, long seed) {
        IdxImages fm = FashionMnist.load();
        int all = fm.train().numExamples();
        DataSet pool = Splits.trainValid(fm.train(), (double) (train + valid) / all, seed).train();
        Split parts = Splits.trainValid(pool, (double) train / (train + valid), seed);
        ImageRecipe recipe = ImageRecipe.classifier(28, 28, 1, fm.classNames().size()).small()
                .withAugment(Augment.none()).withEpochs(epochs);
        return new Problem("Fashion-MNIST small()", (updater, s) -> (updater == null ? recipe : recipe.withOptimizer(updater))
                .withSeed(s).fit(parts.train(), parts.valid()));
    }

    private static String format(double lr) {
        return String.format(Locale.ROOT, "%.3g", lr);
    }
}
