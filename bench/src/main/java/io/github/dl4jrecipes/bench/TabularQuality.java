package io.github.dl4jrecipes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dl4jrecipes.core.data.CsvFormat;
import io.github.dl4jrecipes.core.data.CsvTable;
import io.github.dl4jrecipes.core.data.Split;
import io.github.dl4jrecipes.core.data.Splits;
import io.github.dl4jrecipes.core.data.TabularData;
import io.github.dl4jrecipes.core.data.TabularTransform;
import io.github.dl4jrecipes.core.data.TargetKind;
import io.github.dl4jrecipes.core.train.Net;
import io.github.dl4jrecipes.core.train.Progress;
import io.github.dl4jrecipes.recipes.tabular.TabularRecipe;
import io.github.dl4jrecipes.recipes.tabular.TabularRules;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The tabular-quality section: the default {@link TabularRecipe} against scikit-learn's default
 * models on real small tables. For each table of the manifest ({@code tables.tsv}, written by
 * {@code bench/data/export-r-tables.sh}) and each split seed, the rows are split 60/20/20 (stratified
 * by class for classification), the three parts written as CSV files; our side reads them with
 * {@link TabularData} (transform fitted on the training file), trains on train with valid as its
 * validation rows and scores test; {@code bench/peers/sklearn_peer.py} fits its four models on the
 * same training file and scores the same test file.
 */
final class TabularQuality {

    /** Fractions of each class (or of all rows, for regression) that go to train and valid; test gets the rest. */
    static final double TRAIN = 0.6;
    static final double VALID = 0.2;
    /** Mean R² differences below this count as ties. */
    static final double R2_TIE = 0.005;

    /** Trains a recipe on (train, valid) and returns what predicts the test rows' outputs. */
    interface Variant {
        UnaryOperator<INDArray> train(TabularRecipe recipe, DataSet train, DataSet valid);

        /** The recipe changed by {@code change}, one network. */
        static Variant of(UnaryOperator<TabularRecipe> change) {
            return (recipe, train, valid) -> {
                Net net = Net.of(change.apply(recipe).fit(train, valid).network());
                return net::output;
            };
        }

        /**
         * {@code k} networks of the changed recipe, one per fold of the training rows (each
         * validated on its own held-out fold; {@code valid} unused), their outputs averaged.
         */
        static Variant folds(int k, UnaryOperator<TabularRecipe> change) {
            return (recipe, train, valid) -> {
                List<Net> nets = new ArrayList<>();
                long seed = recipe.settings().seed().value();
                for (Split fold : Splits.kFold(recipe.classLabels(train), k, seed)) {
                    nets.add(Net.of(change.apply(recipe).fit(fold.train(), fold.valid()).network()));
                }
                return features -> {
                    INDArray sum = nets.get(0).output(features).dup();
                    nets.subList(1, nets.size()).forEach(n -> sum.addi(n.output(features)));
                    return sum.divi(nets.size());
                };
            };
        }
    }

    /**
     * The recipe variants the section can measure, by name: {@code default} is the recipe as
     * shipped; {@code previous} the defaults before issue 17 (full batch below 2,000 rows, so 200
     * epochs of one update, no weight decay); {@code long} three times both epoch-rule floors (60 epochs, 600 updates), {@code u600} only the updates floor
     * tripled; the others
     * one lever each.
     */
    static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("default", Variant.of(r -> r));
        VARIANTS.put("previous", Variant.of(r -> r.withBatchSize(Integer.MAX_VALUE).withWeightDecay(0)));
        VARIANTS.put("nowd", Variant.of(r -> r.withWeightDecay(0)));
        VARIANTS.put("es10", Variant.of(r -> r.withEarlyStopping(10)));
        VARIANTS.put("cv5", Variant.folds(5, r -> r));
        VARIANTS.put("long", epochFloors(3, 3));
        VARIANTS.put("u600", epochFloors(1, 3));
    }

    /** The recipe trained for the epoch rule's floors times the factors (epochs, updates). */
    private static Variant epochFloors(int epochFactor, int updateFactor) {
        return (recipe, train, valid) -> {
            int rows = train.numExamples();
            int batches = (rows + TabularRules.batchSize(rows) - 1) / TabularRules.batchSize(rows);
            int epochs = Math.max(epochFactor * TabularRules.MIN_EPOCHS,
                    (updateFactor * TabularRules.MIN_UPDATES + batches - 1) / batches);
            return Variant.of(r -> r.withEpochs(epochs)).train(recipe, train, valid);
        };
    }

    record Table(String name, Path file, String target, boolean classification) {
    }

    /** One model's score on one split: accuracy and wrong rows, or R² and RMSE; wall seconds of fitting. */
    record Score(String model, double metric, double wrongOrRmse, double seconds) {
    }

    private final Path splits;
    private final PythonPeer peer;
    private final List<String> variants;

    TabularQuality(Path splits, PythonPeer peer, List<String> variants) {
        this.splits = splits;
        this.peer = peer;
        for (String v : variants) {
            if (!VARIANTS.containsKey(v)) {
                throw new IllegalArgumentException("--tabular-variants: unknown variant '" + v + "'; known: "
                        + VARIANTS.keySet());
            }
        }
        this.variants = List.copyOf(variants);
    }

    /** The manifest's tables, those named in {@code only} (all when empty). */
    static List<Table> tables(Path manifest, List<String> only) throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException("--tables: " + manifest + " not found; fix: run "
                    + "bench/data/export-r-tables.sh first (needs r-base-core r-cran-mlbench r-cran-modeldata)");
        }
        List<Table> tables = new ArrayList<>();
        List<String> lines = Files.readAllLines(manifest);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length == 4 && (only.isEmpty() || only.contains(f[0]))) {
                tables.add(new Table(f[0], manifest.resolveSibling(f[1]), f[2], f[3].equals("classification")));
            }
        }
        return tables;
    }

    /** Runs every table × seed and returns the section's Markdown. */
    String run(List<Table> tables, List<Long> seeds) throws IOException, InterruptedException {
        Map<String, Map<String, List<Score>>> byTable = new LinkedHashMap<>();   // table -> model -> per seed
        Map<String, Integer> testRows = new TreeMap<>();
        StringBuilder detail = new StringBuilder();
        String sklearn = "?";
        for (Table table : tables) {
            CsvTable source = CsvTable.read(table.file(), CsvFormat.DEFAULT);
            Map<String, List<Score>> models = new LinkedHashMap<>();
            detail.append("\n### ").append(table.name()).append(" (").append(table.classification()
                    ? "classification: test accuracy, wrong test rows" : "regression: test R², RMSE").append(")\n\n");
            detail.append("| seed | model | ").append(table.classification() ? "accuracy | wrong" : "R² | RMSE")
                    .append(" | fit s |\n|---:|---|---:|---:|---:|\n");
            for (long seed : seeds) {
                Path dir = splits.resolve(table.name()).resolve("seed-" + seed);
                int test = writeSplit(source, table, seed, dir);
                testRows.put(table.name(), test);
                SplitData data = new SplitData(read(table, dir.resolve("train.csv")), read(table, dir.resolve("valid.csv")),
                        read(table, dir.resolve("test.csv")));
                List<Score> scores = new ArrayList<>();
                for (String variant : variants) {
                    scores.add(ours(table, variant, seed, data));
                }
                JsonNode r = peer.run(dir.resolve("train.csv").toString(), dir.resolve("valid.csv").toString(),
                        dir.resolve("test.csv").toString(), table.target(),
                        table.classification() ? "classification" : "regression", Long.toString(seed));
                sklearn = r.get("sklearn").asText();
                for (JsonNode m : r.get("models")) {
                    scores.add(table.classification()
                            ? new Score(m.get("model").asText(), m.get("accuracy").asDouble(), m.get("wrong").asDouble(),
                                    m.get("seconds").asDouble())
                            : new Score(m.get("model").asText(), m.get("r2").asDouble(), m.get("rmse").asDouble(),
                                    m.get("seconds").asDouble()));
                }
                for (Score s : scores) {
                    models.computeIfAbsent(s.model(), k -> new ArrayList<>()).add(s);
                    String line = String.format(Locale.ROOT, "| %d | %s | %.4f | %s | %.2f |", seed, s.model(),
                            s.metric(), table.classification() ? Integer.toString((int) s.wrongOrRmse())
                                    : String.format(Locale.ROOT, "%.4g", s.wrongOrRmse()), s.seconds());
                    System.out.println(table.name() + " " + line);
                    detail.append(line).append('\n');
                }
            }
            byTable.put(table.name(), models);
        }
        return String.format(Locale.ROOT, "Real small tables (R's mlbench and modeldata, exported by "
                + "`bench/data/export-r-tables.sh`), stratified %.0f/%.0f/%.0f splits for split seeds %s, each written "
                + "as CSV files under `%s`. Ours: `TabularRecipe` variants %s, trained on train with valid as "
                + "validation rows, scored on test (fit s: `recipe.fit` wall seconds, LR finder included). sklearn %s: "
                + "LogisticRegression (Ridge for regression), MLP, HistGradientBoosting, RandomForest, default "
                + "settings, in a Pipeline with median / most-frequent imputation, one-hot encoding and (linear model, "
                + "MLP) standard scaling, fitted on the same train file (fit s: its `fit` wall seconds).%n%n"
                + "## Summary (mean over seeds)%n%n%s%n## Per table and seed%n%s",
                100 * TRAIN, 100 * VALID, 100 * (1 - TRAIN - VALID), seeds, splits, variants, sklearn,
                summary(tables, byTable, testRows), detail);
    }

    /** Per table: each model's mean; per variant, the verdict against sklearn's best mean and the worst split. */
    private String summary(List<Table> tables, Map<String, Map<String, List<Score>>> byTable,
            Map<String, Integer> testRows) {
        StringBuilder s = new StringBuilder("| table | test rows | metric | ");
        for (String v : variants) {
            s.append(v).append(" | ");
        }
        s.append("sklearn best (model) | ");
        for (String v : variants) {
            s.append(v).append(" vs best | worst split gap | ");
        }
        s.append("fit s ").append(String.join(" / ", variants)).append(" / sklearn best |\n|---|---:|---|");
        s.append("---:|".repeat(variants.size())).append("---|").append("---|---:|".repeat(variants.size()))
                .append("---|\n");
        Map<String, int[]> tally = new LinkedHashMap<>();
        variants.forEach(v -> tally.put(v, new int[3]));
        for (Table table : tables) {
            Map<String, List<Score>> models = byTable.get(table.name());
            List<String> sklearnModels = models.keySet().stream().filter(m -> !variants.contains(m)).toList();
            boolean cls = table.classification();
            String best = Collections.max(sklearnModels, (a, b) -> Double.compare(mean(models.get(a)),
                    mean(models.get(b))));
            double bestMean = mean(models.get(best));
            s.append("| ").append(table.name()).append(" | ").append(testRows.get(table.name())).append(" | ")
                    .append(cls ? "accuracy" : "R²").append(" | ");
            for (String v : variants) {
                s.append(String.format(Locale.ROOT, "%.4f | ", mean(models.get(v))));
            }
            s.append(String.format(Locale.ROOT, "%.4f (%s) | ", bestMean, best));
            for (String v : variants) {
                double diff = mean(models.get(v)) - bestMean;
                double rows = diff * testRows.get(table.name());
                int verdict = cls ? (Math.abs(rows) < 1e-6 ? 1 : diff > 0 ? 0 : 2)
                        : (Math.abs(diff) < R2_TIE ? 1 : diff > 0 ? 0 : 2);
                tally.get(v)[verdict]++;
                String word = new String[]{"win", "tie", "loss"}[verdict];
                s.append(cls ? String.format(Locale.ROOT, "%s (%+.1f rows) | %s | ", word, rows,
                        worstGap(models, v, sklearnModels, true))
                        : String.format(Locale.ROOT, "%s (%+.3f) | %s | ", word, diff,
                        worstGap(models, v, sklearnModels, false)));
            }
            List<String> times = new ArrayList<>();
            variants.forEach(v -> times.add(String.format(Locale.ROOT, "%.1f", mean(models.get(v), Score::seconds))));
            times.add(String.format(Locale.ROOT, "%.2f", mean(models.get(best), Score::seconds)));
            s.append(String.join(" / ", times)).append(" |\n");
        }
        s.append('\n');
        tally.forEach((v, t) -> s.append(String.format(Locale.ROOT, "- %s vs sklearn's best default: %d wins, %d ties, "
                + "%d losses (ties: same mean wrong rows; R² within %.3f)%n", v, t[0], t[1], t[2], R2_TIE)));
        s.append("- worst split gap: the largest shortfall on one split against the best sklearn model of that split "
                + "(test rows for classification, R² for regression; goal: at most 1 row)\n");
        return s.toString();
    }

    /** The largest per-split shortfall of {@code variant} against that split's best sklearn model. */
    private static String worstGap(Map<String, List<Score>> models, String variant, List<String> sklearnModels,
            boolean cls) {
        List<Score> ours = models.get(variant);
        double worst = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < ours.size(); i++) {
            final int split = i;
            double best = sklearnModels.stream().mapToDouble(m -> models.get(m).get(split).metric()).max().orElseThrow();
            double gap = cls ? ours.get(i).wrongOrRmse() - sklearnModels.stream()
                    .mapToDouble(m -> models.get(m).get(split).wrongOrRmse()).min().orElseThrow()
                    : best - ours.get(i).metric();
            worst = Math.max(worst, gap);
        }
        return cls ? String.format(Locale.ROOT, "%+.0f rows", worst) : String.format(Locale.ROOT, "%+.3f", worst);
    }

    private static double mean(List<Score> scores) {
        return mean(scores, Score::metric);
    }

    private static double mean(List<Score> scores, ToDoubleFunction<Score> field) {
        return scores.stream().mapToDouble(field).average().orElse(Double.NaN);
    }

    /**
     * Splits the table's rows with {@code seed} (each class on its own for classification: its
     * shuffled rows, {@link #TRAIN} to train and {@link #VALID} to valid, rounded) and writes
     * {@code train.csv}, {@code valid.csv} and {@code test.csv}; returns the test rows.
     */
    static int writeSplit(CsvTable csv, Table table, long seed, Path dir) throws IOException {
        int target = csv.indexOf(table.target());
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int r = 0; r < csv.size(); r++) {
            groups.computeIfAbsent(table.classification() ? csv.rows().get(r)[target] : "", k -> new ArrayList<>())
                    .add(r);
        }
        Random random = new Random(seed);
        List<List<String>> train = new ArrayList<>();
        List<List<String>> valid = new ArrayList<>();
        List<List<String>> test = new ArrayList<>();
        for (List<Integer> rows : groups.values()) {
            Collections.shuffle(rows, random);
            long nTrain = Math.round(TRAIN * rows.size());
            long nValid = Math.round(VALID * rows.size());
            for (int i = 0; i < rows.size(); i++) {
                List<String> fields = Arrays.asList(csv.rows().get(rows.get(i)));
                (i < nTrain ? train : i < nTrain + nValid ? valid : test).add(fields);
            }
        }
        Files.createDirectories(dir);
        CsvTable.write(dir.resolve("train.csv"), csv.header(), train);
        CsvTable.write(dir.resolve("valid.csv"), csv.header(), valid);
        CsvTable.write(dir.resolve("test.csv"), csv.header(), test);
        return test.size();
    }

    /** One split's three files, read once for every variant. */
    private record SplitData(TabularData train, TabularData valid, TabularData test) {
    }

    /** Trains {@code variant} on the split's train rows (valid as validation rows) and scores its test rows. */
    private static Score ours(Table table, String variant, long seed, SplitData data) {
        TabularData train = data.train();
        TabularTransform transform = train.fitAll();
        DataSet trainSet = train.encode(transform);
        DataSet validSet = data.valid().encode(transform);
        DataSet testSet = data.test().encode(transform);
        TabularRecipe recipe = (table.classification() ? TabularRecipe.classifier(train.schema())
                : TabularRecipe.regressor(train.schema())).withSeed(seed).withProgress(Progress.LOG);
        long start = System.nanoTime();
        UnaryOperator<INDArray> predictor = VARIANTS.get(variant).train(recipe, trainSet, validSet);
        double seconds = (System.nanoTime() - start) / 1e9;
        return score(variant, table.classification(), predictor.apply(testSet.getFeatures()),
                recipe.classLabels(testSet).getLabels(), seconds);
    }

    /** Accuracy and wrong rows (arg-max, or 0.5 for one sigmoid output), or R² and RMSE. */
    static Score score(String model, boolean classification, INDArray output, INDArray labels, double seconds) {
        int n = (int) labels.size(0);
        if (classification) {
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                boolean right = labels.size(1) == 1
                        ? (output.getDouble(i, 0) >= 0.5) == (labels.getDouble(i, 0) >= 0.5)
                        : output.getRow(i).argMax().getInt(0) == labels.getRow(i).argMax().getInt(0);
                wrong += right ? 0 : 1;
            }
            return new Score(model, 1 - (double) wrong / n, wrong, seconds);
        }
        double[] y = labels.toDoubleVector();
        double[] p = output.toDoubleVector();
        double mean = Arrays.stream(y).average().orElseThrow();
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            sse += (y[i] - p[i]) * (y[i] - p[i]);
            sst += (y[i] - mean) * (y[i] - mean);
        }
        return new Score(model, 1 - sse / sst, Math.sqrt(sse / n), seconds);
    }

    private static TabularData read(Table table, Path file) {
        TabularData.Builder b = TabularData.fromCsv(file).target(table.target());
        if (!table.classification()) {
            b = b.targetKind(TargetKind.REGRESSION);
        }
        return b.build();
    }
}
